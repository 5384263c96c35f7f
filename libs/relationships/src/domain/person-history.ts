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

function addIntervals(map: Map<string, number>, series: SeriesId, scope: ScopeRef, dim: string, intervals: readonly Interval[]): void {
  for (const i of intervals) {
    add(map, deltaKey(series, scope, dim, i.from), 1);
    if (i.to !== null) add(map, deltaKey(series, scope, dim, i.to), -1);
  }
}

/**
 * Everything one person contributes to the maintained counts, as day-deltas: a point metric on
 * day D is the sum of its deltas on days ≤ D; a period metric is the sum over the period's days.
 * The engine stores `contribution(after) − contribution(before)` for each recorded event, so the
 * stored totals always equal the sum of every person's current contribution (I3).
 */
export function contribution(rel: PersonRelationships, profile: PersonProfile, regions: RegionIndex): Map<string, number> {
  const out = new Map<string, number>();
  const originPref = profile.residenceMunicipalityCode ? prefectureOf(profile.residenceMunicipalityCode) : null;
  const attributeDims = [
    ...(originPref ? [`origin:${originPref}`] : []),
    ...(profile.participantType ? [`ptype:${profile.participantType}`] : []),
  ];
  for (const family of FAMILIES) {
    const { real, cumulative } = FAMILY_METRICS[family];
    const byScope = new Map<string, { scope: ScopeRef; intervals: Interval[] }>();
    for (const [m, intervals] of rel.pairs[family]) {
      for (const scope of scopesOfMunicipality(m, regions)) {
        const k = `${scope.type}:${scope.code}`;
        const entry = byScope.get(k) ?? { scope, intervals: [] };
        entry.intervals.push(...intervals);
        byScope.set(k, entry);
        // 延べ: every (person, municipality) pair counts in each scope containing the municipality.
        addIntervals(out, cumulative, scope, '', intervals);
        if (family === 'all') {
          if (scope.type !== 'municipality') for (const dim of attributeDims) addIntervals(out, cumulative, scope, dim, intervals);
          add(out, deltaKey('new_cumulative_persons', scope, '', intervals[0].from), 1);
        }
      }
    }
    for (const { scope, intervals } of byScope.values()) {
      // 実人数: the person once per scope, on the union of their relationships inside it.
      const union = normalize(intervals);
      addIntervals(out, real, scope, '', union);
      if (family === 'all') {
        if (scope.type !== 'municipality') for (const dim of attributeDims) addIntervals(out, real, scope, dim, union);
        add(out, deltaKey('new_real_persons', scope, '', union[0].from), 1);
      }
    }
  }
  // Activities and 活動実人数 per scope, in total ('') and per project category ('cat:<category>',
  // kept at every scope: a category is a property of the project, not of the person).
  const activeMonths = new Map<string, { scope: ScopeRef; dim: string; months: Set<Day>; years: Set<Day> }>();
  for (const a of rel.activities) {
    const scopes = new Map<string, ScopeRef>();
    for (const m of a.municipalityCodes) for (const s of scopesOfMunicipality(m, regions)) scopes.set(`${s.type}:${s.code}`, s);
    const dims = a.category ? ['', `cat:${a.category}`] : [''];
    for (const [k, scope] of scopes) {
      for (const dim of dims) {
        add(out, deltaKey('activities', scope, dim, a.day), 1);
        const key = `${k}|${dim}`;
        const e = activeMonths.get(key) ?? { scope, dim, months: new Set<Day>(), years: new Set<Day>() };
        e.months.add(monthStart(a.day));
        e.years.add(fiscalYearStart(fiscalYearOf(a.day)));
        activeMonths.set(key, e);
      }
    }
  }
  for (const { scope, dim, months, years } of activeMonths.values()) {
    for (const m of months) add(out, deltaKey('active_persons_month', scope, dim, m), 1);
    for (const y of years) add(out, deltaKey('active_persons_fy', scope, dim, y), 1);
  }
  return out;
}

/** `after − before`, without zero entries. */
export function diffContributions(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): DeltaRow[] {
  const d = new Map(after);
  for (const [k, v] of before) add(d, k, -v);
  return [...d.entries()].map(([k, v]) => parseDeltaKey(k, v));
}
