import type { Day } from './calendar';

/** A half-open validity interval [from, to); `to = null` means still open. */
export interface Interval {
  from: Day;
  to: Day | null;
}

/** Sorted, merged (overlapping or adjacent intervals joined), empty intervals dropped. */
export function normalize(intervals: readonly Interval[]): Interval[] {
  const list = intervals.filter((i) => i.to === null || i.to > i.from).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: Interval[] = [];
  for (const i of list) {
    const last = out[out.length - 1];
    if (last && (last.to === null || last.to >= i.from)) {
      if (last.to !== null && (i.to === null || i.to > last.to)) last.to = i.to;
    } else {
      out.push({ from: i.from, to: i.to });
    }
  }
  return out;
}

/** Cuts every interval at `end` (exclusive); intervals starting on or after it disappear. */
export function clip(intervals: readonly Interval[], end: Day | null): Interval[] {
  if (end === null) return intervals.map((i) => ({ ...i }));
  const out: Interval[] = [];
  for (const i of intervals) {
    if (i.from >= end) continue;
    out.push({ from: i.from, to: i.to === null || i.to > end ? end : i.to });
  }
  return out;
}

/** Intersection of one interval with a bound [from, to). */
export function intersect(i: Interval, bound: Interval): Interval | null {
  const from = i.from > bound.from ? i.from : bound.from;
  const to = i.to === null ? bound.to : bound.to === null ? i.to : i.to < bound.to ? i.to : bound.to;
  if (to !== null && to <= from) return null;
  return { from, to };
}

export function contains(intervals: readonly Interval[], day: Day): boolean {
  return intervals.some((i) => i.from <= day && (i.to === null || day < i.to));
}
