// Notifications benchmark (issue 6). One run, loopback only, bounded (< 2 min):
//  1. baseline: a bare BullMQ worker inserting one row per job (test/bench/notifications-baseline-worker.js)
//  2. throughput: N committed in-app notifications → inbox rows, one notifications worker process
//  3. latency: 200 notifications/s offered, each committed in its own transaction; p50/p95 from commit to inbox
//  4. fan-out: FANOUT recipients (default 100,000) committed at once (e.g. a digest), time to drain
// The worker is the real one (NotificationsWorkerModule + relay), run from the TypeScript sources.
// Usage: npm run bench:notifications   (env: BENCH_N, BENCH_RATE, BENCH_SECONDS, FANOUT, NOTIFICATIONS_CONCURRENCY)
const { randomBytes, randomUUID } = require('node:crypto');
const path = require('node:path');
const { Client, Pool } = require('pg');

const root = path.join(__dirname, '..', '..');
require(path.join(root, 'test/support/ts-register.js'));
require('reflect-metadata');
const { DataSource } = require('typeorm');
const { Queue } = require('bullmq');
const { dataSourceOptions } = require(path.join(root, 'libs/platform/database/src/data-source.options.ts'));
const { percentile, sleep, spawnReady, waitCount } = require('./support');

const N = Number(process.env.BENCH_N ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const FANOUT = Number(process.env.FANOUT ?? 100_000);
const CONCURRENCY = process.env.NOTIFICATIONS_CONCURRENCY ?? '50';
const admin = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `kakawari_nbench_${randomBytes(4).toString('hex')}`;
const dbUrl = admin.replace(/\/[^/]*$/, `/${dbName}`);

function spawnProcess(args, env) {
  return spawnReady(args, { NODE_ENV: 'development', LOG_LEVEL: 'warn', WORKER_HEALTH_PORT: '0', DATABASE_URL: dbUrl, NOTIFICATIONS_CONCURRENCY: CONCURRENCY, ...env }, { cwd: root });
}


/** Bulk-commits `n` in-app notifications for `recipients` in one transaction (what request() stores). */
async function commitBatch(c, tag, n, recipient) {
  await c.query(
    `WITH n AS (
       INSERT INTO notifications (recipient_kind, recipient_id, event_type, params, dedupe_key)
       SELECT 'user', ${recipient ? '$3::uuid' : 'gen_random_uuid()'}, 'digest.weekly', '{"count":3}'::jsonb, $1 || ':' || g FROM generate_series(1, $2::int) g
       RETURNING id)
     INSERT INTO notification_deliveries (notification_id, channel) SELECT id, 'in_app' FROM n`,
    recipient ? [tag, n, recipient] : [tag, n],
  );
}

async function main() {
  const adm = new Client({ connectionString: admin });
  await adm.connect();
  await adm.query(`CREATE DATABASE "${dbName}"`);
  const ds = new DataSource(dataSourceOptions(dbUrl, { logging: false }));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  await c.query('CREATE TABLE bench_baseline (id bigserial PRIMARY KEY, job_id text NOT NULL, enqueued_at timestamptz NOT NULL, created_at timestamptz NOT NULL DEFAULT clock_timestamp())');
  const results = {};
  const t0 = Date.now();
  try {
    // 1. Baseline: bare BullMQ + one INSERT per job.
    const basePrefix = `nb${randomBytes(3).toString('hex')}`;
    const base = spawnProcess([path.join(root, 'test/bench/notifications-baseline-worker.js')], { QUEUE_PREFIX: basePrefix });
    await base.ready;
    const q = new Queue('bench-baseline', { connection: { host: '127.0.0.1', port: 6379 }, prefix: basePrefix });
    const bStart = Date.now();
    for (let i = 0; i < N; i += 1000) {
      await q.addBulk(Array.from({ length: Math.min(1000, N - i) }, (_, k) => ({ name: 'insert', data: { t: Date.now() }, opts: { jobId: `b-${i + k}` } })));
    }
    const bEnd = await waitCount(c, 'SELECT count(*)::int AS n FROM bench_baseline', [], N, 120_000);
    results.baselinePerSec = N / ((bEnd - bStart) / 1000);
    await base.stop();
    await q.obliterate({ force: true });
    await q.close();

    // 2. Throughput: committed notification rows → inbox rows, one worker process.
    const prefix = `nb${randomBytes(3).toString('hex')}`;
    const worker = spawnProcess(['-r', path.join(root, 'test/support/ts-register.js'), path.join(root, 'test/support/notifications/worker-entry.ts')], {
      QUEUE_PREFIX: prefix,
      NOTIFICATIONS_RELAY_POLL_MS: '50',
      OUTBOX_RELAY: 'off',
    });
    await worker.ready;
    const tStart = Date.now();
    await commitBatch(c, 'tp', N);
    const tEnd = await waitCount(c, 'SELECT count(*)::int AS n FROM notification_inbox', [], N, 120_000);
    results.notificationsPerSec = N / ((tEnd - tStart) / 1000);

    // 3. Latency at RATE/s offered: one transaction per notification, spread evenly.
    const recipient = randomUUID();
    const total = RATE * SECONDS;
    // Open-loop load: each notification is committed on schedule by a small pool, not after the previous one.
    const pool = new Pool({ connectionString: dbUrl, max: 8 });
    const inflight = [];
    const lStart = Date.now();
    for (let i = 0; i < total; i++) {
      const due = lStart + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      inflight.push(commitBatch(pool, `lat${i}`, 1, recipient));
    }
    await Promise.all(inflight);
    const offered = total / ((Date.now() - lStart) / 1000);
    await pool.end();
    await waitCount(c, 'SELECT count(*)::int AS n FROM notification_inbox WHERE recipient_id = $1', [recipient], total, 60_000);
    const { rows } = await c.query(
      `SELECT extract(epoch FROM d.delivered_at - n.created_at) * 1000 AS ms FROM notifications n JOIN notification_deliveries d ON d.notification_id = n.id
        WHERE n.recipient_id = $1 ORDER BY 1`,
      [recipient],
    );
    const lat = rows.map((r) => Number(r.ms));
    results.offeredPerSec = offered;
    results.p50ms = percentile(lat, 50);
    results.p95ms = percentile(lat, 95);
    results.p99ms = percentile(lat, 99);

    // 4. Fan-out: FANOUT recipients committed at once.
    const before = (await c.query('SELECT count(*)::int AS n FROM notification_inbox')).rows[0].n;
    const fStart = Date.now();
    await commitBatch(c, 'fan', FANOUT);
    const fEnd = await waitCount(c, 'SELECT count(*)::int AS n FROM notification_inbox', [], before + FANOUT, 150_000);
    results.fanout = FANOUT;
    results.fanoutDrainSec = (fEnd - fStart) / 1000;
    const dup = (await c.query('SELECT count(*)::int AS n FROM (SELECT notification_id FROM notification_inbox GROUP BY 1 HAVING count(*) > 1) x')).rows[0].n;
    results.duplicateInboxRows = dup;
    await worker.stop();
    const cleanup = new Queue('notifications', { connection: { host: '127.0.0.1', port: 6379 }, prefix });
    await cleanup.obliterate({ force: true });
    await cleanup.close();
  } finally {
    await c.end();
    await adm.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await adm.end();
  }
  const ratio = results.notificationsPerSec / results.baselinePerSec;
  const line = (k, v) => process.stdout.write(`${k.padEnd(44)} ${v}\n`);
  process.stdout.write(`\nnotifications benchmark (N=${N}, concurrency=${CONCURRENCY}, one worker process, ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  line('baseline: bare BullMQ + 1 INSERT per job', `${results.baselinePerSec.toFixed(0)} jobs/s`);
  line('in-app end to end (commit → inbox row)', `${results.notificationsPerSec.toFixed(0)} notifications/s`);
  line('ratio to baseline (target ≥ 0.5)', ratio.toFixed(2));
  line(`latency at ${results.offeredPerSec.toFixed(0)}/s offered: p50 / p95 / p99`, `${results.p50ms.toFixed(0)} / ${results.p95ms.toFixed(0)} / ${results.p99ms.toFixed(0)} ms (target p95 < 1000)`);
  line(`fan-out to ${results.fanout} recipients drained in`, `${results.fanoutDrainSec.toFixed(1)} s (target ≤ 120)`);
  line('inbox rows delivered twice', results.duplicateInboxRows);
  const ok = ratio >= 0.5 && results.notificationsPerSec >= 1000 && results.p95ms < 1000 && results.fanoutDrainSec <= 120 && results.duplicateInboxRows === 0;
  line('all targets met', ok ? 'yes' : 'NO');
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
