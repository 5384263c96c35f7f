import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { OutboxRelayModule, OutboxService, PlatformOutboxModule } from '@app/platform/outbox';
import { PlatformQueueModule, PlatformRedisModule } from '@app/platform/queue';
import { createTestDatabase, uniqueQueuePrefix, type TestDatabase, eventually } from '@app/platform/testing';

/** The relay, worker and per-person re-derivation may take a while on a loaded machine. */
const settle = (check: () => Promise<boolean>) => eventually(check, 15_000);
import { CountsQueryService } from '../application/counts-query.service';
import { RecountService } from '../application/recount.service';
import { RelationshipsWorkerModule } from '../relationships.module';
import { RelationshipInputTopics } from './relationships.jobs';

jest.setTimeout(60_000);

@Module({
  imports: [
    PlatformConfigModule,
    PlatformDatabaseModule,
    PlatformRedisModule,
    PlatformQueueModule,
    PlatformOutboxModule,
    RelationshipsWorkerModule,
    OutboxRelayModule.register(),
  ],
})
class SubscriptionsTestModule {}

describe('relationships consumes outbox events (integration: PostgreSQL, Redis, worker)', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let ds: DataSource;
  let outbox: OutboxService;
  let query: CountsQueryService;

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(process.env, { DATABASE_URL: db.url, QUEUE_PREFIX: uniqueQueuePrefix(), OUTBOX_POLL_MS: '30', COUNTS_FOLD_INTERVAL_MS: '100' });
    app = await NestFactory.createApplicationContext(SubscriptionsTestModule, { logger: false });
    await app.init();
    ds = app.get<DataSource>(getDataSourceToken());
    outbox = app.get(OutboxService);
    query = app.get(CountsQueryService);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const publish = (topic: string, payload: Record<string, unknown>, key?: string) => ds.transaction((m) => outbox.publish(m, { topic, payload, key }));
  const nation = (date: string) => query.value('real_persons', 'nation', 'JP', { date });

  it('registrations, premium, withdrawals, verified activities and deletions reach the counts once', async () => {
    const user = randomUUID();
    const regId = randomUUID();
    await publish(
      RelationshipInputTopics.registrationCreated,
      { registrationId: regId, participantId: user, municipalityCode: '472018', tier: 'basic', registeredAt: '2025-05-01T00:00:00Z' },
      regId,
    );
    await settle(async () => (await nation('2025-06-01')) === 1);
    await publish(RelationshipInputTopics.premiumGranted, {
      registrationId: regId, participantId: user, municipalityCode: '472018', tier: 'premium',
      grantedAt: '2025-06-01T00:00:00Z', expiresAt: '2026-06-01T00:00:00Z', renewal: false,
    });
    await settle(async () => (await query.value('premium_persons', 'prefecture', '47', { date: '2025-07-01' })) === 1);

    const activityId = randomUUID();
    // participation publishes the project's category with the activity (statistics by category)
    const activity = { activityId, applicationId: randomUUID(), participantId: user, projectId: randomUUID(), municipalityCodes: ['011002', '012025'], verifiedAt: '2025-08-10T02:00:00Z', category: 'agriculture' };
    // the same event published twice under different outbox keys = a redelivery the ledger must absorb (I4)
    await publish(RelationshipInputTopics.activityVerified, activity, `a1-${activityId}`);
    await publish(RelationshipInputTopics.activityVerified, activity, `a2-${activityId}`);
    await settle(async () => (await query.value('cumulative_persons', 'nation', 'JP', { date: '2025-09-01' })) === 3);
    await settle(async () => (await ds.query(`SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL`))[0].n === 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(await query.value('activities', 'nation', 'JP', { date: '2025-09-01' })).toBe(1);
    expect(await query.value('activities', 'nation', 'JP', { date: '2025-09-01' }, 'cat:agriculture')).toBe(1);
    // verified activities take the asynchronous path: nothing is left pending once applied
    expect((await ds.query('SELECT count(*)::int AS n FROM relationship_pending'))[0].n).toBe(0);
    expect(await query.value('real_persons', 'prefecture', '01', { date: '2025-09-01' })).toBe(1);

    await publish(RelationshipInputTopics.registrationWithdrawn, {
      registrationId: regId, participantId: user, municipalityCode: '472018', tier: 'premium',
      registeredAt: '2025-05-01T00:00:00Z', withdrawnAt: '2025-10-01T00:00:00Z',
    });
    await settle(async () => (await query.value('real_persons', 'prefecture', '47', { date: '2025-10-02' })) === 0);
    expect(await query.value('premium_persons', 'prefecture', '47', { date: '2025-09-30' })).toBe(1);

    await publish(RelationshipInputTopics.userDeleted, { userId: user, deletedAt: '2026-01-01T00:00:00Z' });
    await settle(async () => (await nation('2026-01-02')) === 0);
    expect(await nation('2025-12-31')).toBe(1);

    // the worker's compactor folds the deltas; the recount still agrees (I3)
    await settle(async () => (await ds.query('SELECT count(*)::int AS n FROM count_deltas'))[0].n === 0);
    expect((await app.get(RecountService).verify()).ok).toBe(true);
  });
});
