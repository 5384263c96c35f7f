import { digestWeek } from './project-digest.service';

describe('digestWeek (Japan time)', () => {
  it('names the week by its Monday in Japan and covers the 7 days before it', () => {
    // Monday 09:00 JST, the scheduled run.
    expect(digestWeek(new Date('2026-11-30T00:00:00Z'))).toEqual({
      week: '2026-11-30',
      since: new Date('2026-11-22T15:00:00Z'),
      until: new Date('2026-11-29T15:00:00Z'),
    });
    // A retry on Wednesday is the same week: same key, same window.
    expect(digestWeek(new Date('2026-12-02T10:00:00Z')).week).toBe('2026-11-30');
  });

  it('switches weeks at Monday 00:00 in Japan, not in UTC', () => {
    expect(digestWeek(new Date('2026-11-29T14:59:59Z')).week).toBe('2026-11-23'); // Sunday 23:59:59 JST
    expect(digestWeek(new Date('2026-11-29T15:00:00Z')).week).toBe('2026-11-30'); // Monday 00:00 JST
  });
});
