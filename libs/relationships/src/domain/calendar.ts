/**
 * Calendar rules of the counting engine. A day is an ISO date string `YYYY-MM-DD` in Asia/Tokyo
 * (JST has no daylight saving: UTC+9 all year). Strings compare in date order.
 */
export type Day = string;

const JST_OFFSET_MS = 9 * 3600 * 1000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The Asia/Tokyo calendar day of an instant. */
export function tokyoDay(instant: Date | string): Day {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(t)) throw new Error(`invalid instant: ${String(instant)}`);
  return new Date(t + JST_OFFSET_MS).toISOString().slice(0, 10);
}

export function isDay(value: string): boolean {
  if (!DAY_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function parts(day: Day): [number, number, number] {
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

function fmt(y: number, m: number, d: number): Day {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(day: Day, n: number): Day {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Same day-of-month n months later, clamped to the month's last day (1/31 + 1 month = 2/28). */
export function addMonths(day: Day, n: number): Day {
  const [y, m, d] = parts(day);
  const idx = y * 12 + (m - 1) + n;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return fmt(ny, nm, Math.min(d, last));
}

export function monthStart(day: Day): Day {
  return `${day.slice(0, 7)}-01`;
}

export function monthEnd(day: Day): Day {
  return addDays(addMonths(monthStart(day), 1), -1);
}

/** 年度: April–March; FY2025 is 2025-04-01 … 2026-03-31. */
export function fiscalYearOf(day: Day): number {
  const [y, m] = parts(day);
  return m >= 4 ? y : y - 1;
}

export function fiscalYearStart(fy: number): Day {
  return fmt(fy, 4, 1);
}

export function fiscalYearEnd(fy: number): Day {
  return fmt(fy + 1, 3, 31);
}

export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function minDay(a: Day | null, b: Day | null): Day | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
