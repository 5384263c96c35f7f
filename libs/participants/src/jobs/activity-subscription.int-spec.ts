import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { OutboxRelayModule, OutboxRelayService, OutboxService, topicSubscriptions } from '@app/platform/outbox';
import { PlatformQueueModule, PlatformRedisModule } from '@app/platform/queue';
import { createTestDatabase, uniqueQueuePrefix, type TestDatabase, eventually } from '@app/platform/testing';
import { ACTIVITY_VERIFIED_TOPIC, ParticipantsWorkerModule, USER_DELETED_TOPIC } from '@app/participants';
import { ParticipantsRepository } from '../persistence/participants.repository';
import { RegistrationsRepository } from '../persistence/registrations.repository';

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

describe('participants worker subscriptions (integration)', () => {
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
  it('erases the profile and consents and withdraws registrations when the account is deleted (identity.user.deleted)', async () => {
    const userId = randomUUID();
    const participants = worker.get(ParticipantsRepository, { strict: false });
    const registrations = worker.get(RegistrationsRepository, { strict: false });
    const registeredAt = new Date(Date.now() - 86_400_000);
    await ds.transaction(async (m) => {
      await participants.upsertProfile(m, {
        userId, displayName: '削除 予定', residenceMunicipalityCode: '131016', hometownMunicipalityCode: null, interestRegionCodes: [],
        skills: [], interests: [], modes: [], availability: [], participantType: 'urban_resident',
      });
      await participants.appendConsent(m, { userId, purpose: 'be_scouted', municipalityCode: null, granted: true, policyVersion: '2026-04' });
      await registrations.insertRegistration(m, userId, '202134', registeredAt);
      await registrations.insertRegistration(m, userId, '152048', registeredAt);
    });
    const deletedAt = new Date().toISOString();
    const outbox = worker.get(OutboxService);
    await ds.transaction((m) => outbox.publish(m, { topic: USER_DELETED_TOPIC, key: userId, payload: { userId, deletedAt } }));
    await worker.get(OutboxRelayService).relayOnce();
    await eventually(async () => (await participants.findProfile(userId)) === null);
    await eventually(async () => (await registrations.activeRegistrations(userId)).length === 0);
    expect(await participants.countConsentEvents(userId)).toBe(0);
    const rows = await ds.query(`SELECT municipality_code, withdrawn_at FROM furusato_registrations WHERE user_id = $1 ORDER BY municipality_code`, [userId]);
    expect(rows.map((r: { municipality_code: string; withdrawn_at: Date }) => [r.municipality_code, r.withdrawn_at.toISOString()])).toEqual([
      ['152048', deletedAt],
      ['202134', deletedAt],
    ]);
    const events = await ds.query(`SELECT payload->>'municipalityCode' AS code FROM outbox_events WHERE topic = 'participants.registration.withdrawn' AND payload->>'participantId' = $1 ORDER BY 1`, [userId]);
    expect(events).toEqual([{ code: '152048' }, { code: '202134' }]);
  });
});
