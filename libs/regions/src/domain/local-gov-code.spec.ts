import { checkDigit, parseLocalGovCode } from './local-gov-code';

describe('全国地方公共団体コード check digit', () => {
  it.each([
    ['13101', 6], // 千代田区: sum 27, remainder 5
    ['01100', 2], // 札幌市: remainder 9
    ['01205', 0], // 室蘭市: remainder 1 → 0
    ['01213', 1], // 苫小牧市: remainder 0 → 1
  ])('%s → %i', (code5, digit) => {
    expect(checkDigit(code5)).toBe(digit);
  });

  it('accepts 5 and 6 digits, full-width too, and normalizes to 6', () => {
    expect(parseLocalGovCode('13101')).toEqual({ ok: true, code6: '131016', code5: '13101', prefectureCode: '13' });
    expect(parseLocalGovCode('012131')).toMatchObject({ ok: true, code6: '012131' });
    expect(parseLocalGovCode('０１２１３１')).toMatchObject({ ok: true, code6: '012131' });
  });

  it('rejects a wrong check digit, wrong lengths and impossible prefectures', () => {
    expect(parseLocalGovCode('131017')).toEqual({ ok: false, reason: 'check_digit' });
    expect(parseLocalGovCode('1310')).toEqual({ ok: false, reason: 'format' });
    expect(parseLocalGovCode('abcde')).toEqual({ ok: false, reason: 'format' });
    expect(parseLocalGovCode('99001')).toEqual({ ok: false, reason: 'format' });
  });
});
