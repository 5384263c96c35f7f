import { milestoneSchedule, plannedValue, progress } from './targets';

const national = { targetFiscalYear: 2034, targetValue: 10_000_000, baselineDate: '2025-04-01', baselineValue: 0, milestones: [] };

describe('targets', () => {
  it('follows the straight line from the baseline to the end of the target 年度', () => {
    expect(plannedValue(national, '2025-04-01')).toBe(0);
    expect(plannedValue(national, '2035-03-31')).toBe(10_000_000);
    const mid = plannedValue(national, '2030-04-01');
    expect(mid).toBeGreaterThan(4_990_000);
    expect(mid).toBeLessThan(5_010_000);
  });

  it('states the gap against the path', () => {
    const p = progress(national, 1_000_000, '2030-04-01');
    expect(p.gap).toBe(1_000_000 - p.planned);
    expect(p.gap).toBeLessThan(0);
    expect(p.achievementRate).toBe(0.1);
  });

  it('milestones at 1, 3 and 5 years, explicit ones kept', () => {
    const m = milestoneSchedule({ ...national, milestones: [{ fiscalYear: 2028, value: 123 }] });
    expect(m.map((x) => x.fiscalYear)).toEqual([2026, 2028, 2030]);
    expect(m[1]).toEqual({ years: 3, fiscalYear: 2028, value: 123, explicit: true });
    expect(m[0].explicit).toBe(false);
    expect(m[0].value).toBe(plannedValue(national, '2027-03-31'));
  });
});
