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
