import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { PlatformOutboxModule } from '@app/platform/outbox';
import { createTestDatabase, type TestDatabase } from '@app/platform/testing';
import { REGION_DEFINITIONS } from '@app/regions';
import { addDays, addMonths, fiscalYearEnd, fiscalYearOf, fiscalYearStart, monthEnd, monthStart, tokyoDay } from '../domain/calendar';
import { personIdOf } from '../domain/pseudonym';
import { METRIC_IDS, type MetricId, type ScopeType } from '../domain/metrics';
import { RelationshipsCoreModule } from '../relationships.module';
import { CountsRepository } from '../persistence/counts.repository';
import { CountsQueryService } from './counts-query.service';
import { RecountService } from './recount.service';
import { RelationshipsService } from './relationships.service';

jest.setTimeout(360_000); // the property test takes minutes on a busy 2-core machine

@Module({ imports: [PlatformConfigModule, PlatformDatabaseModule, PlatformOutboxModule, RelationshipsCoreModule] })
class CountingTestModule {}

// ---- seeded PRNG (mulberry32): failures are reproducible from the seed ----
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

// Municipalities in several prefectures, 八地方区分 and 広域地方計画区域 (北海道 and 沖縄 have no kouiki).
const MUNIS = ['131016', '131024', '132012', '141003', '142018', '011002', '012025', '472018', '271004', '272035'];
const PTYPES = ['student', 'worker', 'retiree'];
const K = 12; // RELATIONSHIP_ACTIVITY_MONTHS used by the engine in this test (default is 12)

type Ev =
  | { t: 'reg'; user: string; regId: string; muni: string; at: string }
  | { t: 'wd'; user: string; regId: string; muni: string; regAt: string; at: string }
  | { t: 'prem'; user: string; regId: string; muni: string; at: string; exp: string }
  | { t: 'act'; user: string; actId: string; munis: string[]; at: string }
  | { t: 'del'; user: string; at: string }
  | { t: 'move'; user: string; residence: string | null; ptype: string };

interface PersonModel {
  user: string;
  residence: string | null;
  ptype: string;
  regs: Map<string, { muni: string; start: string | null; end: string | null }>;
  prems: { regId: string; from: string; to: string }[];
  acts: Map<string, { day: string; munis: Set<string> }>;
  deleted: string | null;
}

/** Instant between 2024 and 2027, often close to midnight in Japan (15:00 UTC) to test the JST day. */
function instant(r: ReturnType<typeof prng>): string {
  const day = addDays('2024-01-01', r.int(0, 4 * 365));
  const hour = r.chance(0.4) ? r.pick([14, 15]) : r.int(0, 23);
  return `${day}T${String(hour).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00.000Z`;
}
const later = (r: ReturnType<typeof prng>, iso: string, maxDays: number) =>
  new Date(Date.parse(iso) + r.int(0, maxDays) * 86_400_000 + r.int(0, 86_399) * 1000).toISOString();

function generateHistory(r: ReturnType<typeof prng>, h: number): Ev[] {
  const events: Ev[] = [];
  const persons = r.int(1, 3);
  for (let p = 0; p < persons; p++) {
    const user = `u-${h}-${p}`;
    const residence = r.chance(0.8) ? r.pick(MUNIS) : null;
    const ptype = r.pick(PTYPES);
    events.push({ t: 'move', user, residence, ptype });
    // several municipalities, sometimes in one prefecture, sometimes across prefectures
    const nRegs = r.int(0, 2);
    for (let i = 0; i < nRegs; i++) {
      const regId = `r-${h}-${p}-${i}`;
      const muni = r.chance(0.2) && residence ? residence : r.pick(MUNIS);
      const at = instant(r);
      events.push({ t: 'reg', user, regId, muni, at });
      if (r.chance(0.4)) {
        const g = later(r, at, 200);
        events.push({ t: 'prem', user, regId, muni, at: g, exp: later(r, g, 400) });
        if (r.chance(0.3)) {
          const g2 = later(r, g, 300);
          events.push({ t: 'prem', user, regId, muni, at: g2, exp: later(r, g2, 400) });
        }
      }
      if (r.chance(0.4)) events.push({ t: 'wd', user, regId, muni, regAt: at, at: later(r, at, 500) });
    }
    const nActs = r.int(0, 3);
    for (let i = 0; i < nActs; i++) {
      const munis = [...new Set(Array.from({ length: r.int(1, 3) }, () => r.pick(MUNIS)))];
      events.push({ t: 'act', user, actId: `a-${h}-${p}-${i}`, munis, at: instant(r) });
    }
    if (r.chance(0.15)) events.push({ t: 'move', user, residence: r.pick(MUNIS), ptype: r.pick(PTYPES) });
    if (r.chance(0.15)) events.push({ t: 'del', user, at: instant(r) });
  }
  // out-of-order delivery (except each person's first profile) and duplicates/replays
  for (let i = events.length - 1; i > 0; i--) {
    if (r.chance(0.3)) {
      const j = r.int(0, i);
      if (events[i].t !== 'move' && events[j].t !== 'move') [events[i], events[j]] = [events[j], events[i]];
    }
  }
  const dups = events.filter(() => r.chance(0.15)).filter((e) => e.t !== 'move');
  return [...events, ...dups];
}

/** The brute-force oracle: the rules of PRODUCT.md §4 applied directly to the raw events. */
function applyToModel(models: Map<string, PersonModel>, e: Ev): void {
  let p = models.get(e.user);
  if (!p) {
    p = { user: e.user, residence: null, ptype: '', regs: new Map(), prems: [], acts: new Map(), deleted: null };
    models.set(e.user, p);
  }
  switch (e.t) {
    case 'move':
      p.residence = e.residence;
      p.ptype = e.ptype;
      break;
    case 'reg': {
      const x = p.regs.get(e.regId) ?? { muni: e.muni, start: null, end: null };
      x.start = tokyoDay(e.at);
      p.regs.set(e.regId, x);
      break;
    }
    case 'wd': {
      const x = p.regs.get(e.regId) ?? { muni: e.muni, start: tokyoDay(e.regAt), end: null };
      x.end = tokyoDay(e.at);
      p.regs.set(e.regId, x);
      break;
    }
    case 'prem':
      if (!p.prems.some((q) => q.regId === e.regId && q.from === tokyoDay(e.at) && q.to === tokyoDay(e.exp)))
        p.prems.push({ regId: e.regId, from: tokyoDay(e.at), to: tokyoDay(e.exp) });
      break;
    case 'act':
      p.acts.set(e.actId, { day: tokyoDay(e.at), munis: new Set(e.munis) });
      break;
    case 'del':
      p.deleted = p.deleted && p.deleted < tokyoDay(e.at) ? p.deleted : tokyoDay(e.at);
      break;
  }
}

type Fam = 'all' | 'registration' | 'activity' | 'premium';
function activeAt(p: PersonModel, m: string, fam: Fam, d: string): boolean {
  if (m === p.residence) return false;
  if (p.deleted && d >= p.deleted) return false;
  const reg = [...p.regs.entries()].some(([, x]) => x.muni === m && x.start !== null && x.start <= d && (x.end === null || d < x.end));
  const act = [...p.acts.values()].some((a) => a.munis.has(m) && (!p.deleted || a.day < p.deleted) && a.day <= d && d < addMonths(a.day, K));
  if (fam === 'registration') return reg;
  if (fam === 'activity') return act;
  if (fam === 'all') return reg || act;
  return p.prems.some((g) => {
    const x = p.regs.get(g.regId);
    return !!x && x.muni === m && x.start !== null && g.from <= d && d < g.to && x.start <= d && (x.end === null || d < x.end);
  });
}

const REGIONS = REGION_DEFINITIONS;
function inScope(m: string, type: ScopeType, code: string): boolean {
  if (type === 'nation') return true;
  if (type === 'municipality') return m === code;
  if (type === 'prefecture') return m.slice(0, 2) === code;
  return REGIONS.some((r) => r.scheme === type && r.code === code && r.prefectureCodes.includes(m.slice(0, 2)));
}

function candidateDays(p: PersonModel): string[] {
  return [...[...p.regs.values()].map((x) => x.start).filter((x): x is string => !!x), ...[...p.acts.values()].map((a) => a.day)];
}

function oracle(models: Map<string, PersonModel>, metric: MetricId, type: ScopeType, code: string, date: string, period: { from: string; to: string }): number {
  const fam: Record<string, Fam> = {
    real_persons: 'all', cumulative_persons: 'all', registered_real_persons: 'registration', registered_cumulative_persons: 'registration',
    activity_real_persons: 'activity', activity_cumulative_persons: 'activity', premium_persons: 'premium', premium_cumulative_persons: 'premium',
  };
  let n = 0;
  for (const p of models.values()) {
    const munis = MUNIS.filter((m) => inScope(m, type, code));
    if (metric in fam) {
      const active = munis.filter((m) => activeAt(p, m, fam[metric], date)).length;
      n += metric.includes('cumulative') ? active : active > 0 ? 1 : 0;
    } else if (metric === 'activities' || metric === 'active_persons') {
      const acts = [...p.acts.values()].filter(
        (a) => a.day >= period.from && a.day <= period.to && (!p.deleted || a.day < p.deleted) && [...a.munis].some((m) => m !== p.residence && munis.includes(m)),
      ).length;
      n += metric === 'activities' ? acts : acts > 0 ? 1 : 0;
    } else {
      const days = candidateDays(p);
      const firstIn = (ms: string[]) => days.filter((d) => ms.some((m) => activeAt(p, m, 'all', d))).sort()[0];
      if (metric === 'new_real_persons') {
        const f = firstIn(munis);
        if (f && f >= period.from && f <= period.to) n++;
      } else {
        for (const m of munis) {
          const f = firstIn([m]);
          if (f && f >= period.from && f <= period.to) n++;
        }
      }
    }
  }
  return n;
}

describe('counting engine (integration, real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let ds: DataSource;
  let svc: RelationshipsService;
  let query: CountsQueryService;
  let recount: RecountService;
  let counts: CountsRepository;

  const asyncPath = (id: string) => [...id].reduce((a, c) => a + c.charCodeAt(0), 0) % 2 === 0;
  // User ids are UUIDs (identity's); derive one per test name.
  const uid = (name: string) => personIdOf(`user:${name}`);
  const send = (ev: Ev) => {
    const profile = undefined;
    const e = { ...ev, user: uid(ev.user) };
    switch (e.t) {
      case 'move':
        return svc.refreshPerson(e.user, { residenceMunicipalityCode: e.residence, participantType: e.ptype });
      case 'reg':
        return svc.recordRegistration({ registrationId: e.regId, userId: e.user, municipalityCode: e.muni, registeredAt: e.at, profile });
      case 'wd':
        return svc.recordWithdrawal({ registrationId: e.regId, userId: e.user, municipalityCode: e.muni, registeredAt: e.regAt, withdrawnAt: e.at });
      case 'prem':
        return svc.recordPremium({ registrationId: e.regId, userId: e.user, municipalityCode: e.muni, grantedAt: e.at, expiresAt: e.exp });
      case 'act':
        // Half the activities take the asynchronous path (ledger + pending, applied by the applier).
        return asyncPath(e.actId)
          ? svc.enqueueActivity({ activityId: e.actId, userId: e.user, municipalityCodes: e.munis, verifiedAt: e.at })
          : svc.recordActivity({ activityId: e.actId, userId: e.user, municipalityCodes: e.munis, verifiedAt: e.at });
      case 'del':
        return svc.endPerson({ userId: e.user, deletedAt: e.at });
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(process.env, { DATABASE_URL: db.url, RELATIONSHIP_ACTIVITY_MONTHS: String(K), DATABASE_POOL_SIZE: '12' });
    app = await NestFactory.createApplicationContext(CountingTestModule, { logger: false });
    ds = app.get<DataSource>(getDataSourceToken());
    svc = app.get(RelationshipsService);
    query = app.get(CountsQueryService);
    recount = app.get(RecountService);
    counts = app.get(CountsRepository);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('a residence municipality never counts (I5), and a move re-derives the person', async () => {
    const base = { registrationId: 'i5-r1', userId: uid('i5-user'), municipalityCode: '131016', registeredAt: '2025-05-01T03:00:00Z' };
    await svc.recordRegistration({ ...base, profile: { residenceMunicipalityCode: '131016' } });
    expect(await query.value('real_persons', 'municipality', '131016', { date: '2025-06-01' })).toBe(0);
    await svc.refreshPerson(uid('i5-user'), { residenceMunicipalityCode: '271004' });
    expect(await query.value('real_persons', 'municipality', '131016', { date: '2025-06-01' })).toBe(1);
    expect(await query.value('real_persons', 'prefecture', '13', { date: '2025-04-30' })).toBe(0);
    await svc.endPerson({ userId: uid('i5-user'), deletedAt: '2025-07-01T00:00:00Z' });
    expect(await query.value('real_persons', 'nation', 'JP', { date: '2025-06-30' })).toBe(1);
    expect(await query.value('real_persons', 'nation', 'JP', { date: '2025-07-01' })).toBe(0);
  });

  it('a day is the Japan day and 年度 starts on 1 April in Japan time', async () => {
    // 2026-03-31T15:30Z is 2026-04-01 00:30 in Tokyo: FY2026.
    await svc.recordActivity({ activityId: 'jst-a1', userId: uid('jst-user'), municipalityCodes: ['472018'], verifiedAt: '2026-03-31T15:30:00Z', profile: { residenceMunicipalityCode: null } });
    expect(await query.value('real_persons', 'prefecture', '47', { date: '2026-03-31' })).toBe(0);
    expect(await query.value('real_persons', 'prefecture', '47', { date: '2026-04-01' })).toBe(1);
    expect(await query.value('activities', 'prefecture', '47', { date: '2026-04-01', period: { from: fiscalYearStart(2026), to: fiscalYearEnd(2026) } })).toBe(1);
    expect(await query.value('activities', 'prefecture', '47', { date: '2026-03-31', period: { from: fiscalYearStart(2025), to: fiscalYearEnd(2025) } })).toBe(0);
    // lapses 12 months after the activity
    expect(await query.value('real_persons', 'prefecture', '47', { date: '2027-03-31' })).toBe(1);
    expect(await query.value('real_persons', 'prefecture', '47', { date: '2027-04-01' })).toBe(0);
  });

  it('property: 1,000 random histories match a brute-force recount at random dates and scopes, with I1–I5', async () => {
    // The earlier examples live in the same database; reset to keep the oracle exact.
    await ds.query('TRUNCATE relationship_pending, relationship_intervals, relationship_ledger, relationship_persons, count_deltas, count_daily, count_monthly, count_running');
    const seed = Number(process.env.COUNTING_SEED ?? 20260401);
    const r = prng(seed);
    const histories = Array.from({ length: Number(process.env.COUNTING_HISTORIES ?? 1_000) }, (_, h) => generateHistory(r, h));
    const models = new Map<string, PersonModel>();
    for (const h of histories) for (const e of h) applyToModel(models, e);

    // Histories run concurrently (distinct persons); events of one history run in order. Two
    // appliers fold the asynchronous activities in small batches while the writers run.
    let next = 0;
    let writing = true;
    const workers = Array.from({ length: 10 }, async () => {
      while (next < histories.length) {
        const h = histories[next++];
        for (const e of h) await send(e);
        if (next % 300 === 0) await counts.fold(5_000); // fold part of the deltas while writers run
      }
    });
    let appliedWhileWriting = 0;
    const appliers = Array.from({ length: 2 }, async () => {
      while (writing) {
        appliedWhileWriting += (await svc.applyPending(7)).applied;
        await new Promise((res) => setTimeout(res, 5));
      }
    });
    const t0 = Date.now();
    await Promise.all(workers);
    writing = false;
    await Promise.all(appliers);
    await svc.drainPending();
    expect(appliedWhileWriting).toBeGreaterThan(0);
    const tWrite = Date.now() - t0;

    const scopes: { type: ScopeType; codes: string[] }[] = [
      { type: 'nation', codes: ['JP'] },
      { type: 'chiho8', codes: ['kanto', 'hokkaido', 'kyushu_okinawa', 'kinki'].filter((c) => REGIONS.some((x) => x.code === c)) },
      { type: 'kouiki', codes: [...new Set(REGIONS.filter((x) => x.scheme === 'kouiki').map((x) => x.code))] },
      { type: 'prefecture', codes: ['01', '13', '14', '27', '47'] },
      { type: 'municipality', codes: MUNIS },
    ];
    expect(scopes[1].codes.length).toBeGreaterThan(0);
    const dates = Array.from({ length: 5 }, () => addDays('2024-01-01', r.int(0, 5 * 365)));
    const check = async (n: number) => {
      let compared = 0;
      let nonZero = 0;
      for (const date of dates.slice(0, n)) {
        const period = r.chance(0.5)
          ? { from: monthStart(date), to: monthEnd(date) }
          : { from: fiscalYearStart(fiscalYearOf(date)), to: fiscalYearEnd(fiscalYearOf(date)) };
        for (const metric of METRIC_IDS) {
          for (const s of scopes) {
            const cells = await query.values(metric, s.type, s.codes, { date, period });
            for (const code of s.codes) {
              const got = cells.find((c) => c.scopeCode === code)?.value ?? 0;
              const want = oracle(models, metric, s.type, code, date, period);
              if (got !== want) throw new Error(`seed ${seed}: ${metric} ${s.type}/${code} on ${date} ${JSON.stringify(period)}: got ${got}, want ${want}`);
              compared++;
              if (want > 0) nonZero++;
            }
          }
        }
        // I1 and I2 at this date
        const realByMuni = await query.values('real_persons', 'municipality', MUNIS, { date });
        const cumNation = await query.value('cumulative_persons', 'nation', 'JP', { date });
        const realNation = await query.value('real_persons', 'nation', 'JP', { date });
        const prefs = [...new Set(MUNIS.map((m) => m.slice(0, 2)))];
        const realByPref = await query.values('real_persons', 'prefecture', prefs, { date });
        const sumPref = realByPref.reduce((a, c) => a + c.value, 0);
        expect(realByMuni.reduce((a, c) => a + c.value, 0)).toBe(cumNation); // I1
        expect(realNation).toBeLessThanOrEqual(sumPref); // I2
        expect(sumPref).toBeLessThanOrEqual(cumNation); // I2
      }
      return { compared, nonZero };
    };
    const t1 = Date.now();
    const before = await check(5);
    process.stderr.write(`property: ${models.size} persons, ${histories.flat().length} events, write ${tWrite} ms, check ${Date.now() - t1} ms, ${before.compared} values compared\n`);
    expect(before.nonZero).toBeGreaterThan(before.compared / 4); // the histories are not trivially empty

    // I3: the incremental aggregates equal a full recomputation from the ledger
    const report = await recount.verify();
    expect(report.differences).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.persons).toBe(models.size);

    // I4: replaying every event (redelivered jobs) changes nothing
    const pending = await counts.pendingDeltas();
    const replayed = await Promise.all(histories.slice(0, 200).flat().filter((e) => e.t !== 'move').map((e) => send(e)));
    expect(replayed.every((x) => x.deltas === 0 && x.recorded === 0)).toBe(true);
    expect(await counts.pendingDeltas()).toBe(pending);
    expect(await svc.pendingCount()).toBe(0);

    // folding everything changes no value
    await counts.fold(1_000_000);
    expect(await counts.pendingDeltas()).toBe(0);
    const after = await check(2);
    expect(after.compared).toBeGreaterThan(0);
    expect((await recount.verify()).ok).toBe(true);
  });

  it('verify reports a tampered aggregate and rebuild repairs it', async () => {
    await ds.query(`INSERT INTO count_deltas (series, scope_type, scope_code, dim, day, delta) VALUES ('real_persons', 'prefecture', '13', '', '2025-01-01', 1)`);
    const bad = await recount.verify();
    expect(bad.ok).toBe(false);
    expect(bad.differences).toEqual([expect.objectContaining({ key: 'real_persons|prefecture|13||2025-01-01' })]);
    await ds.query(`DELETE FROM relationship_intervals WHERE ctid IN (SELECT ctid FROM relationship_intervals LIMIT 1)`);
    expect((await recount.verify()).intervalDifferences).toBe(1);
    await recount.rebuild();
    expect((await recount.verify()).ok).toBe(true);
  });

  it('16 concurrent writers on one person and on many persons stay exact', async () => {
    const jobs = Array.from({ length: 64 }, (_, i) =>
      svc.recordActivity({
        activityId: `conc-${i}`,
        userId: uid(i % 2 === 0 ? 'conc-shared' : `conc-${i % 8}`),
        municipalityCodes: [MUNIS[i % MUNIS.length]],
        verifiedAt: `2025-0${(i % 9) + 1}-15T03:00:00Z`,
        profile: { residenceMunicipalityCode: null },
      }),
    );
    // 16 at a time
    for (let i = 0; i < jobs.length; i += 16) await Promise.all(jobs.slice(i, i + 16));
    expect((await recount.verify()).ok).toBe(true);
    // the shared person is one 実人数 nationally
    const shared = await ds.query(`SELECT count(DISTINCT municipality_code)::int AS n FROM relationship_ledger WHERE source_id LIKE 'conc-%'`);
    expect(shared[0].n).toBeGreaterThan(1);
  });

  it('asynchronous activities: pending until applied, then exact; mixed with synchronous writers of the same persons', async () => {
    const day = '2023-05-10';
    const act = (n: number) => ({ activityId: `async-${n}`, userId: uid(`async-${n % 5}`), municipalityCodes: [MUNIS[n % MUNIS.length]], verifiedAt: `${day}T03:00:00Z`, profile: { residenceMunicipalityCode: null } });
    const visible = () => query.value('activities', 'nation', 'JP', { date: day, period: { from: day, to: day } });
    expect((await svc.enqueueActivity(act(0))).recorded).toBe(1);
    expect(await visible()).toBe(0); // not yet applied
    expect(await svc.pendingCount()).toBe(1);
    expect((await svc.enqueueActivity(act(0))).recorded).toBe(0); // replay (I4)
    expect((await svc.applyPending()).applied).toBe(1);
    expect(await visible()).toBe(1);
    // 40 enqueued and 20 synchronous activities of the same 5 persons, with two appliers running
    let running = true;
    const appliers = Array.from({ length: 2 }, async () => {
      while (running) await svc.applyPending(3);
    });
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => svc.enqueueActivity(act(i + 1))),
      ...Array.from({ length: 20 }, (_, i) => svc.recordActivity(act(i + 100))),
    ]);
    running = false;
    await Promise.all(appliers);
    await svc.drainPending();
    expect(await svc.pendingCount()).toBe(0);
    expect(await visible()).toBe(61);
    expect(await query.value('real_persons', 'nation', 'JP', { date: day })).toBeGreaterThanOrEqual(5);
    expect((await recount.verify()).ok).toBe(true);
  });
});
