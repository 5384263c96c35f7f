/** The published metrics of PRODUCT.md §4. Every number the API returns carries `id@version`. */
export type ScopeType = 'nation' | 'chiho8' | 'kouiki' | 'custom' | 'prefecture' | 'municipality';
export const SCOPE_TYPES: readonly ScopeType[] = ['nation', 'chiho8', 'kouiki', 'custom', 'prefecture', 'municipality'];
export const NATION_CODE = 'JP';

export interface ScopeRef {
  type: ScopeType;
  code: string;
}

/** Point metrics are a count on a date; period metrics sum events within a period. */
export type MetricKind = 'point' | 'period';

export interface MetricDefinition {
  id: string;
  version: number;
  kind: MetricKind;
  ja: string;
}

export const METRICS = {
  real_persons: { id: 'real_persons', version: 1, kind: 'point', ja: '実人数' },
  cumulative_persons: { id: 'cumulative_persons', version: 1, kind: 'point', ja: '延べ人数' },
  registered_real_persons: { id: 'registered_real_persons', version: 1, kind: 'point', ja: '登録実人数' },
  registered_cumulative_persons: { id: 'registered_cumulative_persons', version: 1, kind: 'point', ja: '登録延べ人数' },
  activity_real_persons: { id: 'activity_real_persons', version: 1, kind: 'point', ja: '活動による実人数' },
  activity_cumulative_persons: { id: 'activity_cumulative_persons', version: 1, kind: 'point', ja: '活動による延べ人数' },
  premium_persons: { id: 'premium_persons', version: 1, kind: 'point', ja: 'プレミアム実人数' },
  premium_cumulative_persons: { id: 'premium_cumulative_persons', version: 1, kind: 'point', ja: 'プレミアム延べ人数' },
  activities: { id: 'activities', version: 1, kind: 'period', ja: '延べ参加回数' },
  active_persons: { id: 'active_persons', version: 1, kind: 'period', ja: '活動実人数' },
  new_real_persons: { id: 'new_real_persons', version: 1, kind: 'period', ja: '新規実人数' },
  new_cumulative_persons: { id: 'new_cumulative_persons', version: 1, kind: 'period', ja: '新規延べ人数' },
} as const satisfies Record<string, MetricDefinition>;

export type MetricId = keyof typeof METRICS;
export const METRIC_IDS = Object.keys(METRICS) as MetricId[];

/**
 * Stored series. `active_persons` is a distinct count, so it is stored per calendar month and per
 * 年度 (one +1 per person, scope and period); every other series is additive over days.
 */
export type SeriesId = Exclude<MetricId, 'active_persons'> | 'active_persons_month' | 'active_persons_fy';

/** Interval families: which relationships a point metric counts. */
export type Family = 'all' | 'registration' | 'activity' | 'premium';
export const FAMILIES: readonly Family[] = ['all', 'registration', 'activity', 'premium'];

export const FAMILY_METRICS: Record<Family, { real: SeriesId; cumulative: SeriesId }> = {
  all: { real: 'real_persons', cumulative: 'cumulative_persons' },
  registration: { real: 'registered_real_persons', cumulative: 'registered_cumulative_persons' },
  activity: { real: 'activity_real_persons', cumulative: 'activity_cumulative_persons' },
  premium: { real: 'premium_persons', cumulative: 'premium_cumulative_persons' },
};

/**
 * The series actually stored for `series` at `scopeType`. Inside one municipality a person has one
 * pair, so 実人数 equals 延べ there (and 新規実人数 equals 新規延べ): only the 延べ series is stored at
 * municipality scope — a third fewer rows to write per activity — and 実人数 reads it.
 */
export function storedSeries(series: SeriesId, scopeType: ScopeType): SeriesId {
  return scopeType === 'municipality' ? (REAL_TWIN[series] ?? series) : series;
}

const REAL_TWIN: Partial<Record<SeriesId, SeriesId>> = {
  ...Object.fromEntries(Object.values(FAMILY_METRICS).map(({ real, cumulative }) => [real, cumulative])),
  new_real_persons: 'new_cumulative_persons',
};

export function metricLabel(id: MetricId): string {
  return `${METRICS[id].id}@${METRICS[id].version}`;
}

/** Prefecture (2 digits) of a 6-digit 全国地方公共団体コード. */
export function prefectureOf(municipalityCode: string): string {
  return municipalityCode.slice(0, 2);
}

/**
 * prefecture code → the region scopes (chiho8, kouiki) containing it, and `m:<municipality code>`
 * → the admin-defined 広域リージョン (scope type `custom`) containing that municipality.
 */
export type RegionIndex = ReadonlyMap<string, readonly ScopeRef[]>;

/** The index plus admin-defined regions (named sets of municipalities). */
export function withCustomRegions(base: RegionIndex, customs: readonly { code: string; municipalityCodes: readonly string[] }[]): RegionIndex {
  const index = new Map(base);
  for (const r of customs) {
    for (const m of new Set(r.municipalityCodes)) {
      const key = `m:${m}`;
      index.set(key, [...(index.get(key) ?? []), { type: 'custom', code: r.code }]);
    }
  }
  return index;
}

export function buildRegionIndex(regions: readonly { scheme: string; code: string; prefectureCodes: readonly string[] }[]): RegionIndex {
  const index = new Map<string, ScopeRef[]>();
  for (const r of regions) {
    if (r.scheme !== 'chiho8' && r.scheme !== 'kouiki') continue;
    for (const p of r.prefectureCodes) {
      const list = index.get(p) ?? [];
      list.push({ type: r.scheme, code: r.code });
      index.set(p, list);
    }
  }
  return index;
}

/** Every scope a municipality belongs to, from itself up to the nation. */
export function scopesOfMunicipality(municipalityCode: string, regions: RegionIndex): ScopeRef[] {
  const pref = prefectureOf(municipalityCode);
  return [
    { type: 'municipality', code: municipalityCode },
    { type: 'prefecture', code: pref },
    ...(regions.get(pref) ?? []),
    ...(regions.get(`m:${municipalityCode}`) ?? []),
    { type: 'nation', code: NATION_CODE },
  ];
}
