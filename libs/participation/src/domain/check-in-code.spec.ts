import {
  checkInCodeMatches,
  endOfTokyoDay,
  generateCheckInCode,
  hashCheckInCode,
  normalizeCheckInCode,
  tokyoDay,
} from './check-in-code';

describe('check-in code', () => {
  it('is six digits', () => {
    for (let i = 0; i < 200; i++) expect(generateCheckInCode()).toMatch(/^\d{6}$/);
  });

  it('uses the Asia/Tokyo calendar day', () => {
    expect(tokyoDay(new Date('2026-11-27T14:59:59Z'))).toBe('2026-11-27');
    expect(tokyoDay(new Date('2026-11-27T15:00:00Z'))).toBe('2026-11-28');
    expect(endOfTokyoDay('2026-11-28').toISOString()).toBe('2026-11-28T15:00:00.000Z');
  });

  it('binds the hash to project, day and secret', () => {
    const h = hashCheckInCode('s', 'p1', '2026-11-28', '123456');
    expect(checkInCodeMatches(h, hashCheckInCode('s', 'p1', '2026-11-28', '123456'))).toBe(true);
    expect(checkInCodeMatches(h, hashCheckInCode('s', 'p2', '2026-11-28', '123456'))).toBe(false);
    expect(checkInCodeMatches(h, hashCheckInCode('s', 'p1', '2026-11-29', '123456'))).toBe(false);
    expect(checkInCodeMatches(h, hashCheckInCode('t', 'p1', '2026-11-28', '123456'))).toBe(false);
    expect(checkInCodeMatches(h, hashCheckInCode('s', 'p1', '2026-11-28', '123457'))).toBe(false);
  });

  it('normalizes full-width digits and separators', () => {
    expect(normalizeCheckInCode('１２３ ４５６')).toBe('123456');
    expect(normalizeCheckInCode('123-456')).toBe('123456');
  });
});
