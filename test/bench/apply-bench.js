// Apply benchmark (issue 4): authenticated participants applying to open projects over HTTP
// (POST /api/v1/projects/:id/applications, 50 connections, every request a distinct
// participant × project pair) against the built api, vs a baseline measured in the same run: a
// plain single-row INSERT transaction (BEGIN; INSERT; COMMIT) through node-postgres at the same
// concurrency. Targets: ratio ≥ 0.35, apply p99 ≤ 60 ms.
//
// Usage: npm run build && npm run bench:apply
//   env: BENCH_CONNECTIONS (50), BENCH_PARTICIPANTS (40), BENCH_PROJECTS (150), BENCH_PORT (3920),
//        BENCH_NODE_ARGS (extra node flags for the api, e.g. --cpu-prof), BENCH_SKIP_REFERENCE=1 (no
//        reference runs, so that a profile of the api holds little besides the applies)
// The script creates its own database (kakawari_bench_apply_<pid>), migrates and seeds it with the
// CLI, starts the api on a spare loopback port, and drops the database at the end.
const { spawn, execFileSync } = require('node:child_process');
const path = require('node:path');
const os = require('node:os');
const { Client, Pool } = require('pg');
const autocannon = require('autocannon');
const { adminQuery, waitForUp, apiClient, percentile, cpuSnapshot, cpuSince } = require('./support');

const root = path.join(__dirname, '..', '..');
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const participantCount = Number(process.env.BENCH_PARTICIPANTS ?? 40);
const projectCount = Number(process.env.BENCH_PROJECTS ?? 150);
const port = Number(process.env.BENCH_PORT ?? 3920);
const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `kakawari_bench_apply_${process.pid}`;
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const base = `http://127.0.0.1:${port}/api/v1`;
const call = apiClient(base);
const admin = (sql) => adminQuery(adminUrl, sql);
const HOST = '152048'; // 長岡市

async function login(email, password) {
  return (await call('POST', '/auth/login', null, { email, password })).accessToken;
}

async function inBatches(n, size, fn) {
  const out = [];
  for (let i = 0; i < n; i += size) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, j) => fn(i + j)))));
  }
  return out;
}

/** Baseline: `count` single-row INSERT transactions over `connections` pooled connections. */
async function baseline(count) {
  const pool = new Pool({ connectionString: dbUrl, max: connections });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_baseline (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(), project_id uuid NOT NULL, participant_id uuid NOT NULL,
    motivation text, created_at timestamptz NOT NULL DEFAULT now())`);
  const once = async () => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(
        'INSERT INTO bench_baseline (project_id, participant_id, motivation) VALUES (gen_random_uuid(), gen_random_uuid(), $1)',
        ['ベンチマーク用の応募動機です。'],
      );
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  };
  const runPhase = async (n) => {
    let next = 0;
    const latencies = [];
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < n) {
          next++;
          const t0 = process.hrtime.bigint();
          await once();
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((a, b) => a - b);
    return { reqPerSec: n / seconds, p50ms: percentile(latencies, 50), p99ms: percentile(latencies, 99) };
  };
  await runPhase(Math.min(1000, count)); // warm-up
  const cpuBefore = cpuSnapshot(0);
  const result = await runPhase(count);
  const cpu = cpuSince(cpuBefore, 0);
  await pool.end();
  return { ...result, cpu };
}

const per2 = (ms, n) => +(ms / Math.max(1, n)).toFixed(3);

function applyLoad(pairs, label) {
  let i = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections,
        pipelining: 1,
        amount: pairs.length,
        // With `amount`, autocannon ends (and measures `duration`) at its next sample tick: the
        // default 1 s tick rounds a ~8 s run up to whole seconds (up to −14 % req/s).
        sampleInt: 20,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const pair = pairs[i++ % pairs.length];
              return {
                ...req,
                path: `/api/v1/projects/${pair.projectId}/applications`,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${pair.token}` },
                body: JSON.stringify({ motivation: 'ベンチマーク用の応募動機です。' }),
              };
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('error', reject);
    void label;
  });
}

/** Refuses to run when something (e.g. a stale api) already listens on the port. */
async function assertPortFree() {
  try {
    await fetch(`http://127.0.0.1:${port}/health/live`);
  } catch {
    return;
  }
  throw new Error(`port ${port} is already in use; set BENCH_PORT`);
}

async function main() {
  await assertPortFree();
  await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${dbName}"`);
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-only-jwt-secret-0123456789abcdefghijklmnop',
    DATABASE_URL: dbUrl,
    QUEUE_PREFIX: `bench${process.pid}`,
    LOG_LEVEL: 'warn',
    OUTBOX_RELAY: 'off',
    LOGIN_RATE_LIMIT_PER_IP: '100000',
    LOGIN_RATE_LIMIT_PER_ACCOUNT_IP: '100000',
    LOGIN_RATE_LIMIT_PER_ACCOUNT: '100000',
    REGISTER_RATE_LIMIT_PER_IP: '100000',
  };
  let api;
  try {
    const cli = path.join(root, 'dist/apps/cli/src/main.js');
    const t0 = Date.now();
    execFileSync('node', [cli, 'migrate'], { env, stdio: 'ignore' });
    execFileSync('node', [cli, 'seed'], { env, stdio: 'ignore' });
    console.log(`database ${dbName} migrated and seeded in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    const staffEmail = `bench-staff-${process.pid}@example.jp`;
    const password = 'ベンチマーク用のパスワード-2026';
    const created = execFileSync('node', [cli, 'create-user', '--email', staffEmail, '--role', 'municipality_staff', '--municipality', HOST], {
      env: { ...env, NEW_USER_PASSWORD: password },
      encoding: 'utf8',
    });
    if (!created.includes(`created municipality_staff ${staffEmail}`)) throw new Error(`create-user failed:\n${created}`);

    // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the api under load.
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    api = spawn('node', [...nodeArgs, path.join(root, 'dist/apps/api/src/main.js')], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // Never leave the api behind when the bench is interrupted.
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => { api.kill('SIGTERM'); process.exit(130); });
    await waitForUp(`http://127.0.0.1:${port}/health/live`);

    const staffToken = await login(staffEmail, password);
    const day = 24 * 3600 * 1000;
    const projectIds = await inBatches(projectCount, 10, async (k) => {
      const p = await call('POST', '/projects', staffToken, {
        title: `ベンチマーク用 有機農業体験 ${k}`,
        description: '応募ベンチマークのための募集です。',
        hostMunicipalityCode: HOST,
        category: 'people_flow',
        mode: 'onsite',
        startsAt: new Date(Date.now() + 30 * day).toISOString(),
        endsAt: new Date(Date.now() + 31 * day).toISOString(),
        applicationDeadline: new Date(Date.now() + 20 * day).toISOString(),
        capacity: 1000,
        compensation: 'volunteer',
      });
      await call('POST', `/projects/${p.id}/publish`, staffToken);
      return p.id;
    });
    const tokens = await inBatches(participantCount, 8, async (k) => {
      const email = `bench-p-${process.pid}-${k}@example.jp`;
      await call('POST', '/auth/register', null, { email, password, displayName: `参加者 ${k}` });
      return login(email, password);
    });

    // Every (participant, project) pair once, interleaved so concurrent requests hit different rows.
    const pairs = [];
    for (let pj = 0; pj < projectIds.length; pj++) {
      for (let pt = 0; pt < tokens.length; pt++) pairs.push({ projectId: projectIds[pj], token: tokens[pt] });
    }
    const warm = pairs.splice(0, Math.min(1000, Math.floor(pairs.length / 6)));
    console.log(`load average before the run: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} cpus)`);
    console.log(
      `apply bench: ${participantCount} participants × ${projectCount} projects; warm-up ${warm.length} applies, measured ${pairs.length}; ${connections} connections`,
    );
    // Reference points on the same api (not targets): the framework floor and an authenticated read.
    const reference = (opts) =>
      new Promise((res, rej) =>
        autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: 5, ...opts }, (e, out) => (e ? rej(e) : res(out))),
      );
    for (const [label, opts] of process.env.BENCH_SKIP_REFERENCE ? [] : [
      ['reference: GET /health/live', { url: `http://127.0.0.1:${port}/health/live` }],
      ['reference: GET /api/v1/me/applications (auth + 1 query)', { url: `http://127.0.0.1:${port}/api/v1/me/applications?limit=1`, headers: { authorization: `Bearer ${tokens[0]}` } }],
    ]) {
      const out = await reference(opts);
      console.log(JSON.stringify({ label, reqPerSec: Math.round(out.requests.average), p50ms: out.latency.p50, p99ms: out.latency.p99, non2xx: out.non2xx }));
    }
    await applyLoad(warm, 'warm-up');
    const cpuBefore = cpuSnapshot(api.pid);
    const r = await applyLoad(pairs, 'measured');
    const cpu = cpuSince(cpuBefore, api.pid);
    const applied = r['2xx'];
    const applyLine = {
      label: 'HTTP apply (POST /projects/:id/applications)',
      reqPerSec: Math.round(applied / (r.duration || 1)),
      p50ms: r.latency.p50,
      p99ms: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors,
    };
    console.log(JSON.stringify(applyLine));
    // Where the machine's CPU went during the measured applies (per apply): api, postgres, load generator.
    const per = (ms) => per2(ms, applied);
    console.log(
      `cpu per apply (ms): api ${per(cpu.serverMs)}, postgres ${per(cpu.postgresMs)}, load generator ${per(cpu.loadGenMs)}; ` +
        `machine busy ${(((cpu.serverMs + cpu.postgresMs + cpu.loadGenMs) / cpu.wallMs / os.cpus().length) * 100).toFixed(0)} % of ${os.cpus().length} cpus`,
    );
    const check = new Client({ connectionString: dbUrl });
    await check.connect();
    const counted = (await check.query('SELECT count(*)::int AS n FROM applications')).rows[0].n;
    await check.end();
    console.log(`applications stored: ${counted} (expected ${warm.length + pairs.length})`);

    const b = await baseline(pairs.length);
    const baseLine = { label: 'baseline: node-postgres BEGIN; INSERT; COMMIT', reqPerSec: Math.round(b.reqPerSec), p50ms: +b.p50ms.toFixed(2), p99ms: +b.p99ms.toFixed(2) };
    console.log(JSON.stringify(baseLine));
    console.log(
      `cpu per baseline transaction (ms): postgres ${per2(b.cpu.postgresMs, pairs.length)}, node-postgres client ${per2(b.cpu.loadGenMs, pairs.length)}`,
    );
    const ratio = applyLine.reqPerSec / baseLine.reqPerSec;
    console.log(`ratio apply/baseline = ${ratio.toFixed(2)} (target ≥ 0.35) ${ratio >= 0.35 ? 'OK' : 'BELOW TARGET'}`);
    console.log(`apply p99 = ${applyLine.p99ms} ms (target ≤ 60 ms) ${applyLine.p99ms <= 60 ? 'OK' : 'ABOVE TARGET'}`);
    if (r.non2xx > 0 || r.errors > 0) console.log('WARNING: some apply requests failed');
  } finally {
    if (api) {
      api.kill('SIGTERM');
      await new Promise((res) => api.once('exit', res));
    }
    await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
