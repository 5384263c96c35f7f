import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { OutboxRelayService, OutboxService, topicSubscriptions } from '@app/platform/outbox';
import { declaredQueues, JobProcessor, SYSTEM_PROBE_TOPIC, SystemQueue } from '@app/platform/queue';
import { createTestDatabase, uniqueQueuePrefix, type TestDatabase, eventually } from '@app/platform/testing';
import { WorkerHealthServer } from './worker-health.server';
import { WorkerModule } from './worker.module';

describe('worker (integration)', () => {
  let db: TestDatabase;
  let worker: INestApplicationContext;
  let redis: Redis;
  const prefix = uniqueQueuePrefix();

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    process.env.QUEUE_PREFIX = prefix;
    process.env.OUTBOX_POLL_MS = '50';
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
    redis = new Redis('redis://127.0.0.1:6379/0');
  });

  afterAll(async () => {
    await worker?.close();
    redis?.disconnect();
    await db?.drop();
  });

  it('has a handler for every declared job name and every outbox subscription', () => {
    const processors = worker.get(WorkerHealthServer).processors();
    const handled = new Map<string, string[]>();
    for (const p of processors) {
      expect(p).toBeInstanceOf(JobProcessor);
      handled.set(p.worker.name, (p as JobProcessor<string>).handledJobNames());
    }
    expect(declaredQueues().length).toBeGreaterThan(0);
    for (const def of declaredQueues()) {
      expect({ queue: def.queue, handled: handled.get(def.queue)?.sort() }).toEqual({ queue: def.queue, handled: [...def.jobs].sort() });
    }
    for (const sub of topicSubscriptions()) {
      expect({ sub, handled: handled.get(sub.queue)?.includes(sub.jobName) }).toEqual({ sub, handled: true });
    }
  });

  it('reports ready with database, Redis and every queue worker up', async () => {
    const r = await worker.get(WorkerHealthServer).readiness();
    expect(r.details).toMatchObject({ database: 'up', redis: 'up', 'queue:system': 'up' });
    expect(r.ok).toBe(true);
  });

  it('processes a job enqueued by another process (api → Redis → worker)', async () => {
    const producer = new Queue(SystemQueue.queue, { connection: { host: '127.0.0.1', port: 6379 }, prefix });
    const nonce = randomUUID();
    await producer.add('system.ping', { nonce });
    const value = await eventually(() => redis.get(`kakawari:pong:${nonce}`));
    expect(value).toBeTruthy();
    await producer.close();
  });

  it('relays a committed outbox event exactly once, even when the relay runs again', async () => {
    const ds = worker.get<DataSource>(getDataSourceToken());
    const outbox = worker.get(OutboxService);
    const nonce = randomUUID();
    await ds.transaction((m) => outbox.publish(m, { topic: SYSTEM_PROBE_TOPIC, payload: { nonce }, key: nonce }));
    // A replayed publish with the same key is stored once.
    await ds.transaction((m) => outbox.publish(m, { topic: SYSTEM_PROBE_TOPIC, payload: { nonce }, key: nonce }));
    await eventually(() => redis.get(`kakawari:probe:${nonce}`));
    // Simulate a crash after enqueue and before commit: mark it unpublished and relay again.
    await ds.query(`UPDATE outbox_events SET published_at = NULL WHERE dedupe_key = $1`, [nonce]);
    await worker.get(OutboxRelayService).relayOnce();
    await new Promise((r) => setTimeout(r, 500));
    expect(await redis.get(`kakawari:probe:${nonce}`)).toBe('1');
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox_events WHERE dedupe_key = $1`, [nonce]);
    expect(n).toBe(1);
  });

  it('does not relay an event whose transaction rolled back', async () => {
    const ds = worker.get<DataSource>(getDataSourceToken());
    const outbox = worker.get(OutboxService);
    const nonce = randomUUID();
    await expect(
      ds.transaction(async (m) => {
        await outbox.publish(m, { topic: SYSTEM_PROBE_TOPIC, payload: { nonce } });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await new Promise((r) => setTimeout(r, 400));
    expect(await redis.get(`kakawari:probe:${nonce}`)).toBeNull();
  });

  it('lets an active job finish when the worker shuts down gracefully', async () => {
    const queue = worker.get<Queue>(getQueueToken(SystemQueue.queue));
    const nonce = randomUUID();
    const job = await queue.add('system.ping', { nonce, workMs: 800 });
    await eventually(async () => ((await job.getState()) === 'active' ? true : null));
    const producer = new Queue(SystemQueue.queue, { connection: { host: '127.0.0.1', port: 6379 }, prefix });
    await worker.close();
    worker = undefined as unknown as INestApplicationContext;
    expect(await redis.get(`kakawari:pong:${nonce}`)).toBeTruthy();
    expect(await (await producer.getJob(job.id!))!.getState()).toBe('completed');
    await producer.close();
  });
});
