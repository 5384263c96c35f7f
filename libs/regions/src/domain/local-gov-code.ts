/**
 * 全国地方公共団体コード (JIS X 0402 + check digit).
 * Check digit of d1..d5: (11 − (6·d1+5·d2+4·d3+3·d4+2·d5) mod 11) mod 10 — remainder 0 gives 1,
 * remainder 1 gives 0.
 */
export function checkDigit(code5: string): number {
  if (!/^\d{5}$/.test(code5)) throw new Error(`not a 5-digit code: ${code5}`);
  const weights = [6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(code5[i]), 0);
  return (11 - (sum % 11)) % 10;
}

export type ParsedCode =
  | { ok: true; code6: string; code5: string; prefectureCode: string }
  | { ok: false; reason: 'format' | 'check_digit' };

/** Accepts 5 or 6 digits (full-width digits and surrounding spaces tolerated). */
export function parseLocalGovCode(input: string): ParsedCode {
  const normalized = input.normalize('NFKC').trim();
  if (!/^\d{5,6}$/.test(normalized)) return { ok: false, reason: 'format' };
  const code5 = normalized.slice(0, 5);
  const expected = checkDigit(code5);
  if (normalized.length === 6 && Number(normalized[5]) !== expected) {
    return { ok: false, reason: 'check_digit' };
  }
  const prefectureCode = code5.slice(0, 2);
  const pref = Number(prefectureCode);
  if (pref < 1 || pref > 47) return { ok: false, reason: 'format' };
  return { ok: true, code6: `${code5}${expected}`, code5, prefectureCode };
}

export function isValidCode6(code6: string): boolean {
  const parsed = parseLocalGovCode(code6);
  return parsed.ok && code6.length === 6;
}
