// Weekly digest fan-out benchmark (issue 6: "a fan-out to 100,000 recipients (e.g. a digest)
// drains in ≤ 2 minutes"). One run, loopback only:
//   FANOUT participants (default 100,000) consent to the digest, PROJECTS new projects were
//   published last week; MATCH_SHARE of the participants fit them (the rest get nothing).
//   One `notifications.weekly-digest` job is enqueued; the real worker (NotificationsWorkerModule,
//   from the TypeScript sources) plans chunked batch jobs, each batch matches through matching's
//   NewProjectMatchesService and stores its digests with requestMany, and the relay delivers them.
//   Reported: time from the job to the last digest notification stored, and to the last inbox row.
// Email is turned off for the synthetic people (no SMTP here): in-app is the measured channel.
// Usage: npm run bench:digest   (env: FANOUT, PROJECTS, MATCH_SHARE, NOTIFICATIONS_CONCURRENCY)
const { randomBytes } = require('node:crypto');
const path = require('node:path');
const { Client } = require('pg');
const { sleep, spawnReady, waitCount } = require('./support');

const root = path.join(__dirname, '..', '..');
require(path.join(root, 'test/support/ts-register.js'));
require('reflect-metadata');
const { DataSource } = require('typeorm');
const { Queue } = require('bullmq');
const { dataSourceOptions } = require(path.join(root, 'libs/platform/database/src/data-source.options.ts'));

const FANOUT = Number(process.env.FANOUT ?? 100_000);
const PROJECTS = Number(process.env.PROJECTS ?? 30);
const MATCH_SHARE = Number(process.env.MATCH_SHARE ?? 0.9);
const CONCURRENCY = process.env.NOTIFICATIONS_CONCURRENCY ?? '50';
const admin = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `kakawari_dbench_${randomBytes(4).toString('hex')}`;
const dbUrl = admin.replace(/\/[^/]*$/, `/${dbName}`);

function spawnWorker(env) {
  const args = ['-r', path.join(root, 'test/support/ts-register.js'), path.join(root, 'test/support/notifications/worker-entry.ts')];
  return spawnReady(args, { NODE_ENV: 'development', LOG_LEVEL: 'warn', WORKER_HEALTH_PORT: '0', DATABASE_URL: dbUrl, NOTIFICATIONS_CONCURRENCY: CONCURRENCY, ...env }, { cwd: root });
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
  const results = {};
  const t0 = Date.now();
  let worker;
  let prefix;
  try {
    // Participants: profile, digest consent, email off. Every 1/(1-MATCH_SHARE)-th one fits nothing.
    const every = MATCH_SHARE >= 1 ? 0 : Math.round(1 / (1 - MATCH_SHARE));
    await c.query(`CREATE TEMP TABLE bench_people AS SELECT gen_random_uuid() AS id, g FROM generate_series(1, $1::int) g`, [FANOUT]);
    await c.query(
      `INSERT INTO participant_profiles (user_id, display_name, residence_municipality_code, interests, modes, participant_type)
       SELECT id, '参加者', CASE WHEN $1 > 0 AND g % $1 = 0 THEN '472018' ELSE '131016' END,
              CASE WHEN $1 > 0 AND g % $1 = 0 THEN ARRAY['living_environment'] ELSE ARRAY['ai_digital'] END, ARRAY['onsite'], 'urban_resident'
         FROM bench_people`,
      [every],
    );
    await c.query(`INSERT INTO participant_consent_events (user_id, purpose, granted, policy_version) SELECT id, 'receive_digest', true, '2026-04' FROM bench_people`);
    await c.query(`INSERT INTO notification_preferences (user_id, email_unsubscribed_at) SELECT id, now() FROM bench_people`);
    const expected = (await c.query(`SELECT count(*)::int AS n FROM participant_profiles WHERE 'ai_digital' = ANY(interests)`)).rows[0].n;
    // New projects, published two days before this week's Monday 00:00 JST (inside the digest window).
    const jst = new Date(Date.now() + 9 * 3600_000);
    const monday = Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate() - ((jst.getUTCDay() + 6) % 7)) - 9 * 3600_000;
    await c.query(
      `INSERT INTO projects (status, title, description, host_municipality_code, host_prefecture_code, municipality_codes, prefecture_codes, category, mode,
                             starts_at, ends_at, application_deadline, capacity, compensation, created_by, published_at)
       SELECT 'published', 'AIプロジェクト' || g, '説明', '011002', '01', ARRAY['011002'], ARRAY['01'], 'ai_digital', 'onsite',
              now() + interval '60 days', now() + interval '61 days', now() + interval '30 days', 10, 'volunteer', gen_random_uuid(), $2::timestamptz
         FROM generate_series(1, $1::int) g`,
      [PROJECTS, new Date(monday - 2 * 86_400_000)],
    );
    await c.query('ANALYZE');

    prefix = `db${randomBytes(3).toString('hex')}`;
    worker = spawnWorker({ QUEUE_PREFIX: prefix, NOTIFICATIONS_RELAY_POLL_MS: '50', OUTBOX_RELAY: 'off' });
    await worker.ready;
    const q = new Queue('notifications', { connection: { host: '127.0.0.1', port: 6379 }, prefix });
    const start = Date.now();
    await q.add('notifications.weekly-digest', {}, { jobId: 'bench-weekly-digest' });
    const stored = await waitCount(c, `SELECT count(*)::int AS n FROM notifications WHERE event_type = 'digest.new_projects'`, [], expected, 300_000, 100);
    const delivered = await waitCount(
      c,
      `SELECT count(*)::int AS n FROM notification_inbox i JOIN notifications n ON n.id = i.notification_id WHERE n.event_type = 'digest.new_projects'`,
      [],
      expected,
      300_000,
      100,
    );
    results.expected = expected;
    results.storedSec = (stored - start) / 1000;
    results.deliveredSec = (delivered - start) / 1000;
    await sleep(1000);
    results.total = (await c.query(`SELECT count(*)::int AS n FROM notifications WHERE event_type = 'digest.new_projects'`)).rows[0].n;
    results.nonMatchingNotified = (
      await c.query(
        `SELECT count(*)::int AS n FROM notifications n JOIN participant_profiles p ON p.user_id = n.recipient_id
          WHERE n.event_type = 'digest.new_projects' AND NOT ('ai_digital' = ANY(p.interests))`,
      )
    ).rows[0].n;
    results.duplicates = (await c.query(`SELECT count(*)::int AS n FROM (SELECT recipient_id FROM notifications WHERE event_type = 'digest.new_projects' GROUP BY 1 HAVING count(*) > 1) x`)).rows[0].n;
    await q.close();
  } finally {
    await worker?.stop();
    if (prefix) {
      const cleanup = new Queue('notifications', { connection: { host: '127.0.0.1', port: 6379 }, prefix });
      await cleanup.obliterate({ force: true });
      await cleanup.close();
    }
    await c.end();
    await adm.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await adm.end();
  }
  const line = (k, v) => process.stdout.write(`${k.padEnd(52)} ${v}\n`);
  process.stdout.write(`\nweekly digest fan-out (${FANOUT} consenting participants, ${PROJECTS} new projects, concurrency=${CONCURRENCY}, one worker, ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  line('participants with a match (digests expected)', results.expected);
  line('job → last digest stored', `${results.storedSec.toFixed(1)} s`);
  line('job → last digest in the inbox (target ≤ 120)', `${results.deliveredSec.toFixed(1)} s`);
  line('digests stored / duplicates / sent without a match', `${results.total} / ${results.duplicates} / ${results.nonMatchingNotified}`);
  const ok = results.deliveredSec <= 120 && results.total === results.expected && results.duplicates === 0 && results.nonMatchingNotified === 0;
  line('all targets met', ok ? 'yes' : 'NO');
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
