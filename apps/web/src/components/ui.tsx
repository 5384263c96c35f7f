import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { ApiError } from '../api/problem';
import { useI18n } from '../i18n';

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError({ title: String(e), status: 0 });
}

/** Runs an async loader, re-running when deps change; exposes loading / error / data. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ loading: boolean; error: ApiError | null; data: T | null }>({
    loading: true,
    error: null,
    data: null,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => live && setState({ loading: false, error: null, data }),
      (e: unknown) => live && setState({ loading: false, data: null, error: toApiError(e) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload, setData: (data: T) => setState({ loading: false, error: null, data }) };
}

/** One action at a time: `busy` while it runs (a second start meanwhile is ignored), and the API error it threw. */
function useRunner() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = useRef(false);
  const run = async (action: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/**
 * A form's submit: `busy` while `action` runs (a second submit meanwhile is ignored), and the API error it threw (problem
 * details), cleared on the next try. `onSubmit` also serves a button outside a form (called without an event).
 */
export function useSubmit(action: () => Promise<void>): {
  busy: boolean;
  error: ApiError | null;
  setError: (e: ApiError | null) => void;
  onSubmit: (e?: FormEvent) => Promise<void>;
} {
  const { busy, error, setError, run } = useRunner();
  const onSubmit = (e?: FormEvent) => {
    e?.preventDefault();
    return run(action);
  };
  return { busy, error, setError, onSubmit };
}

/**
 * Several buttons of one page sharing one busy state, error and success notice: `run(action, message)` shows
 * `message` once `action` succeeded, then calls `after` (e.g. reloads what the page shows).
 */
export function useActions(after?: () => void, initialNotice: string | null = null): {
  busy: boolean;
  error: ApiError | null;
  setError: (e: ApiError | null) => void;
  notice: string | null;
  setNotice: (notice: string | null) => void;
  run: (action: () => Promise<unknown>, message: string) => Promise<void>;
} {
  const runner = useRunner();
  const [notice, setNotice] = useState<string | null>(initialNotice);
  const run = (action: () => Promise<unknown>, message: string) =>
    runner.run(async () => {
      setNotice(null);
      await action();
      setNotice(message);
      after?.();
    });
  return { busy: runner.busy, error: runner.error, setError: runner.setError, notice, setNotice, run };
}

/** The page's h1; receives focus after client-side navigation so screen readers announce it. */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (typeof children === 'string') document.title = `${children}｜関わり`;
    if (document.body.dataset.navigated) ref.current?.focus();
    document.body.dataset.navigated = '1';
  }, [children]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldShell({ id, label, error, hint, required, children }: FieldProps & { id: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required && <span className="field__required">{t('必須', 'Required')}</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={`${id}-error`} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({ label, error, hint, required, id: givenId, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const auto = useId();
  const id = givenId ?? auto;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required}>
      <input
        id={id}
        className="input"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...input}
      />
    </FieldShell>
  );
}

export function TextArea({ label, error, hint, required, id: givenId, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const auto = useId();
  const id = givenId ?? auto;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required}>
      <textarea
        id={id}
        className="input textarea"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...input}
      />
    </FieldShell>
  );
}

export function SelectField({
  label,
  error,
  hint,
  required,
  id: givenId,
  options,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: Array<{ value: string; label: string }> }) {
  const auto = useId();
  const id = givenId ?? auto;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required}>
      <select
        id={id}
        className="input select"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function Button({
  variant = 'primary',
  busy,
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'text'; busy?: boolean }) {
  return (
    <button type="button" className={`btn btn--${variant}`} aria-busy={busy || undefined} disabled={busy || rest.disabled} {...rest}>
      {children}
    </button>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('読み込み中…', 'Loading…')}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state--empty">
      <p className="state__title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">{error.problem.title}</p>
      {error.problem.detail && <p>{error.problem.detail}</p>}
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          {t('再読み込み', 'Retry')}
        </Button>
      )}
    </div>
  );
}

/** A form-level error summary listing field errors as links to their fields (GOV/デジタル庁 pattern). */
export function ErrorSummary({ error, fieldIds }: { error: ApiError | null; fieldIds?: Record<string, string> }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  // Unique per summary: a page with several forms may show more than one at a time.
  const titleId = `${useId()}-error-summary-title`;
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const errors = error.problem.errors ?? [];
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby={titleId}>
      <p id={titleId} className="error-summary__title">
        {error.problem.title || t('入力内容を確認してください', 'Please check your input')}
      </p>
      {error.problem.detail && <p>{error.problem.detail}</p>}
      {errors.length > 0 && (
        <ul>
          {errors.map((e) => (
            <li key={e.field + e.code}>
              {fieldIds?.[e.field] ? <a href={`#${fieldIds[e.field]}`}>{e.message}</a> : e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  return (
    <div className={`notice notice--${tone}`} role="status">
      {children}
    </div>
  );
}

export function StatusBadge({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'good' | 'warn' | 'bad' | 'info' }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
