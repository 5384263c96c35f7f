import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@app/identity';
import { AppError } from '@app/platform/errors';
import { OrganizationsService } from '@app/organizations';
import { RegionsService } from '@app/regions';
import { fiscalYearEnd, fiscalYearOf, fiscalYearStart, type Day } from '../domain/calendar';
import { METRICS, NATION_CODE, prefectureOf, type MetricId, type ScopeType } from '../domain/metrics';
import { suppressCells, type PublishedValue } from '../domain/suppression';
import { RelationshipsErrorCode } from '../relationships.errors';
import { LedgerRepository } from '../persistence/ledger.repository';
import { CustomRegionsRepository } from '../persistence/custom-regions.repository';
import { personIdOf } from '../domain/pseudonym';
import { CountsQueryService, type Period } from './counts-query.service';
import { COUNTING_RULES, type CountingConfig } from './counting-rules.provider';

export interface ScopeInfo {
  type: ScopeType;
  code: string;
  name: string;
  population: number | null;
}

export type BreakdownDimension = 'basis' | 'tier' | 'participant_type' | 'origin_prefecture' | 'category';

const HQ_ROLES = new Set(['hq_analyst', 'admin']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * HQ statistics use cases: resolves and authorizes scopes (out of scope = 404), reads maintained
 * counts and applies suppression for non-admins. Only counts leave this service, never persons.
 */
@Injectable()
export class StatsService {
  constructor(
    private readonly query: CountsQueryService,
    private readonly regions: RegionsService,
    private readonly ledger: LedgerRepository,
    @Inject(COUNTING_RULES) private readonly rules: CountingConfig,
    private readonly organizations: OrganizationsService,
    private readonly customRegions: CustomRegionsRepository,
  ) {}

  // Master data (prefectures, municipalities, regions) changes a few times a year: cached briefly.
  private master?: {
    at: number;
    prefectures: Awaited<ReturnType<RegionsService['listPrefectures']>>;
    municipalitiesByPrefecture: Map<string, { code: string; name: string; population: number | null }[]>;
    municipalities: Map<string, { code: string; name: string; population: number | null }>;
    regions: Awaited<ReturnType<RegionsService['listRegions']>>;
  };

  private async masterData() {
    if (this.master && Date.now() - this.master.at < 10 * 60_000) return this.master;
    const prefectures = await this.regions.listPrefectures();
    const regions = await this.regions.listRegions();
    const municipalitiesByPrefecture = new Map<string, { code: string; name: string; population: number | null }[]>();
    const municipalities = new Map<string, { code: string; name: string; population: number | null }>();
    for (const p of prefectures) {
      const page = await this.regions.searchMunicipalities({ prefectureCode: p.code, limit: 1_000 });
      const list = page.items.map((m) => ({ code: m.code, name: m.name, population: m.population }));
      municipalitiesByPrefecture.set(p.code, list);
      for (const m of list) municipalities.set(m.code, m);
    }
    this.master = { at: Date.now(), prefectures, municipalitiesByPrefecture, municipalities, regions };
    return this.master;
  }

  get k(): number {
    return this.rules.suppressionK;
  }

  /** The scope, if it exists and the actor may see it; otherwise 404 (existence is not revealed). */
  async resolveScope(actor: Actor, type: string, rawCode: string): Promise<ScopeInfo> {
    const notFound = () => new AppError(RelationshipsErrorCode.STATS_SCOPE_NOT_FOUND, { scopeType: type, code: rawCode });
    const code = rawCode.normalize('NFKC').trim();
    let scope: ScopeInfo | null = null;
    if (type === 'nation' && code === NATION_CODE) scope = { type: 'nation', code, name: '全国', population: null };
    else if (type === 'prefecture' && /^\d{2}$/.test(code)) {
      const p = (await this.masterData()).prefectures.find((x) => x.code === code);
      if (p) scope = { type, code, name: p.name, population: p.population };
    } else if (type === 'municipality' && /^\d{6}$/.test(code)) {
      const m = (await this.masterData()).municipalities.get(code);
      if (m) scope = { type, code, name: m.name, population: m.population };
    } else if (type === 'custom') {
      const r = (await this.customRegions.list()).find((x) => x.code === code);
      if (r) scope = { type, code, name: r.name, population: null };
    } else if (type === 'chiho8' || type === 'kouiki') {
      const r = (await this.masterData()).regions.find((x) => x.scheme === type && x.code === code);
      if (r) scope = { type, code, name: r.name, population: null };
    }
    if (!scope || !this.canSee(actor, scope)) throw notFound();
    return scope;
  }

  canSee(actor: Actor, scope: { type: ScopeType; code: string }): boolean {
    if (HQ_ROLES.has(actor.role)) return true;
    if (actor.role === 'prefecture_staff') {
      if (scope.type === 'prefecture') return actor.prefectureCodes.includes(scope.code);
      if (scope.type === 'municipality') return actor.prefectureCodes.includes(prefectureOf(scope.code));
      return false;
    }
    if (actor.role === 'municipality_staff') return scope.type === 'municipality' && actor.municipalityCodes.includes(scope.code);
    return false;
  }

  private published(metric: MetricId, value: number): PublishedValue {
    return { metric: METRICS[metric].id, version: METRICS[metric].version, value };
  }

  /**
   * Whether a value of this scope (or breakdown) is suppressed (1 ≤ v < k) for this reader. An
   * admin-defined region may be a single small town, so it is treated like a municipality.
   */
  primaryApplies(actor: Actor, scopeType: ScopeType, byPersonalAttribute: boolean): boolean {
    if (actor.role === 'admin') return false;
    return scopeType === 'municipality' || scopeType === 'custom' || byPersonalAttribute;
  }

  async summary(date: Day) {
    const fy = fiscalYearOf(date);
    const ids: MetricId[] = [
      'real_persons',
      'cumulative_persons',
      'registered_real_persons',
      'registered_cumulative_persons',
      'premium_persons',
      'activities',
      'new_real_persons',
      'new_cumulative_persons',
    ];
    const period: Period = { from: fiscalYearStart(fy), to: date };
    const values = await this.query.batch(ids.map((id) => ({ metric: id, scopeType: 'nation' as const, code: NATION_CODE, date, period })));
    const metrics = ids.map((id, i) => ({ ...this.published(id, values[i]), ...(METRICS[id].kind === 'period' ? { period } : {}) }));
    return {
      date,
      fiscalYear: fy,
      realPersons: values[0],
      cumulativePersons: values[1],
      targets: { realPersons: 10_000_000, cumulativePersons: 100_000_000, fiscalYear: 2034 },
      metrics,
    };
  }

  private async childrenOf(actor: Actor, scope: ScopeInfo): Promise<ScopeInfo[]> {
    let children: ScopeInfo[] = [];
    if (scope.type === 'nation' || scope.type === 'chiho8' || scope.type === 'kouiki') {
      const prefs = (await this.masterData()).prefectures;
      const inRegion =
        scope.type === 'nation'
          ? prefs
          : prefs.filter((p) => (scope.type === 'chiho8' ? p.chiho8Code : p.kouikiCode) === scope.code);
      children = inRegion.map((p) => ({ type: 'prefecture', code: p.code, name: p.name, population: p.population }));
    } else if (scope.type === 'custom') {
      const region = (await this.customRegions.list()).find((x) => x.code === scope.code);
      const all = (await this.masterData()).municipalities;
      children = (region?.municipalityCodes ?? [])
        .map((code) => all.get(code))
        .filter((m): m is NonNullable<typeof m> => !!m)
        .map((m) => ({ type: 'municipality', code: m.code, name: m.name, population: m.population }));
    } else if (scope.type === 'prefecture') {
      const list = (await this.masterData()).municipalitiesByPrefecture.get(scope.code) ?? [];
      children = list.map((m) => ({ type: 'municipality', code: m.code, name: m.name, population: m.population }));
    }
    return children.filter((c) => this.canSee(actor, c));
  }

  /** Counts of one scope on `date`, with its children (nation → prefectures → municipalities). */
  async scope(actor: Actor, scopeType: string, code: string, date: Day) {
    const scope = await this.resolveScope(actor, scopeType, code);
    const fy = fiscalYearOf(date);
    const ids: MetricId[] = ['real_persons', 'cumulative_persons', 'registered_real_persons', 'registered_cumulative_persons', 'premium_persons'];
    const children = await this.childrenOf(actor, scope);
    const childType = children[0]?.type;
    // For a municipality 実人数 = 延べ (one pair per person), so one read serves both.
    const metricsOfChildren = childType === 'municipality' ? (['cumulative_persons'] as const) : (['real_persons', 'cumulative_persons'] as const);
    const codes = children.map((c) => c.code);
    const [own, ...childValues] = await Promise.all([
      this.query.batch(ids.map((id) => ({ metric: id, scopeType: scope.type, code: scope.code, date }))),
      ...(childType ? metricsOfChildren.map((metric) => this.query.pointValues(metric, childType, codes, date)) : []),
    ]);
    const applies = this.primaryApplies(actor, scope.type, false);
    // Metrics of one scope are not siblings of a shown total: primary suppression only.
    const ownMetrics = ids.map((id, i) =>
      applies && own[i] >= 1 && own[i] < this.k
        ? { ...this.published(id, own[i]), value: null, suppressed: true as const, label: `${this.k}未満`, per1000Residents: null }
        : { ...this.published(id, own[i]), per1000Residents: rate(own[i], scope.population) },
    );
    // Children cells: suppression works on bare values, the output objects are built once (a
    // prefecture's ~180 municipalities × 2 metrics; spreading and stripping them cost more than the reads).
    const childMetrics = ['real_persons', 'cumulative_persons'] as const;
    const childCells = childMetrics.map((metric) => {
      if (!childType) return [];
      const byCode = childValues[Math.max(0, (metricsOfChildren as readonly string[]).indexOf(metric))];
      const childApplies = this.primaryApplies(actor, childType, false);
      const { id, version } = METRICS[metric];
      return suppressCells(
        children.map((c) => ({ value: byCode.get(c.code) ?? 0 }) as { value: number | null; suppressed?: true; label?: string }),
        this.k,
        () => childApplies,
      ).map((cell, i) =>
        cell.suppressed
          ? { metric: id, version, value: null, suppressed: true as const, label: cell.label, per1000Residents: null }
          : { metric: id, version, value: cell.value, per1000Residents: rate(cell.value, children[i].population) },
      );
    });
    return {
      scope: { type: scope.type, code: scope.code, name: scope.name, population: scope.population },
      date,
      fiscalYear: fy,
      metrics: ownMetrics.map((m) => stripUndefined(m)),
      children: children.map((c, i) => ({
        scopeType: c.type,
        code: c.code,
        name: c.name,
        population: c.population,
        metrics: childCells.map((cells) => cells[i]),
      })),
    };
  }

  async timeseries(actor: Actor, scopeType: string, code: string, metric: MetricId, interval: 'month' | 'fiscal_year', from: Day, to: Day) {
    const scope = await this.resolveScope(actor, scopeType, code);
    const points = await this.query.series(metric, scope.type, scope.code, interval, from, to);
    const applies = this.primaryApplies(actor, scope.type, false);
    // Points of a series are not siblings of one total: primary suppression only.
    const label = `${this.k}未満`;
    return {
      scope: { type: scope.type, code: scope.code, name: scope.name },
      metric: METRICS[metric].id,
      version: METRICS[metric].version,
      interval,
      points: points.map((p) =>
        applies && p.value >= 1 && p.value < this.k
          ? { period: p.period, from: p.from, to: p.to, value: null, suppressed: true as const, label }
          : { period: p.period, from: p.from, to: p.to, value: p.value },
      ),
    };
  }

  async breakdown(actor: Actor, scopeType: string, code: string, dimension: BreakdownDimension, date: Day) {
    const scope = await this.resolveScope(actor, scopeType, code);
    let cells: { key: string; metric: MetricId; value: number }[] = [];
    let personal = false;
    let period: Period | undefined;
    if (dimension === 'basis') {
      const [reg, act, all] = await Promise.all(
        (['registered_real_persons', 'activity_real_persons', 'real_persons'] as const).map((m) => this.query.value(m, scope.type, scope.code, { date })),
      );
      // A partition of 実人数: registration only, activity only, both.
      cells = [
        { key: 'registration_only', metric: 'real_persons', value: all - act },
        { key: 'activity_only', metric: 'real_persons', value: all - reg },
        { key: 'both', metric: 'real_persons', value: reg + act - all },
      ];
    } else if (dimension === 'tier') {
      const [prem, reg] = await Promise.all(
        (['premium_persons', 'registered_real_persons'] as const).map((m) => this.query.value(m, scope.type, scope.code, { date })),
      );
      cells = [
        { key: 'premium', metric: 'premium_persons', value: prem },
        { key: 'registered', metric: 'registered_real_persons', value: reg },
      ];
    } else if (dimension === 'category') {
      // 活動実人数 per project category over the 年度 of `date` (a person active in two categories
      // counts in both). Kept at every scope; below prefecture level suppressed for non-admins.
      const fy = fiscalYearOf(date);
      period = { from: fiscalYearStart(fy), to: fiscalYearEnd(fy) };
      const rows = await this.query.values('active_persons', scope.type, [scope.code], { date, period }, { prefix: 'cat:' });
      cells = rows
        .filter((r) => r.value !== 0)
        .map((r) => ({ key: r.dim.slice('cat:'.length), metric: 'active_persons' as MetricId, value: r.value }))
        .sort((a, b) => (a.key < b.key ? -1 : 1));
    } else {
      if (scope.type === 'municipality') {
        // Attribute breakdowns are kept from prefecture level up (and suppressed for non-admins).
        throw new AppError(RelationshipsErrorCode.STATS_SCOPE_NOT_FOUND, { scopeType, code });
      }
      personal = true;
      const prefix = dimension === 'participant_type' ? 'ptype:' : 'origin:';
      const rows = await this.query.values('real_persons', scope.type, [scope.code], { date }, { prefix });
      cells = rows
        .filter((r) => r.value !== 0)
        .map((r) => ({ key: r.dim.slice(prefix.length), metric: 'real_persons' as MetricId, value: r.value }))
        .sort((a, b) => (a.key < b.key ? -1 : 1));
    }
    const applies = this.primaryApplies(actor, scope.type, personal);
    const out = suppressCells(
      cells.map((c) => ({ key: c.key, ...this.published(c.metric, c.value) })),
      this.k,
      () => applies,
    );
    return stripUndefined({
      scope: { type: scope.type, code: scope.code, name: scope.name },
      date,
      dimension,
      period,
      cells: out.map((c) => stripUndefined(c)),
    });
  }

  /**
   * Origin (residence) prefecture → destination prefecture matrix of 実人数 on `date`: a person
   * counts once per destination prefecture. Suppressed per destination row for non-admins
   * (origin is a personal attribute).
   */
  async flows(actor: Actor, date: Day) {
    const prefs = (await this.masterData()).prefectures;
    const destinations = prefs.filter((p) => this.canSee(actor, { type: 'prefecture', code: p.code }));
    if (destinations.length === 0) throw new AppError(RelationshipsErrorCode.STATS_SCOPE_NOT_FOUND, { scopeType: 'prefecture', code: '*' });
    const rows = await this.query.values('real_persons', 'prefecture', destinations.map((d) => d.code), { date }, { prefix: 'origin:' });
    const applies = actor.role !== 'admin';
    const cells: FlowCell[] = [];
    for (const d of destinations) {
      const row = rows
        .filter((r) => r.scopeCode === d.code && r.value !== 0)
        .map((r) => ({ origin: r.dim.slice('origin:'.length), destination: d.code, ...this.published('real_persons', r.value) }))
        .sort((a, b) => (a.origin < b.origin ? -1 : 1));
      cells.push(...suppressCells(row, this.k, () => applies).map((c) => stripUndefined(c)));
    }
    return { date, metric: METRICS.real_persons.id, version: METRICS.real_persons.version, cells };
  }

  /**
   * A company's consenting employees' participation (verified activities) in the 年度 of `date` up
   * to `date`: 活動実人数 and activities in total, by destination prefecture and by project
   * category. Only aggregates, always suppressed for non-admins (1 ≤ persons < k, then secondary
   * suppression within each table) — never which employee went where. Employees = participants who
   * accepted the company's invitation (organizations context); other companies' ids are 404.
   */
  async companyParticipation(actor: Actor, companyId: string, date: Day) {
    const mine = actor.role === 'company_admin' && actor.companyIds.includes(companyId);
    if (!(mine || (actor.role === 'admin' && UUID.test(companyId)))) {
      throw new AppError(RelationshipsErrorCode.STATS_SCOPE_NOT_FOUND, { scopeType: 'company', code: companyId });
    }
    const fy = fiscalYearOf(date);
    const period: Period = { from: fiscalYearStart(fy), to: date };
    const employees = await this.organizations.listEmployeeUserIds(companyId);
    const rows = await this.ledger.participationOf(employees.map((u) => personIdOf(u)), period.from, period.to);
    const applies = actor.role !== 'admin';
    const prefNames = new Map((await this.masterData()).prefectures.map((p) => [p.code, p.name]));
    const table = (set: 'prefecture' | 'category') => {
      const list = rows.filter((r) => r.set === set).sort((a, b) => (a.key < b.key ? -1 : 1));
      const persons = suppressCells(list.map((r) => this.published('active_persons', r.persons)), this.k, () => applies);
      return list.map((r, i) => {
        const p = stripUndefined(persons[i]);
        const activities = p.suppressed
          ? { ...this.published('activities', r.activities), value: null, suppressed: true as const, label: p.label }
          : this.published('activities', r.activities);
        const key = set === 'category' && r.key === '' ? 'unknown' : r.key;
        return { key, ...(set === 'prefecture' ? { name: prefNames.get(r.key) ?? r.key } : {}), activePersons: p, activities };
      });
    };
    const total = rows.find((r) => r.set === 'total') ?? { persons: 0, activities: 0 };
    const [totalPersons] = suppressCells([this.published('active_persons', total.persons)], this.k, () => applies).map((c) => stripUndefined(c));
    return {
      companyId,
      fiscalYear: fy,
      period,
      employees: suppressCells([{ metric: 'employees', version: 1, value: employees.length }], this.k, () => applies).map((c) => stripUndefined(c))[0],
      total: {
        activePersons: totalPersons,
        activities: totalPersons.suppressed
          ? { ...this.published('activities', total.activities), value: null, suppressed: true as const, label: totalPersons.label }
          : this.published('activities', total.activities),
      },
      byPrefecture: table('prefecture'),
      byCategory: table('category'),
    };
  }

  /** Persons related to both municipalities on `date` (with each one's 実人数). */
  async overlap(actor: Actor, a: string, b: string, date: Day) {
    const sa = await this.resolveScope(actor, 'municipality', a);
    const sb = await this.resolveScope(actor, 'municipality', b);
    const counts = await this.ledger.countOverlap(sa.code, sb.code, date);
    const applies = this.primaryApplies(actor, 'municipality', false);
    const [ca, cb, both] = suppressCells(
      [this.published('real_persons', counts.a), this.published('real_persons', counts.b), this.published('real_persons', counts.both)],
      this.k,
      () => applies,
    ).map((c) => stripUndefined(c));
    return {
      date,
      a: { code: sa.code, name: sa.name, ...ca },
      b: { code: sb.code, name: sb.name, ...cb },
      both,
    };
  }
}


export interface FlowCell extends PublishedValue {
  origin: string;
  destination: string;
}

function rate(value: number | null, population: number | null): number | null {
  if (value === null || !population) return null;
  return Math.round((value * 1000 * 100) / population) / 100;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
