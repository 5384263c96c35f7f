/** Japan has no daylight saving time: Asia/Tokyo is always UTC+9. */
const JST_OFFSET_MS = 9 * 3600 * 1000;

export interface QuietHours {
  /** Hour (0–23, Japan time) when quiet hours begin, inclusive. */
  start: number;
  /** Hour (0–23, Japan time) when they end, exclusive. `start > end` wraps over midnight. */
  end: number;
}

function inQuiet(hour: number, q: QuietHours): boolean {
  if (q.start === q.end) return false;
  return q.start < q.end ? hour >= q.start && hour < q.end : hour >= q.start || hour < q.end;
}

/**
 * When a non-urgent email may be sent: `now` outside quiet hours, else the next end of quiet
 * hours (Japan time).
 */
export function nextSendTime(now: Date, quiet: QuietHours | null): Date {
  if (!quiet) return now;
  const jst = new Date(now.getTime() + JST_OFFSET_MS);
  if (!inQuiet(jst.getUTCHours(), quiet)) return now;
  const end = new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate(), quiet.end, 0, 0, 0));
  if (end.getTime() <= jst.getTime()) end.setUTCDate(end.getUTCDate() + 1);
  return new Date(end.getTime() - JST_OFFSET_MS);
}
