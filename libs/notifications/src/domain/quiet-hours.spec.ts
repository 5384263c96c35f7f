import { nextSendTime } from './quiet-hours';

describe('nextSendTime (quiet hours, Asia/Tokyo)', () => {
  const q = { start: 22, end: 7 };
  it('sends at once outside quiet hours', () => {
    const now = new Date('2026-05-01T03:00:00Z'); // 12:00 JST
    expect(nextSendTime(now, q)).toEqual(now);
    expect(nextSendTime(now, null)).toEqual(now);
  });
  it('waits until 07:00 JST the next morning when it is 23:30 JST', () => {
    expect(nextSendTime(new Date('2026-05-01T14:30:00Z'), q).toISOString()).toBe('2026-05-01T22:00:00.000Z');
  });
  it('waits until 07:00 JST the same morning when it is 02:00 JST', () => {
    expect(nextSendTime(new Date('2026-04-30T17:00:00Z'), q).toISOString()).toBe('2026-04-30T22:00:00.000Z');
  });
  it('handles a window that does not wrap, and an empty one', () => {
    expect(nextSendTime(new Date('2026-05-01T04:00:00Z'), { start: 12, end: 14 }).toISOString()).toBe('2026-05-01T05:00:00.000Z');
    const now = new Date('2026-05-01T04:00:00Z');
    expect(nextSendTime(now, { start: 5, end: 5 })).toEqual(now);
  });
});
