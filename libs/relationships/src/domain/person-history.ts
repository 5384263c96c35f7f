import { addMonths, fiscalYearOf, fiscalYearStart, monthStart, type Day } from './calendar';
import { clip, intersect, normalize, type Interval } from './intervals';
import {
  FAMILIES,
  FAMILY_METRICS,
  prefectureOf,
  scopesOfMunicipality,
  type Family,
  type RegionIndex,
  type ScopeRef,
  type SeriesId,
} from './metrics';

/** One row of the append-only relationship ledger, as the rules see it. */
export type LedgerKind = 'registered' | 'withdrawn' | 'premium_granted' | 'activity' | 'ended';

export interface LedgerEntry {
  kind: LedgerKind;
  /** Registration id, activity id, or the user for `ended`. */
  sourceId: string;
  /** The registration a registration/premium row belongs to. */
  registrationId: string | null;
  /** '' for `ended`. */
  municipalityCode: string;
  /** Registration start, withdrawal day, premium grant day, activity day, or deletion day (Asia/Tokyo). */
  effectiveOn: Day;
  /** `withdrawn`: the registration's start (so a withdrawal seen first still makes an interval). */
  startedOn: Day | null;
  /** `premium_granted`: first day the premium no longer holds. */
  expiresOn: Day | null;
  /** `activity`: the project's category, when the event carried it. */
  category?: string | null;
}

/** Per-person attributes this context keeps (copied from participants, never read from its tables). */
export interface PersonProfile {
  residenceMunicipalityCode: string | null;
  participantType: string | null;
}

export interface CountingRules {
  /** An activity-based relationship lasts this many months after the latest activity. */
  activityMonths: number;
}

export interface PersonRelationships {
  /** family → municipality → normalized intervals. */
  pairs: Record<Family, Map<string, Interval[]>>;
  activities: { id: string; day: Day; municipalityCodes: string[]; category: string | null }[];
  endedOn: Day | null;
}

/**
 * Derives a person's relationships from their ledger rows: registrations last until withdrawn,
 * premium from grant to expiry (within its registration), activities `activityMonths` from each
 * activity; everything ends on the deletion day; the residence municipality never counts (I5).
 * Pure and order-independent, so replays and out-of-order delivery give the same result.
 */
export function deriveRelationships(entries: readonly LedgerEntry[], profile: PersonProfile, rules: CountingRules): PersonRelationships {
  const residence = profile.residenceMunicipalityCode;
  let endedOn: Day | null = null;
  for (const e of entries) if (e.kind === 'ended' && (endedOn === null || e.effectiveOn < endedOn)) endedOn = e.effectiveOn;

  const registrations = new Map<string, { municipality: string; start: Day | null; end: Day | null }>();
  for (const e of entries) {
    if (e.kind !== 'registered' && e.kind !== 'withdrawn') continue;
    const id = e.registrationId ?? e.sourceId;
    const r = registrations.get(id) ?? { municipality: e.municipalityCode, start: null, end: null };
    if (e.kind === 'registered') r.start = r.start === null || e.effectiveOn < r.start ? e.effectiveOn : r.start;
    else {
      r.end = r.end === null || e.effectiveOn < r.end ? e.effectiveOn : r.end;
      if (r.start === null && e.startedOn) r.start = e.startedOn;
    }
    registrations.set(id, r);
  }

  const raw: Record<Family, Map<string, Interval[]>> = {
    all: new Map(),
    registration: new Map(),
    activity: new Map(),
    premium: new Map(),
  };
  const push = (family: Family, municipality: string, i: Interval | null) => {
    if (!i || municipality === residence || municipality === '') return;
    const list = raw[family].get(municipality) ?? [];
    list.push(i);
    raw[family].set(municipality, list);
  };
  for (const r of registrations.values()) {
    if (r.start === null) continue;
    push('registration', r.municipality, { from: r.start, to: r.end });
  }
  for (const e of entries) {
    if (e.kind !== 'premium_granted' || !e.expiresOn) continue;
    const r = registrations.get(e.registrationId ?? '');
    if (!r || r.start === null) continue; // premium counts only inside a known registration
    push('premium', r.municipality, intersect({ from: e.effectiveOn, to: e.expiresOn }, { from: r.start, to: r.end }));
  }
  const activityById = new Map<string, { day: Day; municipalities: Set<string>; category: string | null }>();
  for (const e of entries) {
    if (e.kind !== 'activity') continue;
    if (endedOn !== null && e.effectiveOn >= endedOn) continue;
    if (e.municipalityCode === residence) continue;
    const a = activityById.get(e.sourceId) ?? { day: e.effectiveOn, municipalities: new Set<string>(), category: null };
    a.municipalities.add(e.municipalityCode);
    if (e.category && (a.category === null || e.category < a.category)) a.category = e.category;
    activityById.set(e.sourceId, a);
    push('activity', e.municipalityCode, { from: e.effectiveOn, to: addMonths(e.effectiveOn, rules.activityMonths) });
  }

  const pairs = { all: new Map(), registration: new Map(), activity: new Map(), premium: new Map() } as PersonRelationships['pairs'];
  for (const family of ['registration', 'activity', 'premium'] as const) {
    for (const [m, list] of raw[family]) {
      const n = normalize(clip(list, endedOn));
      if (n.length) pairs[family].set(m, n);
    }
  }
  const munis = new Set([...pairs.registration.keys(), ...pairs.activity.keys()]);
  for (const m of munis) {
    pairs.all.set(m, normalize([...(pairs.registration.get(m) ?? []), ...(pairs.activity.get(m) ?? [])]));
  }
  const activities = [...activityById.entries()]
    .map(([id, a]) => ({ id, day: a.day, municipalityCodes: [...a.municipalities].sort(), category: a.category }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return { pairs, activities, endedOn };
}

/** Key of one stored day-delta: series, scope, breakdown dimension ('' = none), day. */
export function deltaKey(series: SeriesId, scope: ScopeRef, dim: string, day: Day): string {
  return `${series}|${scope.type}|${scope.code}|${dim}|${day}`;
}

export interface DeltaRow {
  series: SeriesId;
  scopeType: ScopeRef['type'];
  scopeCode: string;
  dim: string;
  day: Day;
  delta: number;
}

export function parseDeltaKey(key: string, delta: number): DeltaRow {
  const [series, scopeType, scopeCode, dim, day] = key.split('|');
  return { series: series as SeriesId, scopeType: scopeType as ScopeRef['type'], scopeCode, dim, day, delta };
}

function add(map: Map<string, number>, key: string, v: number): void {
  const n = (map.get(key) ?? 0) + v;
  if (n === 0) map.delete(key);
  else map.set(key, n);
}

function addIntervals(map: Map<string, number>, sign: 1 | -1, series: SeriesId, scope: ScopeRef, dim: string, intervals: readonly Interval[]): void {
  for (const i of intervals) {
    add(map, deltaKey(series, scope, dim, i.from), sign);
    if (i.to !== null) add(map, deltaKey(series, scope, dim, i.to), -sign);
  }
}

/**
 * Everything one person contributes to the maintained counts, as day-deltas: a point metric on
 * day D is the sum of its deltas on days ≤ D; a period metric is the sum over the period's days.
 * The engine stores `contribution(after) − contribution(before)` for each recorded event, so the
 * stored totals always equal the sum of every person's current contribution (I3).
 * `sign` −1 subtracts it; `out` accumulates into a caller's map (a batch sums many persons' changes
 * without building a map per person).
 */
export function contribution(
  rel: PersonRelationships,
  profile: PersonProfile,
  regions: RegionIndex,
  sign: 1 | -1 = 1,
  out: Map<string, number> = new Map(),
): Map<string, number> {
  const dims = attributeDims(profile);
  for (const family of FAMILIES) familyPart(out, sign, family, rel.pairs[family], dims, regions);
  activityPart(out, sign, rel.activities, regions);
  activePersonsPart(out, sign, rel.activities, regions);
  return out;
}

/**
 * Adds `contribution(after) − contribution(before)` to `out` without computing either whole: with
 * the same breakdown attributes, a family's municipalities whose intervals did not change cancel
 * out (their 延べ terms exactly, their 実人数 terms in every scope holding no changed municipality),
 * and so do unchanged activities. What a batch applier costs then grows with the change, not with
 * the person's history. Equal to the full difference (person-history.spec checks it on random histories).
 */
export function addContributionChange(
  out: Map<string, number>,
  before: { rel: PersonRelationships; profile: PersonProfile },
  after: { rel: PersonRelationships; profile: PersonProfile },
  regions: RegionIndex,
): void {
  const dims = attributeDims(after.profile);
  const dimsBefore = attributeDims(before.profile);
  if (dims.length !== dimsBefore.length || dims.some((d, i) => d !== dimsBefore[i])) {
    contribution(after.rel, after.profile, regions, 1, out);
    contribution(before.rel, before.profile, regions, -1, out);
    return;
  }
  for (const family of FAMILIES) {
    const a = after.rel.pairs[family];
    const b = before.rel.pairs[family];
    const munis = new Set<string>();
    for (const [m, intervals] of a) if (!sameIntervals(intervals, b.get(m))) munis.add(m);
    for (const m of b.keys()) if (!a.has(m)) munis.add(m);
    if (munis.size === 0) continue;
    const scopes = new Set<string>();
    for (const m of munis) for (const scope of scopesOfMunicipality(m, regions)) scopes.add(scopeKey(scope));
    familyPart(out, 1, family, a, dims, regions, { munis, scopes });
    familyPart(out, -1, family, b, dims, regions, { munis, scopes });
  }
  const signature = (x: PersonRelationships['activities'][number]) => `${x.id}|${x.day}|${x.municipalityCodes.join(',')}|${x.category ?? ''}`;
  const beforeActs = new Set(before.rel.activities.map(signature));
  const afterActs = new Set(after.rel.activities.map(signature));
  const added = after.rel.activities.filter((x) => !beforeActs.has(signature(x)));
  const removed = before.rel.activities.filter((x) => !afterActs.has(signature(x)));
  if (added.length === 0 && removed.length === 0) return;
  activityPart(out, 1, added, regions);
  activityPart(out, -1, removed, regions);
  // 活動実人数 of a (scope, dimension) changes only where a changed activity falls.
  const touched = new Set<string>();
  for (const x of [...added, ...removed]) {
    for (const [k] of activityScopes(x, regions)) for (const dim of activityDims(x)) touched.add(`${k}|${dim}`);
  }
  activePersonsPart(out, 1, after.rel.activities, regions, touched);
  activePersonsPart(out, -1, before.rel.activities, regions, touched);
}

function attributeDims(profile: PersonProfile): string[] {
  const originPref = profile.residenceMunicipalityCode ? prefectureOf(profile.residenceMunicipalityCode) : null;
  return [...(originPref ? [`origin:${originPref}`] : []), ...(profile.participantType ? [`ptype:${profile.participantType}`] : [])];
}

function scopeKey(scope: ScopeRef): string {
  return `${scope.type}:${scope.code}`;
}

function sameIntervals(a: readonly Interval[], b: readonly Interval[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((x, i) => x.from === b[i].from && x.to === b[i].to);
}

/** One family's terms; `only` restricts 延べ to those municipalities and 実人数 to those scopes. */
function familyPart(
  out: Map<string, number>,
  sign: 1 | -1,
  family: Family,
  pairs: ReadonlyMap<string, Interval[]>,
  dims: readonly string[],
  regions: RegionIndex,
  only?: { munis: ReadonlySet<string>; scopes: ReadonlySet<string> },
): void {
  const { real, cumulative } = FAMILY_METRICS[family];
  const byScope = new Map<string, { scope: ScopeRef; intervals: Interval[] }>();
  for (const [m, intervals] of pairs) {
    const pairCounts = !only || only.munis.has(m);
    for (const scope of scopesOfMunicipality(m, regions)) {
      const k = scopeKey(scope);
      if (scope.type !== 'municipality' && (!only || only.scopes.has(k))) {
        const entry = byScope.get(k) ?? { scope, intervals: [] };
        entry.intervals.push(...intervals);
        byScope.set(k, entry);
      }
      if (!pairCounts) continue;
      // 延べ: every (person, municipality) pair counts in each scope containing the municipality.
      addIntervals(out, sign, cumulative, scope, '', intervals);
      if (family === 'all') {
        if (scope.type !== 'municipality') for (const dim of dims) addIntervals(out, sign, cumulative, scope, dim, intervals);
        add(out, deltaKey('new_cumulative_persons', scope, '', intervals[0].from), sign);
      }
    }
  }
  for (const { scope, intervals } of byScope.values()) {
    // 実人数: the person once per scope, on the union of their relationships inside it (not at a
    // municipality: there it is the one pair's 延べ rows above, see storedSeries).
    const union = normalize(intervals);
    addIntervals(out, sign, real, scope, '', union);
    if (family === 'all') {
      if (scope.type !== 'municipality') for (const dim of dims) addIntervals(out, sign, real, scope, dim, union);
      add(out, deltaKey('new_real_persons', scope, '', union[0].from), sign);
    }
  }
}

type Activity = PersonRelationships['activities'][number];

function activityScopes(a: Activity, regions: RegionIndex): Map<string, ScopeRef> {
  const scopes = new Map<string, ScopeRef>();
  for (const m of a.municipalityCodes) for (const s of scopesOfMunicipality(m, regions)) scopes.set(scopeKey(s), s);
  return scopes;
}

/** Activities are counted in total ('') and per project category ('cat:<category>', kept at every
 *  scope: a category is a property of the project, not of the person). */
function activityDims(a: Activity): string[] {
  return a.category ? ['', `cat:${a.category}`] : [''];
}

/** Activities per scope and day: each activity once per scope it touches. */
function activityPart(out: Map<string, number>, sign: 1 | -1, activities: readonly Activity[], regions: RegionIndex): void {
  for (const a of activities) {
    for (const scope of activityScopes(a, regions).values()) for (const dim of activityDims(a)) add(out, deltaKey('activities', scope, dim, a.day), sign);
  }
}

/** 活動実人数: the person once per scope and month (and 年度) with an activity; `only` limits the
 *  (scope, dimension) keys. */
function activePersonsPart(out: Map<string, number>, sign: 1 | -1, activities: readonly Activity[], regions: RegionIndex, only?: ReadonlySet<string>): void {
  const active = new Map<string, { scope: ScopeRef; dim: string; months: Set<Day>; years: Set<Day> }>();
  for (const a of activities) {
    for (const [k, scope] of activityScopes(a, regions)) {
      for (const dim of activityDims(a)) {
        const key = `${k}|${dim}`;
        if (only && !only.has(key)) continue;
        const e = active.get(key) ?? { scope, dim, months: new Set<Day>(), years: new Set<Day>() };
        e.months.add(monthStart(a.day));
        e.years.add(fiscalYearStart(fiscalYearOf(a.day)));
        active.set(key, e);
      }
    }
  }
  for (const { scope, dim, months, years } of active.values()) {
    for (const m of months) add(out, deltaKey('active_persons_month', scope, dim, m), sign);
    for (const y of years) add(out, deltaKey('active_persons_fy', scope, dim, y), sign);
  }
}

/** `after − before`, without zero entries. */
export function diffContributions(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): DeltaRow[] {
  const d = new Map(after);
  for (const [k, v] of before) add(d, k, -v);
  return [...d.entries()].map(([k, v]) => parseDeltaKey(k, v));
}
