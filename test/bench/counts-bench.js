// Counting-engine benchmark (issue 5).
//  1. Read latency over HTTP at 100k and 1M persons (≈10 relationships each, spread over the 1,741
//     municipalities with a skew): summary, a prefecture breakdown (北海道's 179 municipalities) and
//     a 10-year monthly series, for a past date. The synthetic population is generated with
//     set-based SQL (generate_series) into a staging table and the maintained aggregates
//     (count_daily/count_monthly) are bulk-built from it with set-based SQL that applies the same
//     day-delta semantics as the incremental path (+1 on valid_from, −1 on valid_to; 実人数 once per
//     person and scope, 延べ once per pair). Reads never touch the staging table or the ledger.
//  2. Write throughput: 16 concurrent writers recording verified activities through
//     RelationshipsService.enqueueActivity (ledger rows + pending marks, one statement), as a ratio
//     to 16 writers doing a plain single-row INSERT transaction against the same database. The
//     counts are asynchronous: an applier re-derives the touched persons in batches and appends one
//     rollup of day-deltas per batch while the writers run; the staleness (commit → visible in the
//     summary's read path) is reported (p50/p99/max), then recount verifies the counts are exact.
// The aggregates are bulk-built with SQL equivalent to what `counts:rebuild` writes (daily sums,
// monthly sums, running totals); `counts:rebuild` itself recomputes in the application from the
// ledger, which at 1M persons would take far longer than the load budget.
// Usage: npm run bench:counts   (env: BENCH_SIZES=100000,1000000  BENCH_SECONDS=5  BENCH_CONNECTIONS=1  BENCH_WRITE_SECONDS=10
//   BENCH_WRITES_ONLY=1 skips the read part; BENCH_LOAD_ONLY=n loads and stops; BENCH_READS_ONLY=1 reads a loaded database)
require('../support/ts-register.js');
const { fork, spawn } = require('node:child_process');
const path = require('node:path');
const { Client, Pool } = require('pg');
const autocannon = require('autocannon');
const { waitForUp, percentile } = require('./support');

const root = path.join(__dirname, '..', '..');
const admin = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'kakawari_bench_counts';
const url = (() => {
  const u = new URL(admin);
  u.pathname = `/${DB}`;
  return u.toString();
})();
const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const writeSeconds = Number(process.env.BENCH_WRITE_SECONDS ?? 10);
const activityDays = Number(process.env.BENCH_ACTIVITY_DAYS ?? 3);
// One connection measures latency; more connections measure queueing on this 2-core machine too.
const connections = Number(process.env.BENCH_CONNECTIONS ?? 1);
const PAST = '2025-03-31';

async function withAdmin(work) {
  const c = new Client({ connectionString: admin });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

// The bench's own template: migrated and seeded with master data (regions) once per run, the way
// the jest global setup builds the test template.
const TEMPLATE = 'kakawari_bench_counts_tpl';
let templateBuilt = false;

async function freshDatabase() {
  if (!templateBuilt) {
    const saved = { t: process.env.KAKAWARI_TEST_TEMPLATE, n: process.env.NODE_ENV, l: process.env.LOG_LEVEL };
    process.env.KAKAWARI_TEST_TEMPLATE = TEMPLATE;
    process.env.LOG_LEVEL = 'silent';
    await require('../setup/build-template.ts').buildTemplate();
    Object.assign(process.env, { NODE_ENV: saved.n ?? 'development', LOG_LEVEL: saved.l ?? 'warn' });
    if (saved.t === undefined) delete process.env.KAKAWARI_TEST_TEMPLATE;
    templateBuilt = true;
  }
  // A clone of the migrated and seeded template (regions loaded); retried while it is busy.
  for (let i = 0; ; i++) {
    try {
      await withAdmin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${DB} TEMPLATE ${TEMPLATE}`);
      });
      return;
    } catch (e) {
      if (i > 60) throw e;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

async function load(persons) {
  const c = new Client({ connectionString: url });
  await c.connect();
  const t0 = Date.now();
  await c.query('SET work_mem = \'256MB\'');
  await c.query('TRUNCATE count_deltas, count_daily, count_monthly, count_running');
  await c.query('DROP TABLE IF EXISTS bench_pairs');
  // Each person: 1–19 municipalities (avg 10), skewed towards some; one validity interval starting
  // on the first day of a random month of the last 10 years, a third of them ended 1–48 months later.
  // (Month-start days keep the bulk load within minutes on 2 cores; a read touches the same number of
  // monthly rows either way, and at most one partial month of daily rows.)
  await c.query(`
    CREATE UNLOGGED TABLE bench_pairs AS
    WITH munis AS (SELECT array_agg(code ORDER BY code) AS codes FROM municipalities WHERE NOT is_northern_territories),
    people AS (
      SELECT p, (DATE '2015-04-01' + make_interval(months => (random() * 119)::int))::date AS f, 1 + (random() * 18)::int AS k,
             CASE WHEN random() < 0.33 THEN 1 + (random() * 48)::int END AS months
        FROM generate_series(1, $1::int) p
    )
    SELECT DISTINCT ON (p, code) p AS person, code, left(code, 2) AS pref, f AS valid_from,
           (f + make_interval(months => months))::date AS valid_to
      FROM people, munis, LATERAL (
        SELECT munis.codes[1 + floor(power(random(), 2) * array_length(munis.codes, 1))::int] AS code
          FROM generate_series(1, people.k) WHERE people.p IS NOT NULL
      ) pick`, [persons]);
  const [{ n: pairs }] = (await c.query('SELECT count(*)::int AS n FROM bench_pairs')).rows;
  const tPairs = Date.now() - t0;
  // Scopes of each prefecture (八地方区分 and 広域地方計画区域).
  await c.query(`CREATE TEMP TABLE pref_regions AS SELECT scheme AS scope_type, code AS scope_code, unnest(prefecture_codes)::text AS pref FROM regions`);
  await c.query(`
    INSERT INTO count_daily (series, scope_type, scope_code, dim, day, value)
    SELECT s.series, d.scope_type, d.scope_code, '', d.day, sum(d.delta)
    FROM (
      -- 延べ: one per pair in every scope containing the municipality
      SELECT 'municipality' AS scope_type, code AS scope_code, valid_from AS day, 1 AS delta, 'c' AS kind FROM bench_pairs
      UNION ALL SELECT 'municipality', code, valid_to, -1, 'c' FROM bench_pairs WHERE valid_to IS NOT NULL
      UNION ALL SELECT 'prefecture', pref, valid_from, 1, 'c' FROM bench_pairs
      UNION ALL SELECT 'prefecture', pref, valid_to, -1, 'c' FROM bench_pairs WHERE valid_to IS NOT NULL
      UNION ALL SELECT r.scope_type, r.scope_code, valid_from, 1, 'c' FROM bench_pairs b JOIN pref_regions r ON r.pref = b.pref
      UNION ALL SELECT r.scope_type, r.scope_code, valid_to, -1, 'c' FROM bench_pairs b JOIN pref_regions r ON r.pref = b.pref WHERE valid_to IS NOT NULL
      UNION ALL SELECT 'nation', 'JP', valid_from, 1, 'c' FROM bench_pairs
      UNION ALL SELECT 'nation', 'JP', valid_to, -1, 'c' FROM bench_pairs WHERE valid_to IS NOT NULL
      -- 実人数: once per person and scope (a person's pairs share one interval here); not stored at
      -- municipality scope, where it equals 延べ (storedSeries)
      UNION ALL SELECT 'prefecture', pref, f, 1, 'r' FROM (SELECT DISTINCT person, pref, valid_from AS f FROM bench_pairs) x
      UNION ALL SELECT 'prefecture', pref, t, -1, 'r' FROM (SELECT DISTINCT person, pref, valid_to AS t FROM bench_pairs WHERE valid_to IS NOT NULL) x
      UNION ALL SELECT r.scope_type, r.scope_code, f, 1, 'r' FROM (SELECT DISTINCT person, pref, valid_from AS f FROM bench_pairs) x JOIN pref_regions r ON r.pref = x.pref
      UNION ALL SELECT 'nation', 'JP', f, 1, 'r' FROM (SELECT DISTINCT person, valid_from AS f FROM bench_pairs) x
      UNION ALL SELECT 'nation', 'JP', t, -1, 'r' FROM (SELECT DISTINCT person, valid_to AS t FROM bench_pairs WHERE valid_to IS NOT NULL) x
    ) d
    JOIN (VALUES ('c', 'cumulative_persons'), ('r', 'real_persons')) s(kind, series)
      ON s.kind = d.kind
    GROUP BY 1, 2, 3, 5`);
  await c.query(`INSERT INTO count_monthly (series, scope_type, scope_code, dim, month, value)
                 SELECT series, scope_type, scope_code, dim, date_trunc('month', day)::date, sum(value) FROM count_daily GROUP BY 1, 2, 3, 4, 5`);
  await c.query(`INSERT INTO count_running (series, scope_type, scope_code, dim, month, total)
                 SELECT series, scope_type, scope_code, dim, month, sum(value) OVER (PARTITION BY series, scope_type, scope_code, dim ORDER BY month)
                   FROM count_monthly`);
  await c.query('ANALYZE count_running');
  await c.query('ANALYZE count_daily');
  await c.query('ANALYZE count_monthly');
  const [{ d, m }] = (await c.query('SELECT (SELECT count(*) FROM count_daily)::int AS d, (SELECT count(*) FROM count_monthly)::int AS m')).rows;
  await c.end();
  return { persons, pairs, loadMs: Date.now() - t0, pairsMs: tPairs, dailyRows: d, monthlyRows: m };
}

function run(u, token) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: u, connections, duration: seconds, headers: { authorization: `Bearer ${token}` } },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

async function reads(label) {
  const port = 3920;
  const email = 'bench-admin@example.jp';
  const password = 'Kz8#vQ2!mW7rT4pX9sLb';
  const env = { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', OUTBOX_RELAY: 'off', ADMIN_EMAIL: email, ADMIN_PASSWORD: password, QUEUE_PREFIX: 'benchcounts' };
  const api = spawn('node', ['-r', path.join(root, 'test/support/ts-register.js'), path.join(root, 'apps/api/src/main.ts')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    const base = `http://127.0.0.1:${port}/api/v1`;
    await waitForUp(`http://127.0.0.1:${port}/health/live`);
    let accessToken;
    for (let i = 0; !accessToken; i++) {
      // the first admin is created from ADMIN_EMAIL at start-up; retry while a loaded machine catches up
      const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
      const body = await login.json();
      accessToken = body.accessToken;
      if (!accessToken && i >= 10) throw new Error(`login failed: ${login.status} ${JSON.stringify(body)}`);
      if (!accessToken) await new Promise((r) => setTimeout(r, 2000));
    }
    const targets = {
      // context: an authenticated endpoint doing one small read (same auth, pipeline and machine load)
      baselineMe: `${base}/me`,
      summary: `${base}/stats/summary?date=${PAST}`,
      prefectureBreakdown: `${base}/stats/scopes/prefecture/01?date=${PAST}`,
      monthlySeries10y: `${base}/stats/timeseries?scopeType=nation&code=JP&interval=month&from=2015-04-01&to=${PAST}`,
    };
    const out = {};
    for (const [name, u] of Object.entries(targets)) {
      const check = await fetch(u, { headers: { authorization: `Bearer ${accessToken}` } });
      if (!check.ok) throw new Error(`${name}: HTTP ${check.status} ${await check.text()}`);
      await run(u, accessToken); // warm-up
      const r = await run(u, accessToken);
      out[name] = { p50ms: r.latency.p50, p99ms: r.latency.p99, reqPerSec: Math.round(r.requests.average), errors: r.errors + r.non2xx };
    }
    const summary = await (await fetch(targets.summary, { headers: { authorization: `Bearer ${accessToken}` } })).json();
    console.log(JSON.stringify({ size: label, realPersons: summary.realPersons, cumulativePersons: summary.cumulativePersons, ...out }));
    return out;
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
  }
}

async function writes() {
  process.env.DATABASE_URL = url;
  process.env.DATABASE_POOL_SIZE = '20';
  process.env.LOG_LEVEL = 'silent';
  const { NestFactory } = require('@nestjs/core');
  const { Module } = require('@nestjs/common');
  const { PlatformConfigModule } = require(path.join(root, 'libs/platform/config/src'));
  const { PlatformDatabaseModule } = require(path.join(root, 'libs/platform/database/src'));
  const { PlatformOutboxModule } = require(path.join(root, 'libs/platform/outbox/src'));
  const { RelationshipsCoreModule, RelationshipsService, CountsQueryService } = require(path.join(root, 'libs/relationships/src'));
  class BenchModule {}
  Module({ imports: [PlatformConfigModule, PlatformDatabaseModule, PlatformOutboxModule, RelationshipsCoreModule] })(BenchModule);
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
  const svc = app.get(RelationshipsService);
  const query = app.get(CountsQueryService);
  const pool = new Pool({ connectionString: url, max: 16 });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, person uuid NOT NULL, municipality_code text NOT NULL, day date NOT NULL)');
  const munis = (await pool.query('SELECT code FROM municipalities WHERE NOT is_northern_territories ORDER BY code')).rows.map((r) => r.code);
  const uuid = (i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

  async function loop(fn) {
    let n = 0;
    const until = Date.now() + writeSeconds * 1000;
    await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        while (Date.now() < until) {
          await fn(w, n++);
        }
      }),
    );
    return n / writeSeconds;
  }
  const baseline = await loop(async (w, i) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('INSERT INTO bench_baseline (person, municipality_code, day) VALUES ($1, $2, $3)', [uuid(i % 50_000), munis[i % munis.length], '2025-06-01']);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  });
  // Verified activities of 50,000 participants, recorded as the worker does: ledger rows + pending
  // marks in one statement (enqueueActivity). The counts are asynchronous: an applier (what the
  // worker's PendingApplierService runs) folds pending rows in batches, as a set-based rollup,
  // concurrently with the writers.
  // The applier runs in its own process, as the worker's PendingApplierService does in production.
  const applierProc = fork(path.join(__dirname, 'counts-applier.js'), [], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const applierReport = new Promise((resolve, reject) => {
    applierProc.on('message', (m) => m.applied !== undefined && resolve(m));
    applierProc.on('exit', (code) => code !== 0 && reject(new Error(`applier exited with ${code}`)));
  });
  await new Promise((resolve) => applierProc.once('message', resolve)); // ready
  // Staleness (commit → visible in the summary's read path): every 250 ms a probe records a marker
  // activity on its own day (no writer uses those days); a poller reads the count of every
  // outstanding probe day until it reads 1, through CountsQueryService.batch, the statement the
  // summary endpoint runs.
  const staleness = [];
  const outstanding = new Map(); // probe day → commit time
  let stopProbes = false;
  const probe = (async () => {
    for (let k = 0; !stopProbes; k++) {
      const day = new Date(Date.UTC(2019, 0, 1) + k * 86_400_000).toISOString().slice(0, 10);
      await svc.enqueueActivity({
        activityId: `probe-${k}`,
        userId: uuid(900_000 + k),
        municipalityCodes: [munis[k % munis.length]],
        verifiedAt: `${day}T03:00:00Z`,
        profile: { residenceMunicipalityCode: null, participantType: 'worker' },
      });
      outstanding.set(day, Date.now());
      await new Promise((res) => setTimeout(res, 250));
    }
  })();
  // One poller reads every outstanding probe day in one statement every 25 ms (bounded read load).
  const poller = (async () => {
    while (!stopProbes || outstanding.size > 0) {
      const days = [...outstanding.keys()];
      if (days.length) {
        const values = await query.batch(days.map((d) => ({ metric: 'activities', scopeType: 'nation', code: 'JP', date: d, period: { from: d, to: d } })));
        const now = Date.now();
        days.forEach((d, i) => {
          if (values[i] === 1) {
            staleness.push(now - outstanding.get(d));
            outstanding.delete(d);
          } else if (now - outstanding.get(d) > 120_000) throw new Error(`probe ${d} never became visible`);
        });
      }
      await new Promise((res) => setTimeout(res, 25));
    }
  })();
  const ours = await loop(async (w, i) => {
    // verifiedAt is when staff confirm attendance, i.e. close to now: spread over the last
    // BENCH_ACTIVITY_DAYS days (default 3; the synchronous design's bench spread them over 252 days)
    const day = new Date(Date.UTC(2025, 5, 1) + (i % activityDays) * 86_400_000).toISOString().slice(0, 10);
    await svc.enqueueActivity({
      activityId: `bench-${i}`,
      userId: uuid(i % 50_000),
      municipalityCodes: [munis[(i * 7919) % munis.length]],
      verifiedAt: `${day}T03:00:00Z`,
      profile: { residenceMunicipalityCode: munis[i % 100], participantType: 'worker' },
    });
  });
  const backlogAtEnd = await svc.pendingCount();
  const lagAtEnd = await svc.pendingLagMs();
  stopProbes = true;
  await probe;
  await poller;
  applierProc.kill('SIGTERM');
  const { applied: appliedRows } = await applierReport;
  const tDrain = Date.now();
  await svc.drainPending();
  const drainMs = Date.now() - tDrain;
  staleness.sort((a, b) => a - b);
  const verify = await app.get(require(path.join(root, 'libs/relationships/src')).RecountService).verify();
  console.log(
    JSON.stringify({
      writers: 16,
      activityDays,
      baselineInsertsPerSec: Math.round(baseline),
      activitiesPerSec: Math.round(ours),
      ratio: Math.round((ours / baseline) * 100) / 100,
      rowsAppliedByWorkerProcess: appliedRows,
      stalenessMs: {
        note: 'commit → visible through the summary read path, asynchronous counts, measured while the 16 writers run',
        probes: staleness.length,
        p50: percentile(staleness, 50) ?? null,
        p99: percentile(staleness, 99) ?? null,
        max: staleness[staleness.length - 1] ?? null,
      },
      backlogAtEnd,
      oldestPendingAgeAtEndMs: lagAtEnd,
      drainAfterWritersMs: drainMs,
      recountOk: verify.ok,
    }),
  );
  await pool.end();
  await app.close();
}

async function main() {
  if (process.env.BENCH_LOAD_ONLY) {
    // leaves the loaded database in place for EXPLAIN / manual checks
    await freshDatabase();
    console.log(JSON.stringify({ load: await load(Number(process.env.BENCH_LOAD_ONLY)) }));
    return;
  }
  if (process.env.BENCH_WRITES_ONLY) {
    await freshDatabase();
    await writes();
    return;
  }
  if (process.env.BENCH_READS_ONLY) {
    // reads against the database a BENCH_LOAD_ONLY run left in place
    await reads('loaded');
    return;
  }
  const results = {};
  for (const size of sizes) {
    await freshDatabase();
    const l = await load(size);
    console.log(JSON.stringify({ load: l }));
    results[size] = await reads(size);
  }
  if (sizes.length > 1) {
    const [small, big] = [results[sizes[0]], results[sizes[sizes.length - 1]]];
    const ratio = {};
    for (const k of Object.keys(small)) ratio[k] = Math.round((big[k].p99ms / Math.max(small[k].p99ms, 1)) * 100) / 100;
    console.log(JSON.stringify({ p99RatioLargestToSmallest: ratio }));
  }
  await freshDatabase();
  await writes();
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  });
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
