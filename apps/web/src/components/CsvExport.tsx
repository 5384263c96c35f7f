// Server-side CSV export of a statistics table (GET /stats/export). The request goes through the
// authenticated API client (bearer token, refresh on 401), and the file is handed to the browser as
// a Blob download: a plain link could not carry the token. UTF-8 with BOM (Excel opens it as
// UTF-8) by default; CP932 (Shift_JIS) for older municipal tools.
import { useId, useState } from 'react';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { useI18n } from '../i18n';
import { Button, ErrorState, Notice, useSubmit } from './ui';

export type ExportQuery = Omit<NonNullable<paths['/api/v1/stats/export']['get']['parameters']['query']>, 'encoding'>;

function filenameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain?.[1] ?? fallback;
}

function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function CsvExport({ query, label, disabled }: { query: ExportQuery; label?: string; disabled?: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const [encoding, setEncoding] = useState<'utf8' | 'cp932'>('utf8');
  const [done, setDone] = useState<{ filename: string; unmappable: string | null } | null>(null);

  const { busy, error, onSubmit: run } = useSubmit(async () => {
    setDone(null);
    let response: Response | undefined;
    const blob = await unwrap(
      api.GET('/api/v1/stats/export', { params: { query: { ...query, encoding } }, parseAs: 'blob' }).then((r) => {
        response = r.response;
        return r;
      }),
    );
    const filename = filenameOf(response?.headers.get('content-disposition') ?? null, `kakawari_${query.table}${query.code ? `_${query.code}` : ""}.csv`);
    save(blob as Blob, filename);
    setDone({ filename, unmappable: response?.headers.get('x-unmappable-characters') ?? null });
  });

  return (
    <div className="csv-export">
      <div className="csv-export__row">
        <div className="field">
          <label htmlFor={`${id}-enc`} className="field__label">{t('文字コード', 'Encoding')}</label>
          <select id={`${id}-enc`} className="input select" value={encoding} onChange={(e) => setEncoding(e.target.value as 'utf8' | 'cp932')}>
            <option value="utf8">{t('UTF-8（BOM付き・Excel対応）', 'UTF-8 (with BOM, opens in Excel)')}</option>
            <option value="cp932">{t('Shift_JIS（CP932）', 'Shift_JIS (CP932)')}</option>
          </select>
        </div>
        <Button variant="secondary" busy={busy} disabled={disabled} onClick={() => run()}>
          {label ?? t('CSVをダウンロード', 'Download CSV')}
        </Button>
      </div>
      <div aria-live="polite">
        {done && (
          <Notice tone={done.unmappable ? 'warning' : 'success'}>
            {t(`${done.filename} をダウンロードしました。`, `Downloaded ${done.filename}.`)}
            {done.unmappable && t(`Shift_JIS で表せない文字（${done.unmappable}）は「?」に置き換えています。`, ` Characters Shift_JIS lacks (${done.unmappable}) were written as "?".`)}
          </Notice>
        )}
      </div>
      {error && <ErrorState error={error} onRetry={() => run()} />}
    </div>
  );
}
