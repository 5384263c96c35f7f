import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { OutboxRelayModule, OutboxRelayService, OutboxService, topicSubscriptions } from '@app/platform/outbox';
import { PlatformQueueModule, PlatformRedisModule } from '@app/platform/queue';
import { createTestDatabase, uniqueQueuePrefix, type TestDatabase } from '@app/platform/testing';
import { ACTIVITY_VERIFIED_TOPIC, ParticipantsWorkerModule } from '@app/participants';

@Module({
  imports: [
    PlatformConfigModule,
    PlatformDatabaseModule,
    PlatformRedisModule,
    PlatformQueueModule,
    ParticipantsWorkerModule,
    OutboxRelayModule.register(),
  ],
})
class ParticipantsWorkerTestModule {}

async function eventually<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await probe();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('participation.activity.verified subscription (integration)', () => {
  let db: TestDatabase;
  let worker: INestApplicationContext;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    process.env.QUEUE_PREFIX = uniqueQueuePrefix();
    process.env.OUTBOX_RELAY = 'off'; // relayed by hand below
    worker = await NestFactory.createApplicationContext(ParticipantsWorkerTestModule, { logger: false });
    await worker.init();
    ds = worker.get<DataSource>(getDataSourceToken());
  });

  afterAll(async () => {
    await worker?.close();
    delete process.env.OUTBOX_RELAY;
    await db?.drop();
  });

  const rows = async (participantId: string) =>
    (await ds.query(`SELECT activity_id, municipality_code, verified_at FROM participant_activity_log WHERE participant_id = $1 ORDER BY municipality_code`, [participantId])) as {
      activity_id: string;
      municipality_code: string;
    }[];

  it('declares the subscription to participation.activity.verified', () => {
    expect(topicSubscriptions()).toContainEqual({ topic: ACTIVITY_VERIFIED_TOPIC, queue: 'participants', jobName: 'participants.record-verified-activity' });
  });

  it('records each (activity, municipality) once, however often the event is delivered', async () => {
    const participantId = randomUUID();
    const activityId = randomUUID();
    const payload = {
      activityId,
      applicationId: randomUUID(),
      participantId,
      projectId: randomUUID(),
      municipalityCodes: ['202134', '152048'],
      verifiedAt: new Date().toISOString(),
    };
    const outbox = worker.get(OutboxService);
    // Two distinct outbox events with the same activity (a replay upstream), plus a relay run twice.
    await ds.transaction((m) => outbox.publish(m, { topic: ACTIVITY_VERIFIED_TOPIC, payload }));
    await ds.transaction((m) => outbox.publish(m, { topic: ACTIVITY_VERIFIED_TOPIC, payload }));
    const relay = worker.get(OutboxRelayService);
    expect(await relay.relayOnce()).toBe(2);
    expect(await relay.relayOnce()).toBe(0);
    await eventually(async () => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL`);
      return n === 0 && (await rows(participantId)).length === 2;
    });
    // Let the second job finish too, then check nothing was doubled.
    await new Promise((r) => setTimeout(r, 500));
    const stored = await rows(participantId);
    expect(stored.map((r) => [r.activity_id, r.municipality_code])).toEqual([
      [activityId, '152048'],
      [activityId, '202134'],
    ]);
  });

  it('drops a malformed event without failing forever', async () => {
    const participantId = randomUUID();
    const outbox = worker.get(OutboxService);
    await ds.transaction((m) =>
      outbox.publish(m, { topic: ACTIVITY_VERIFIED_TOPIC, payload: { activityId: randomUUID(), participantId, municipalityCodes: [], verifiedAt: 'never' } }),
    );
    await worker.get(OutboxRelayService).relayOnce();
    await new Promise((r) => setTimeout(r, 500));
    expect(await rows(participantId)).toEqual([]);
  });
});
