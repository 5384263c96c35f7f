/** Emails are compared in one canonical form: Unicode NFKC, trimmed, lower-case. */
export function normalizeEmail(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}
