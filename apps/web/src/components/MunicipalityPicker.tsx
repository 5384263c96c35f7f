import { useEffect, useId, useRef, useState } from 'react';
import type { Municipality } from '../api/types';
import { useI18n } from '../i18n';
import { loadMunicipality, loadPrefectures, searchMunicipalities } from '../regions';

/**
 * Combobox over the 1,741 municipalities: type kanji or kana (e.g. 「さっぽろ」), results come from
 * GET /regions/municipalities?q= after a 250 ms pause; arrows + Enter or click choose.
 */
export function MunicipalityPicker({
  label,
  value,
  onChange,
  error,
  required,
  id: givenId,
}: {
  label: string;
  value: string | null;
  onChange(code: string | null): void;
  error?: string;
  required?: boolean;
  id?: string;
}) {
  const { t } = useI18n();
  const auto = useId();
  const id = givenId ?? auto;
  const listId = `${id}-list`;
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<Municipality[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<string>('');
  const [prefNames, setPrefNames] = useState<Record<string, string>>({});
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    loadPrefectures().then((ps) => setPrefNames(Object.fromEntries(ps.map((p) => [p.code, p.name]))), () => undefined);
  }, []);

  useEffect(() => {
    if (!value) {
      setSelected('');
      return;
    }
    loadMunicipality(value).then((m) => setSelected(m ? m.name : value));
  }, [value]);

  useEffect(() => {
    window.clearTimeout(timer.current);
    if (!query.trim()) {
      setItems([]);
      return;
    }
    timer.current = window.setTimeout(() => {
      setBusy(true);
      searchMunicipalities(query.trim())
        .then((found) => {
          setItems(found);
          setActive(found.length ? 0 : -1);
          setOpen(true);
        }, () => setItems([]))
        .finally(() => setBusy(false));
    }, 250);
    return () => window.clearTimeout(timer.current);
  }, [query]);

  const choose = (m: Municipality) => {
    onChange(m.code);
    setSelected(m.name);
    setQuery('');
    setOpen(false);
  };

  const describedBy = [`${id}-hint`, `${id}-status`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required && <span className="field__required">{t('必須', 'Required')}</span>}
      </label>
      <p id={`${id}-hint`} className="field__hint">
        {t('市区町村名をかな・漢字で入力（例：さっぽろ、ちよだ）', 'Type the name in kana or kanji (e.g. さっぽろ)')}
      </p>
      <p id={`${id}-status`} className="picker__current" aria-live="polite">
        {t('選択中：', 'Selected: ')}
        <strong>{selected || t('未選択', 'none')}</strong>
        {value && !required && (
          <button type="button" className="btn btn--text btn--inline" onClick={() => onChange(null)}>
            {t('選択を解除', 'Clear')}
          </button>
        )}
      </p>
      <div className="picker">
        <input
          id={id}
          className="input"
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open && items.length > 0}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setOpen(true);
              setActive((a) => Math.min(items.length - 1, a + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === 'Enter' && open && items[active]) {
              e.preventDefault();
              choose(items[active]);
            } else if (e.key === 'Escape') {
              setOpen(false);
            }
          }}
          onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        />
        {busy && <span className="picker__busy" role="status">{t('検索中…', 'Searching…')}</span>}
        <ul id={listId} role="listbox" aria-label={label} className="picker__list" hidden={!open || items.length === 0}>
          {items.map((m, i) => (
            <li
              key={m.code}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`picker__option${i === active ? ' picker__option--active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(m);
              }}
            >
              <span>{m.name}</span>
              <span className="picker__meta">
                {m.nameKana}・{prefNames[m.prefectureCode] ?? m.prefectureCode}
              </span>
            </li>
          ))}
        </ul>
        {open && !busy && query.trim() && items.length === 0 && (
          <p className="field__hint" role="status">
            {t('該当する市区町村がありません', 'No matching municipality')}
          </p>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}
