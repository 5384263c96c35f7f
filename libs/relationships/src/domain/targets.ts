import { daysBetween, fiscalYearEnd, fiscalYearOf, type Day } from './calendar';

export interface TargetDefinition {
  targetFiscalYear: number;
  targetValue: number;
  baselineDate: Day;
  baselineValue: number;
  /** 工程表: explicit milestone values by fiscal year (1, 3 and 5 years after the baseline). */
  milestones: { fiscalYear: number; value: number }[];
}

/** The straight-line path from the baseline to the target at the end of the target 年度, on `date`. */
export function plannedValue(t: TargetDefinition, date: Day): number {
  const end = fiscalYearEnd(t.targetFiscalYear);
  const total = daysBetween(t.baselineDate, end);
  if (total <= 0 || date >= end) return t.targetValue;
  if (date <= t.baselineDate) return t.baselineValue;
  return Math.round(t.baselineValue + ((t.targetValue - t.baselineValue) * daysBetween(t.baselineDate, date)) / total);
}

/** 1-, 3- and 5-year milestones: explicit ones, else the straight-line value at that 年度's end. */
export function milestoneSchedule(t: TargetDefinition): { years: number; fiscalYear: number; value: number; explicit: boolean }[] {
  const base = fiscalYearOf(t.baselineDate);
  return [1, 3, 5].map((years) => {
    const fy = base + years;
    const explicit = t.milestones.find((m) => m.fiscalYear === fy);
    return explicit
      ? { years, fiscalYear: fy, value: explicit.value, explicit: true }
      : { years, fiscalYear: fy, value: plannedValue(t, fiscalYearEnd(fy)), explicit: false };
  });
}

export function progress(t: TargetDefinition, actual: number, date: Day) {
  const planned = plannedValue(t, date);
  return {
    actual,
    planned,
    /** actual − planned: negative = behind the straight-line path. */
    gap: actual - planned,
    achievementRate: t.targetValue > 0 ? Math.round((actual / t.targetValue) * 10_000) / 10_000 : null,
  };
}

export interface ProgressFigures {
  baselineValue: number | null;
  milestones: { years: number; fiscalYear: number; value: number | null; explicit: boolean }[];
  actual: number | null;
  planned: number | null;
  gap: number | null;
  achievementRate: number | null;
  suppressed?: true;
  label?: string;
}

/**
 * Suppression (PRODUCT.md §4) of a KPI progress card below prefecture level: when the actual or the
 * baseline count is 1 ≤ v < k, every figure computed from a count goes — the actual, the baseline,
 * the straight-line value on the date and the derived milestones (both reveal the baseline), the
 * gap and the rate. The target and explicitly set milestones are the staff's own numbers and stay.
 */
export function suppressProgress<T extends ProgressFigures>(item: T, k: number): Omit<T, keyof ProgressFigures> & ProgressFigures {
  const small = (v: number | null) => v !== null && v >= 1 && v < k;
  if (!small(item.actual) && !small(item.baselineValue)) return item;
  return {
    ...item,
    baselineValue: null,
    milestones: item.milestones.map((m) => (m.explicit ? m : { ...m, value: null })),
    actual: null,
    planned: null,
    gap: null,
    achievementRate: null,
    suppressed: true,
    label: `${k}未満`,
  };
}
