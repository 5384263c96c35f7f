/**
 * 法人番号 (corporate number, 13 digits). The FIRST digit is the check digit of the 12-digit base:
 * check = 9 − (Σ_{n=1..12} P_n × Q_n mod 9), where P_n is the n-th digit of the base counted from
 * the right and Q_n is 1 for odd n, 2 for even n (国税庁「法人番号の指定」, 検査用数字の計算方法).
 */
export function corporateNumberCheckDigit(base12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/** True for 13 ASCII digits whose first digit is the check digit of the other twelve. */
export function isValidCorporateNumber(input: string): boolean {
  if (!/^[0-9]{13}$/.test(input)) return false;
  return corporateNumberCheckDigit(input.slice(1)) === Number(input[0]);
}
