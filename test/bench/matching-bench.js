#!/usr/bin/env node
// Recommendations latency (issue 7): GET /api/v1/me/recommendations?limit=20 over HTTP against the
// built api with BENCH_PROJECTS (100,000) open projects and BENCH_PARTICIPANTS (1,000,000) participant
// profiles loaded, vs reference points measured in the same run on the same api: GET /health/live
// (framework floor) and GET /api/v1/me/applications?limit=20 (auth + one indexed query).
// Target: recommendations p95 ≤ 50 ms.
// Also: structured search (filters + sort by start, 20 results) in the database — the exact SQL text
// ProjectsRepository.searchPublishedSql builds (loaded from dist) over BENCH_SEARCH_QUERIES (2000)
// random filter combinations on the same 100k projects, timed on a plain pg connection (round trip
// included, so an upper bound of the database time). Target: p99 ≤ 10 ms.
//
// Usage: npm run build && npm run bench:matching
//   env: BENCH_PROJECTS (100000), BENCH_PARTICIPANTS (1000000), BENCH_USERS (20), BENCH_CONCURRENCY (4),
//        BENCH_REQUESTS (1000), BENCH_PORT (3930), BENCH_ADMIN_DATABASE_URL, BENCH_SEARCH_QUERIES (2000),
//        BENCH_KEEP_DATABASE=1 (leave the loaded database for EXPLAIN ANALYZE; its name is printed)
// The script creates its own database (kakawari_bench_matching_<pid>), migrates and seeds it with the
// CLI, bulk-loads rows with SQL, starts the api on a loopback port and drops the database at the end.
const { spawn, execFileSync } = require('node:child_process');
const path = require('node:path');
const os = require('node:os');
const { Client } = require('pg');
const { adminQuery, waitForUp, apiClient, percentile } = require('./support');

const root = path.join(__dirname, '..', '..');
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 100_000);
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 1_000_000);
const USERS = Number(process.env.BENCH_USERS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const SEARCH_QUERIES = Number(process.env.BENCH_SEARCH_QUERIES ?? 2000);
const KEEP_DATABASE = process.env.BENCH_KEEP_DATABASE === '1';
const port = Number(process.env.BENCH_PORT ?? 3930);
const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `kakawari_bench_matching_${process.pid}`;
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const base = `http://127.0.0.1:${port}/api/v1`;
const call = apiClient(base);
const admin = (sql) => adminQuery(adminUrl, sql);

/** `REQUESTS` GETs (round-robin over tokens) at `CONCURRENCY`, after a warm-up; latency percentiles. */
async function load(label, url, tokens) {
  const run = async (n) => {
    let next = 0;
    const times = [];
    let failures = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < n) {
          const i = next++;
          const token = tokens[i % tokens.length];
          const t0 = process.hrtime.bigint();
          const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
          await res.arrayBuffer();
          times.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if (!res.ok) failures++;
        }
      }),
    );
    times.sort((a, b) => a - b);
    return { label, requests: n, p50ms: +percentile(times, 50).toFixed(2), p95ms: +percentile(times, 95).toFixed(2), p99ms: +percentile(times, 99).toFixed(2), failures };
  };
  await run(Math.min(200, REQUESTS));
  const r = await run(REQUESTS);
  console.log(JSON.stringify(r));
  return r;
}

const SKILLS = ['Webデザイン', '写真撮影', '動画編集', '農作業', '英語', '会計', 'プログラミング', 'SNS運用', 'イベント運営', '調理'];
const CATEGORIES = ['living_environment', 'earning_power', 'people_flow', 'ai_digital', 'wide_area'];
const TAGS = ['農業', '林業', '漁業', '観光', '防災', '教育', '子育て', '福祉', '医療', '環境', '移住', '空き家', '商店街', '伝統工芸', '文化', '食', 'まちづくり', 'DX'];
const MODES = ['onsite', 'remote', 'hybrid'];

async function bulkLoad(db, hostCodes, staffId) {
  const t0 = Date.now();
  // Open projects across the given real municipalities: random category/mode/skills, published in the last 60 days.
  await db.query(
    `INSERT INTO projects (status, title, description, host_municipality_code, host_prefecture_code, municipality_codes, prefecture_codes,
        category, tags, required_skills, mode, starts_at, ends_at, application_deadline, capacity, compensation, created_by, published_at)
     SELECT 'published', 'ベンチ募集 ' || g, '説明', h.code, left(h.code, 2), ARRAY[h.code], ARRAY[left(h.code, 2)],
            ($3::text[])[1 + g % 5], ARRAY[($6::text[])[1 + (g / 3) % array_length($6::text[], 1)]], ARRAY[($4::text[])[1 + g % 10], ($4::text[])[1 + (g / 10) % 10]],
            (ARRAY['onsite','onsite','onsite','remote','hybrid'])[1 + (g / 7) % 5],
            s.starts, s.starts + interval '1 day', now() + (1 + g % 30) * interval '1 day', 10, 'volunteer', $5::uuid,
            now() - (g % 86400) * interval '60 seconds'
       FROM generate_series(1, $1::int) AS g
       JOIN LATERAL (SELECT ($2::text[])[1 + (g * 7919) % array_length($2::text[], 1)] AS code) h ON true
       -- Starts spread over four months from day 40 (the structured-search date filters need a spread).
       JOIN LATERAL (SELECT date_trunc('hour', now()) + interval '40 days' + ((g * 37) % 2880) * interval '1 hour' AS starts) s ON true`,
    [PROJECTS, hostCodes, CATEGORIES, SKILLS, staffId, TAGS],
  );
  const t1 = Date.now();
  await db.query(
    `INSERT INTO participant_profiles (user_id, display_name, residence_municipality_code, hometown_municipality_code, interest_region_codes,
        skills, interests, modes, availability, participant_type)
     SELECT gen_random_uuid(), '参加者' || g, ($1::text[])[1 + g % array_length($1::text[], 1)], ($1::text[])[1 + (g * 31) % array_length($1::text[], 1)],
            ARRAY[lpad((1 + g % 47)::text, 2, '0')], ARRAY[($2::text[])[1 + g % 10]], ARRAY[($3::text[])[1 + g % 5]],
            ARRAY['onsite','remote'], ARRAY['weekends'], 'urban_resident'
       FROM generate_series(1, $4::int) AS g`,
    [hostCodes, SKILLS, CATEGORIES, PARTICIPANTS],
  );
  // A settled database: hint bits set, GIN pending lists merged (autovacuum would do this on a live one).
  await db.query('VACUUM ANALYZE projects');
  await db.query('ANALYZE participant_profiles');
  console.log(`loaded ${PROJECTS} open projects in ${((t1 - t0) / 1000).toFixed(1)}s and ${PARTICIPANTS} profiles in ${((Date.now() - t1) / 1000).toFixed(1)}s`);
}

/** Deterministic PRNG (mulberry32) so runs compare. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random discovery filter: one to four of the structured filters, sometimes a date window. */
function randomFilter(rand, munis) {
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const f = {};
  const day = 86_400_000;
  for (;;) {
    if (rand() < 0.5) f.prefectureCode = String(1 + Math.floor(rand() * 47)).padStart(2, '0');
    if (rand() < 0.12) f.municipalityCode = pick(munis);
    if (rand() < 0.4) f.category = pick(CATEGORIES);
    if (rand() < 0.25) f.tag = pick(TAGS);
    if (rand() < 0.3) f.mode = pick(MODES);
    if (rand() < 0.25) f.skills = rand() < 0.5 ? [pick(SKILLS)] : [pick(SKILLS), pick(SKILLS)];
    if (rand() < 0.3) {
      const from = Date.now() + (30 + Math.floor(rand() * 120)) * day;
      f.startsFrom = new Date(from);
      if (rand() < 0.7) f.startsTo = new Date(from + (1 + Math.floor(rand() * 30)) * day);
    }
    if (Object.keys(f).length > 0) return f;
  }
}

/**
 * Structured search in the database: the SQL ProjectsRepository builds for a random filter, 20 results
 * (+1 for the next cursor, as the service asks), timed on a plain pg connection.
 */
async function structuredSearch(munis) {
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = require(path.join(root, 'dist/libs/platform/database/src/data-source.options.js'));
  const { ProjectEntity } = require(path.join(root, 'dist/libs/projects/src/persistence/project.entity.js'));
  const { ProjectsRepository } = require(path.join(root, 'dist/libs/projects/src/persistence/projects.repository.js'));
  const ds = new DataSource({ ...dataSourceOptions(dbUrl), entities: [ProjectEntity], logging: false });
  await ds.initialize();
  const client = new Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const repo = new ProjectsRepository(ds);
    const rand = rng(20261130);
    const run = async (n, record) => {
      const times = [];
      let rows = 0;
      let worst = null;
      for (let i = 0; i < n; i++) {
        const filter = randomFilter(rand, munis);
        const [sql, params] = repo.searchPublishedSql(filter, 21);
        const t0 = process.hrtime.bigint();
        const r = await client.query(sql, params);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        times.push(ms);
        rows += r.rowCount;
        if (record && (!worst || ms > worst.ms)) worst = { ms, filter };
      }
      times.sort((a, b) => a - b);
      return { times, rows, worst };
    };
    /** The same kind of filters, timed by the server itself: planning + execution (EXPLAIN ANALYZE, TIMING OFF). */
    const serverSide = async (n) => {
      const times = [];
      for (let i = 0; i < n; i++) {
        const [sql, params] = repo.searchPublishedSql(randomFilter(rand, munis), 21);
        const plan = (await client.query(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`, params)).rows[0]['QUERY PLAN'][0];
        times.push(plan['Planning Time'] + plan['Execution Time']);
      }
      return times.sort((a, b) => a - b);
    };
    await run(200, false);
    const { times, rows, worst } = await run(SEARCH_QUERIES, true);
    const r = {
      label: 'structured search, client round trip (filters + start order, 21 rows)',
      queries: SEARCH_QUERIES,
      avgRows: +(rows / SEARCH_QUERIES).toFixed(1),
      p50ms: +percentile(times, 50).toFixed(2),
      p95ms: +percentile(times, 95).toFixed(2),
      p99ms: +percentile(times, 99).toFixed(2),
      maxms: +times[times.length - 1].toFixed(2),
    };
    console.log(JSON.stringify(r));
    console.log(`slowest filter: ${JSON.stringify(worst.filter)} (${worst.ms.toFixed(2)} ms)`);
    const server = await serverSide(SEARCH_QUERIES);
    const s = {
      label: 'structured search, in the database (planning + execution, EXPLAIN ANALYZE TIMING OFF)',
      queries: SEARCH_QUERIES,
      p50ms: +percentile(server, 50).toFixed(2),
      p95ms: +percentile(server, 95).toFixed(2),
      p99ms: +percentile(server, 99).toFixed(2),
      maxms: +server[server.length - 1].toFixed(2),
    };
    console.log(JSON.stringify(s));
    console.log(`structured search p99 in the database = ${s.p99ms} ms (target ≤ 10 ms) ${s.p99ms <= 10 ? 'OK' : 'ABOVE TARGET'}; client round trip p99 = ${r.p99ms} ms`);
    return r;
  } finally {
    await client.end();
    await ds.destroy();
  }
}

async function main() {
  try {
    await fetch(`http://127.0.0.1:${port}/health/live`);
    throw new Error(`port ${port} is already in use; set BENCH_PORT`);
  } catch (e) {
    if (String(e.message).includes('already in use')) throw e;
  }
  await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${dbName}"`);
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-only-jwt-secret-0123456789abcdefghijklmnop',
    DATABASE_URL: dbUrl,
    QUEUE_PREFIX: `benchm${process.pid}`,
    LOG_LEVEL: 'warn',
    OUTBOX_RELAY: 'off',
    LOGIN_RATE_LIMIT_PER_IP: '100000',
    LOGIN_RATE_LIMIT_PER_ACCOUNT_IP: '100000',
    LOGIN_RATE_LIMIT_PER_ACCOUNT: '100000',
  };
  let api;
  const db = new Client({ connectionString: dbUrl });
  try {
    const cli = path.join(root, 'dist/apps/cli/src/main.js');
    const t0 = Date.now();
    execFileSync('node', [cli, 'migrate'], { env, stdio: 'ignore' });
    execFileSync('node', [cli, 'seed'], { env, stdio: 'ignore' });
    console.log(`database ${dbName} migrated and seeded in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    await db.connect();
    const munis = (await db.query(`SELECT code FROM municipalities ORDER BY code`)).rows.map((r) => r.code.trim());
    if (munis.length < 100) throw new Error(`expected the municipality master data, found ${munis.length}`);
    await bulkLoad(db, munis, '00000000-0000-4000-8000-000000000001');
    await structuredSearch(munis);

    // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the api under load.
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    api = spawn('node', [...nodeArgs, path.join(root, 'dist/apps/api/src/main.js')], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] });
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => { api.kill('SIGTERM'); process.exit(130); });
    await waitForUp(`http://127.0.0.1:${port}/health/live`);

    const password = 'ベンチマーク用のパスワード-2026';
    const tokens = [];
    for (let k = 0; k < USERS; k++) {
      const email = `bench-m-${process.pid}-${k}@example.jp`;
      await call('POST', '/auth/register', null, { email, password, displayName: `参加者 ${k}` });
      const token = (await call('POST', '/auth/login', null, { email, password })).accessToken;
      await call('PUT', '/me/profile', token, {
        displayName: `参加者 ${k}`,
        residenceMunicipalityCode: '131041',
        hometownMunicipalityCode: munis[(k * 97) % munis.length],
        interestRegionCodes: [String(1 + (k % 47)).padStart(2, '0')],
        skills: [SKILLS[k % 10], SKILLS[(k + 3) % 10]],
        interests: [CATEGORIES[k % 5]],
        modes: k % 3 === 0 ? ['remote'] : ['onsite', 'remote'],
        availability: ['weekends'],
        participantType: k % 3 === 0 ? 'remote_worker' : 'urban_resident',
      });
      tokens.push(token);
    }
    const sample = await call('GET', '/me/recommendations?limit=20', tokens[0]);
    console.log(`sample: ${sample.items.length} recommendations; first reasons: ${sample.items[0]?.reasons.map((r) => r.ja).join('、')}`);
    console.log(`load average before the run: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} cpus); ${CONCURRENCY} concurrent, ${REQUESTS} requests each`);

    await load('reference: GET /health/live', `http://127.0.0.1:${port}/health/live`, [null]);
    const ref = await load('reference: GET /me/applications?limit=20 (auth + 1 query)', `${base}/me/applications?limit=20`, tokens);
    const rec = await load('GET /me/recommendations?limit=20', `${base}/me/recommendations?limit=20`, tokens);
    console.log(`recommendations p95 = ${rec.p95ms} ms (target ≤ 50 ms) ${rec.p95ms <= 50 ? 'OK' : 'ABOVE TARGET'}; ratio to the authenticated-read reference p95 = ${(rec.p95ms / ref.p95ms).toFixed(1)}×`);
    if (rec.failures > 0) console.log('WARNING: some recommendation requests failed');
  } finally {
    await db.end().catch(() => undefined);
    if (api) {
      api.kill('SIGTERM');
      await new Promise((res) => api.once('exit', res));
    }
    if (KEEP_DATABASE) console.log(`kept database ${dbName} (drop it when done)`);
    else await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
