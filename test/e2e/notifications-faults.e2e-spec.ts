import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Client } from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { NotificationsService, verifyWebhook } from '@app/notifications';
import { createTestDatabase, PrivateRedis, uniqueQueuePrefix, type TestDatabase } from '@app/platform/testing';
import { startTestApi, type TestApi } from '../support/api-app';
import { eventually, spawnWorker, startReceiver, withPg, type WorkerProcess } from '../support/notifications/harness';

// Real processes, real PostgreSQL, real Redis (a private redis-server where it gets restarted),
// real HTTP on loopback. Timeouts are shortened through the environment so each case is seconds.
jest.setTimeout(90_000);

const ROOT = join(__dirname, '../..');
const FAST = {
  NOTIFICATIONS_RELAY_POLL_MS: '50',
  NOTIFICATIONS_SWEEP_INTERVAL_MS: '500',
  NOTIFICATIONS_SWEEP_AFTER_MS: '2000',
  NOTIFICATIONS_STALLED_INTERVAL_MS: '1000',
  NOTIFICATIONS_LOCK_DURATION_MS: '2000',
  NOTIFICATIONS_BACKOFF_MS: '200',
  NOTIFICATIONS_WEBHOOK_TIMEOUT_MS: '30000',
  OUTBOX_POLL_MS: '200',
};

async function inboxCounts(c: Client, recipient: string): Promise<{ rows: number; distinct: number }> {
  const { rows } = await c.query(
    `SELECT count(*)::int AS rows, count(DISTINCT notification_id)::int AS distinct FROM notification_inbox WHERE recipient_id = $1`,
    [recipient],
  );
  return rows[0];
}

async function addWebhookNotifications(c: Client, organizationId: string, url: string, n: number, tag: string): Promise<void> {
  await c.query(
    `INSERT INTO notification_webhook_endpoints (organization_id, url, secret) VALUES ($1, $2, 'fault-test-secret-0123456789')
     ON CONFLICT (organization_id) DO UPDATE SET url = EXCLUDED.url`,
    [organizationId, url],
  );
  for (let i = 0; i < n; i++) {
    const { rows } = await c.query(
      `INSERT INTO notifications (recipient_kind, recipient_id, event_type, params, dedupe_key)
       VALUES ('organization', $1, 'system.announcement', '{"title":"t","message":"m"}', $2) RETURNING id`,
      [organizationId, `${tag}:${i}`],
    );
    await c.query(`INSERT INTO notification_deliveries (notification_id, channel) VALUES ($1, 'webhook')`, [rows[0].id]);
  }
}

describe('notifications: nothing lost, nothing twice (fault tests)', () => {
  let db: TestDatabase;
  const workers: WorkerProcess[] = [];
  const closers: (() => Promise<void>)[] = [];

  function worker(env: Record<string, string> = {}): WorkerProcess {
    const w = spawnWorker({ DATABASE_URL: db.url, ...FAST, ...env });
    workers.push(w);
    return w;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    for (const close of closers.reverse()) await close();
    await db.drop();
  });

  it('(1) the api is killed after commit and before any enqueue: every notification is delivered once, within the sweeper interval', async () => {
    const prefix = uniqueQueuePrefix();
    const recipient = randomUUID();
    const api = spawn(process.execPath, ['-r', join(ROOT, 'test/support/ts-register.js'), join(ROOT, 'test/support/notifications/request-entry.ts')], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: db.url, QUEUE_PREFIX: prefix, REQUEST_COUNT: '40', REQUEST_RECIPIENT: recipient },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    api.stdout.on('data', (d) => (out += d));
    api.stderr.on('data', (d) => (out += d));
    await eventually(async () => out.includes('COMMITTED'), 30_000, `api commit (${out})`);
    api.kill('SIGKILL');
    await new Promise((r) => api.once('exit', r));

    await withPg(db.url, async (c) => {
      // Half of the rows look like a relay marked them queued and their jobs never reached Redis:
      // only the sweeper can deliver those.
      await c.query(
        `UPDATE notification_deliveries SET status = 'queued', updated_at = clock_timestamp()
          WHERE notification_id IN (SELECT id FROM notifications WHERE recipient_id = $1 AND dedupe_key ~ '[02468]$')`,
        [recipient],
      );
      expect((await inboxCounts(c, recipient)).rows).toBe(0);
      const started = Date.now();
      const w = worker({ QUEUE_PREFIX: prefix });
      await w.ready;
      await eventually(async () => (await inboxCounts(c, recipient)).rows === 40, 2000 + 500 + 8_000, 'all 40 delivered');
      const elapsed = Date.now() - started;
      // Sweep-after (2 s) + one sweep interval (0.5 s) + worker start-up is the bound.
      expect(elapsed).toBeLessThan(2_000 + 500 + 6_000);
      await new Promise((r) => setTimeout(r, 2_600)); // a further sweep must not duplicate anything
      expect(await inboxCounts(c, recipient)).toEqual({ rows: 40, distinct: 40 });
      const { rows } = await c.query(
        `SELECT d.status, count(*)::int AS n FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
          WHERE n.recipient_id = $1 GROUP BY d.status`,
        [recipient],
      );
      expect(rows).toEqual([{ status: 'delivered', n: 40 }]);
      w.child.kill('SIGTERM');
      expect((await w.exited).code).toBe(0);
    });
  });

  it('(2) the worker is SIGKILLed mid-job: the job is picked up again and the recipient gets it once', async () => {
    const prefix = uniqueQueuePrefix();
    const recipient = randomUUID();
    const org = randomUUID();
    // The first attempt of the webhook is held open (the worker dies during it); later attempts succeed.
    const receiver = await startReceiver((_hook, nth) => (nth === 1 ? 'hold' : { status: 200 }));
    closers.push(receiver.close);
    await withPg(db.url, async (c) => {
      await addWebhookNotifications(c, org, receiver.url, 1, 'fault2');
      const w1 = worker({ QUEUE_PREFIX: prefix, NOTIFICATIONS_CONCURRENCY: '4' });
      await w1.ready;
      await eventually(async () => receiver.inFlight() === 1, 15_000, 'webhook held');
      // In-app notifications flowing at the same moment.
      const values = Array.from({ length: 300 }, (_, i) => `('user', '${recipient}', 'system.announcement', '{}'::jsonb, 'fault2-inapp:${i}')`).join(',');
      await c.query(
        `WITH n AS (INSERT INTO notifications (recipient_kind, recipient_id, event_type, params, dedupe_key) VALUES ${values} RETURNING id)
         INSERT INTO notification_deliveries (notification_id, channel) SELECT id, 'in_app' FROM n`,
      );
      await eventually(async () => (await inboxCounts(c, recipient)).rows > 0, 10_000, 'first inbox rows');
      w1.child.kill('SIGKILL');
      await w1.exited;
      const { rows: mid } = await c.query(
        `SELECT d.status FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.recipient_id = $1`,
        [org],
      );
      expect(mid[0].status).toBe('sending');

      const w2 = worker({ QUEUE_PREFIX: prefix, NOTIFICATIONS_CONCURRENCY: '4' });
      await w2.ready;
      await eventually(async () => receiver.hooks.some((h) => h.status === 200), 20_000, 'webhook retried after stall');
      await eventually(async () => (await inboxCounts(c, recipient)).rows === 300, 20_000, 'all 300 in-app delivered');
      const { rows } = await c.query(
        `SELECT d.status, d.attempts FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.recipient_id = $1`,
        [org],
      );
      expect(rows[0]).toEqual({ status: 'delivered', attempts: 2 });
      // Two HTTP attempts, one idempotency key: the municipal system processes it once.
      expect(receiver.hooks).toHaveLength(2);
      expect(new Set(receiver.hooks.map((h) => h.key)).size).toBe(1);
      expect(receiver.hooks.filter((h) => h.status === 200)).toHaveLength(1);
      for (const h of receiver.hooks) {
        expect(verifyWebhook('fault-test-secret-0123456789', { timestamp: h.timestamp, signature: h.signature }, h.body)).toBe(true);
      }
      expect(await inboxCounts(c, recipient)).toEqual({ rows: 300, distinct: 300 });
      w2.child.kill('SIGTERM');
      expect((await w2.exited).code).toBe(0);
    });
  });

  it('(3) Redis restarts while 1,000 notifications are in flight: all delivered, none twice; /health/ready is 503 meanwhile', async () => {
    const redis = await PrivateRedis.start();
    closers.push(() => redis.down());
    const saved = { DATABASE_URL: process.env.DATABASE_URL, QUEUE_PREFIX: process.env.QUEUE_PREFIX, REDIS_URL: process.env.REDIS_URL };
    let api: TestApi | undefined;
    try {
      api = await startTestApi({ REDIS_URL: redis.url });
      const apiDb = api.db;
      const http = () => request(api!.app.getHttpServer());
      await http().get('/health/ready').expect(200);
      const recipient = randomUUID();
      const ds = api.app.get<DataSource>(getDataSourceToken());
      const service = api.app.get(NotificationsService);
      await withPg(apiDb.url, async (c) => {
        const w = worker({ DATABASE_URL: apiDb.url, QUEUE_PREFIX: process.env.QUEUE_PREFIX!, REDIS_URL: redis.url, NOTIFICATIONS_CONCURRENCY: '2' });
        await w.ready;
        await ds.transaction(async (m) => {
          for (let i = 0; i < 1000; i++) {
            await service.request(m, { recipientUserId: recipient, eventType: 'system.announcement', params: { title: String(i), message: 'm' }, dedupeKey: `fault3:${i}`, channels: ['in_app'] });
          }
        });
        await eventually(async () => (await inboxCounts(c, recipient)).rows > 0, 15_000, 'first deliveries');
        await redis.down();
        const atKill = (await inboxCounts(c, recipient)).rows;
        expect(atKill).toBeLessThan(1000);
        const down = await http().get('/health/ready');
        expect(down.status).toBe(503);
        await new Promise((r) => setTimeout(r, 1_500));
        await redis.up();
        await eventually(async () => (await inboxCounts(c, recipient)).rows === 1000, 40_000, 'all 1000 delivered');
        await http().get('/health/ready').expect(200);
        await new Promise((r) => setTimeout(r, 2_600)); // one more sweep: still nothing twice
        expect(await inboxCounts(c, recipient)).toEqual({ rows: 1000, distinct: 1000 });
        const { rows } = await c.query(
          `SELECT d.status, count(*)::int AS n FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.recipient_id = $1 GROUP BY d.status`,
          [recipient],
        );
        expect(rows).toEqual([{ status: 'delivered', n: 1000 }]);
        w.child.kill('SIGTERM');
        expect((await w.exited).code).toBe(0);
      });
    } finally {
      await api?.close();
      Object.assign(process.env, saved);
      if (saved.REDIS_URL === undefined) delete process.env.REDIS_URL;
    }
  });

  it('(4) SIGTERM with jobs active: the worker finishes them (or returns them) and exits 0 within 30 s', async () => {
    const prefix = uniqueQueuePrefix();
    const org = randomUUID();
    const receiver = await startReceiver(() => ({ status: 200, delayMs: 2_500 }));
    closers.push(receiver.close);
    await withPg(db.url, async (c) => {
      await addWebhookNotifications(c, org, receiver.url, 12, 'fault4');
      const w = worker({ QUEUE_PREFIX: prefix, NOTIFICATIONS_CONCURRENCY: '4' });
      await w.ready;
      await eventually(async () => receiver.inFlight() >= 4, 15_000, '4 webhooks in flight');
      const t0 = Date.now();
      w.child.kill('SIGTERM');
      const exit = await w.exited;
      const took = Date.now() - t0;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(took).toBeLessThan(30_000);
      const { rows } = await c.query(
        `SELECT d.status, count(*)::int AS n FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
          WHERE n.recipient_id = $1 GROUP BY d.status ORDER BY d.status`,
        [org],
      );
      const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      // The 4 active ones finished; nothing is left half-sent.
      expect(by.delivered).toBeGreaterThanOrEqual(4);
      expect(by.sending ?? 0).toBe(0);
      expect((by.delivered ?? 0) + (by.queued ?? 0)).toBe(12);
      // A new worker delivers the rest; every key reaches the receiver exactly once.
      const w2 = worker({ QUEUE_PREFIX: prefix });
      await w2.ready;
      await eventually(
        async () => {
          const r = await c.query(
            `SELECT count(*)::int AS n FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.recipient_id = $1 AND d.status = 'delivered'`,
            [org],
          );
          return r.rows[0].n === 12;
        },
        20_000,
        'all 12 delivered',
      );
      expect(receiver.hooks).toHaveLength(12);
      expect(new Set(receiver.hooks.map((h) => h.key)).size).toBe(12);
      w2.child.kill('SIGTERM');
      expect((await w2.exited).code).toBe(0);
    });
  });
});
