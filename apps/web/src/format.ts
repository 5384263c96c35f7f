// Japanese number, date and fiscal-year formatting. 年度 runs April–March (Japan time).
export type Lang = 'ja' | 'en';

const nf = new Intl.NumberFormat('ja-JP');
const nf1 = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });
const nf2 = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 2 });

export function formatNumber(n: number): string {
  return nf.format(n);
}

/** 12,345,678 → 「1,234.6万」, 123,456,789 → 「1.23億」; below 1万 the plain number. */
export function formatJaLarge(n: number, lang: Lang = 'ja'): string {
  if (lang === 'en') {
    if (Math.abs(n) >= 1e6) return `${nf2.format(n / 1e6)}M`;
    return nf.format(n);
  }
  if (Math.abs(n) >= 1e8) return `${nf2.format(n / 1e8)}億`;
  if (Math.abs(n) >= 1e4) return `${nf1.format(n / 1e4)}万`;
  return nf.format(n);
}

export function formatPercent(ratio: number): string {
  return new Intl.NumberFormat('ja-JP', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** The fiscal year (年度) a calendar date (YYYY-MM-DD or Date) falls in. */
export function fiscalYearOf(date: string | Date): number {
  const d = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T00:00:00+09:00`) : date;
  const jst = new Date(d.getTime() + 9 * 3600 * 1000);
  const y = jst.getUTCFullYear();
  return jst.getUTCMonth() >= 3 ? y : y - 1;
}

/** 2019 → 令和元年, 2026 → 令和8年 (Reiwa began 2019-05-01; 年度 2019 is 令和元年度 by convention). */
export function warekiYear(year: number): string {
  if (year >= 2019) {
    const n = year - 2018;
    return `令和${n === 1 ? '元' : n}`;
  }
  const n = year - 1988;
  return `平成${n === 1 ? '元' : n}`;
}

/** 2026 → 「2026年度（令和8年度）」 / "FY2026". */
export function fiscalYearLabel(fy: number, lang: Lang = 'ja'): string {
  return lang === 'en' ? `FY${fy}` : `${fy}年度（${warekiYear(fy)}年度）`;
}

export function formatDate(iso: string | null | undefined, lang: Lang = 'ja'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ja-JP', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(d);
}

export function formatDateTime(iso: string | null | undefined, lang: Lang = 'ja'): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ja-JP', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(iso));
}

export function todayJst(): string {
  return new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * Straight-line path from 0 at `startFy`-04-01 to `target` at the end of `targetFy` (31 March):
 * the value the path expects on `date`.
 */
export function straightLinePath(target: number, date: string, startFy = 2025, targetFy = 2034): number {
  const start = Date.parse(`${startFy}-04-01T00:00:00+09:00`);
  const end = Date.parse(`${targetFy + 1}-03-31T00:00:00+09:00`);
  const at = Date.parse(`${date}T00:00:00+09:00`);
  const f = Math.min(1, Math.max(0, (at - start) / (end - start)));
  return Math.round(target * f);
}
