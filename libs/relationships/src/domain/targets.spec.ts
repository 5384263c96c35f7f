import { milestoneSchedule, plannedValue, progress, suppressProgress } from './targets';

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

  it('suppresses every count-derived figure when the actual or the baseline is 1 ≤ v < k', () => {
    const t = { ...national, baselineValue: 4, milestones: [{ fiscalYear: 2028, value: 123 }] };
    const item = { ...progress(t, 7, '2030-04-01'), baselineValue: 4, milestones: milestoneSchedule(t), targetValue: t.targetValue };
    const s = suppressProgress(item, 10);
    expect(s).toMatchObject({ actual: null, baselineValue: null, planned: null, gap: null, achievementRate: null, suppressed: true, label: '10未満', targetValue: t.targetValue });
    expect(s.milestones.filter((m) => m.explicit)).toEqual([{ years: 3, fiscalYear: 2028, value: 123, explicit: true }]);
    expect(s.milestones.filter((m) => !m.explicit).every((m) => m.value === null)).toBe(true);
    // zero and ≥ k are shown as they are
    expect(suppressProgress({ ...item, actual: 0, baselineValue: 0 }, 10)).toMatchObject({ actual: 0, baselineValue: 0 });
    expect(suppressProgress({ ...item, actual: 10, baselineValue: 12 }, 10).suppressed).toBeUndefined();
  });
});
