import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';

export type Summary = components['schemas']['StatsSummaryDto'];
export type ScopeStats = components['schemas']['StatsScopeDto'];
export type ChildScope = components['schemas']['ChildScopeDto'];

export function loadSummary(date: string): Promise<Summary> {
  return unwrap(api.GET('/api/v1/stats/summary', { params: { query: { date } } }));
}

/**
 * Nation ('nation', 'JP') → 47 prefectures; prefecture ('prefecture', '13') → its municipalities;
 * 広域リージョン ('custom', 'setouchi') → its member municipalities.
 */
export function loadScope(scopeType: 'nation' | 'prefecture' | 'custom', code: string, date: string): Promise<ScopeStats> {
  return unwrap(api.GET('/api/v1/stats/scopes/{scopeType}/{code}', { params: { path: { scopeType, code }, query: { date } } }));
}

export type MapMetric = 'real_persons' | 'cumulative_persons' | 'real_persons_per1000';

/** One child's value for the map / table. `value` null + suppressed = 秘匿 (1 ≤ n < k). */
export interface Cell {
  code: string;
  name: string;
  value: number | null;
  suppressed: boolean;
  label?: string;
}

export function cellsOf(stats: ScopeStats | null, metric: MapMetric): Cell[] {
  if (!stats) return [];
  const id = metric === 'real_persons_per1000' ? 'real_persons' : metric;
  return stats.children.map((child) => {
    const m = child.metrics.find((x) => x.metric === id);
    const suppressed = m?.suppressed === true || (m !== undefined && m.value === null);
    const value = metric === 'real_persons_per1000' ? (m?.per1000Residents ?? null) : (m?.value ?? null);
    return { code: child.code, name: child.name, value: suppressed ? null : value, suppressed, label: m?.label };
  });
}

export type CustomRegion = components['schemas']['CustomRegionDto'];

/** The admin-defined 広域リージョン (hq_analyst, admin). */
export function loadCustomRegions(): Promise<CustomRegion[]> {
  return unwrap(api.GET('/api/v1/stats/custom-regions')).then((r) => r.items);
}

export type Timeseries = components['schemas']['StatsTimeseriesDto'];

export function loadSeries(metric: 'real_persons' | 'cumulative_persons', interval: 'month' | 'fiscal_year', from: string, to: string): Promise<Timeseries> {
  return unwrap(api.GET('/api/v1/stats/timeseries', { params: { query: { scopeType: 'nation', code: 'JP', metric, interval, from, to } } }));
}
