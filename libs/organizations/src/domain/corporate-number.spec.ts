import { corporateNumberCheckDigit, isValidCorporateNumber } from './corporate-number';

describe('法人番号 check digit', () => {
  it('accepts real corporate numbers', () => {
    expect(isValidCorporateNumber('7000012050002')).toBe(true); // 国税庁
    expect(isValidCorporateNumber('1180301018771')).toBe(true); // トヨタ自動車株式会社
    expect(corporateNumberCheckDigit('000012050002')).toBe(7);
  });
  it('refuses a wrong check digit, wrong length and non-digits', () => {
    expect(isValidCorporateNumber('8000012050002')).toBe(false);
    expect(isValidCorporateNumber('700001205000')).toBe(false);
    expect(isValidCorporateNumber('70000120500０2')).toBe(false);
  });
});
