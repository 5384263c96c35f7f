import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotificationsQueue, NotificationsWorkerModule, ReminderPlanner, UnansweredReminderService } from '@app/notifications';
import { IdentityService } from '@app/identity';
import { OrganizationsService } from '@app/organizations';
import type { OutboxJob } from '@app/platform/outbox';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { OrganizationsModule } from '@app/organizations';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { PlatformObservabilityModule } from '@app/platform/observability';
import { OutboxRelayModule, PlatformOutboxModule } from '@app/platform/outbox';
import { PlatformQueueModule, PlatformRedisModule } from '@app/platform/queue';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser, type TestUser } from '../support/identity';
import { eventually } from '../support/notifications/harness';
import { API, createPublishedProject } from '../support/participation';

@Module({
  imports: [
    PlatformConfigModule,
    PlatformDatabaseModule,
    PlatformRedisModule,
    PlatformQueueModule,
    PlatformObservabilityModule,
    PlatformOutboxModule,
    NotificationsWorkerModule,
    // The worker's IdentityModule re-registers passport's global 'jwt' strategy when this context
    // starts in the api's process; with OrganizationsModule its scope registry resolves staff scopes too.
    OrganizationsModule,
    OutboxRelayModule.register(),
  ],
})
class StoryWorkerModule {}

jest.setTimeout(60_000);

describe('notifications follow an application through the real api and outbox (e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let staff: TestUser;
  let participant: TestUser;
  const http = () => request(api.app.getHttpServer());
  const as = (u: TestUser) => ({ authorization: `Bearer ${u.accessToken}` });
  const inbox = async (u: TestUser) => (await http().get(`${API}/me/notifications?limit=50`).set(as(u)).expect(200)).body.items as { eventType: string; subject: string }[];

  beforeAll(async () => {
    process.env.NOTIFICATIONS_RELAY_POLL_MS = '30';
    process.env.OUTBOX_POLL_MS = '50';
    api = await startTestApi();
    staff = await createUser(api, { role: 'municipality_staff', municipalityCode: '152048' });
    participant = await createUser(api, { role: 'participant' });
    worker = await NestFactory.createApplicationContext(StoryWorkerModule, { logger: false });
    await worker.init();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('accepted → notice and a reminder planned; moved → notice and reminder re-planned; cancelled → one notice, reminder gone', async () => {
    const me = await http().get(`${API}/me`).set(as(staff));
    expect(me.body.scope).toEqual({ municipalityCodes: ['152048'], prefectureCodes: [], companyIds: [] });
    const project = await createPublishedProject(api, staff.accessToken, { hostMunicipalityCode: '152048', title: '棚田オーナー体験' });
    const applied = await http().post(`${API}/projects/${project.id}/applications`).set(as(participant)).send({}).expect(201);
    await http().post(`${API}/applications/${applied.body.id}/accept`).set(as(staff)).expect(200);

    await eventually(async () => (await inbox(participant)).some((i) => i.eventType === 'application.accepted'), 15_000, 'acceptance notice');
    expect((await inbox(participant)).find((i) => i.eventType === 'application.accepted')!.subject).toBe('【関わり】「棚田オーナー体験」への参加が決まりました');
    const planner = worker.get(ReminderPlanner);
    const first = await eventually(() => planner.planned(project.id, participant.userId), 10_000, 'reminder planned');
    const { body: p0 } = await http().get(`${API}/projects/${project.id}`).set(as(participant)).expect(200);
    expect(first.startsAt).toBe(new Date(p0.startsAt).toISOString());
    expect(Math.abs(first.delayUntil - (new Date(p0.startsAt).getTime() - 24 * 3600 * 1000))).toBeLessThan(1_000);

    const newStart = new Date(new Date(p0.startsAt).getTime() + 3 * 24 * 3600 * 1000);
    const newEnd = new Date(newStart.getTime() + 8 * 3600 * 1000);
    await http().patch(`${API}/projects/${project.id}`).set(as(staff)).send({ startsAt: newStart.toISOString(), endsAt: newEnd.toISOString() }).expect(200);
    await eventually(async () => (await inbox(participant)).some((i) => i.eventType === 'project.changed'), 15_000, 'change notice');
    const second = await eventually(async () => {
      const r = await planner.planned(project.id, participant.userId);
      return r && r.startsAt === newStart.toISOString() ? r : null;
    }, 10_000, 'reminder re-planned');
    expect(Math.abs(second.delayUntil - (newStart.getTime() - 24 * 3600 * 1000))).toBeLessThan(1_000);

    await http().post(`${API}/projects/${project.id}/cancel`).set(as(staff)).send({}).expect(200);
    await eventually(async () => (await inbox(participant)).some((i) => i.eventType === 'project.cancelled'), 15_000, 'cancellation notice');
    await eventually(async () => (await planner.planned(project.id, participant.userId)) === null, 10_000, 'reminder removed');
    await new Promise((r) => setTimeout(r, 1_000));
    const items = await inbox(participant);
    expect(items.filter((i) => i.eventType === 'project.cancelled')).toHaveLength(1);
    expect(items.filter((i) => i.eventType === 'application.cancelled')).toHaveLength(0);
    expect(items.filter((i) => i.eventType === 'application.accepted')).toHaveLength(1);
  });

  it('a new application reaches the host and co-host staff once (replay too); unanswered ones are recalled once a day per staff member', async () => {
    const host2 = await createUser(api, { role: 'municipality_staff', municipalityCode: '152048' });
    const coHost = await createUser(api, { role: 'municipality_staff', municipalityCode: '152056' });
    const outsider = await createUser(api, { role: 'municipality_staff', municipalityCode: '131016' });
    const disabled = await createUser(api, { role: 'municipality_staff', municipalityCode: '152056' });
    await api.app.get(IdentityService).disableUser(disabled.userId, staff.userId);
    const hostStaff = await api.app.get(OrganizationsService).listStaffUserIds('152048');
    expect(hostStaff).toEqual(expect.arrayContaining([staff.userId, host2.userId]));
    expect(hostStaff).not.toContain(coHost.userId);
    expect(await api.app.get(OrganizationsService).listStaffUserIds('152056')).toEqual([coHost.userId]);

    const project = await createPublishedProject(api, staff.accessToken, { hostMunicipalityCode: '152048', coHostMunicipalityCodes: ['152056'], title: '雪国の古民家再生' });
    const other = await createUser(api, { role: 'participant' });
    const a1 = await http().post(`${API}/projects/${project.id}/applications`).set(as(participant)).send({}).expect(201);
    const received = (u: TestUser) => inbox(u).then((items) => items.filter((i) => i.eventType === 'application.received' && i.subject.includes('雪国の古民家再生')));
    for (const u of [staff, host2, coHost]) await eventually(async () => (await received(u)).length === 1, 15_000, 'application received by staff');
    expect((await received(staff))[0].subject).toBe('【関わり】「雪国の古民家再生」に新しい応募がありました');
    expect(await received(outsider)).toHaveLength(0);
    expect(await received(participant)).toHaveLength(0);

    // The same outbox event handled again (a redelivered job) stores nothing twice.
    const ds = api.app.get<DataSource>(getDataSourceToken());
    const [event] = await ds.query(`SELECT id, topic, payload, created_at FROM outbox_events WHERE topic = 'participation.application.applied' AND payload->>'applicationId' = $1`, [a1.body.id]);
    const job: OutboxJob = { eventId: String(event.id), topic: event.topic, payload: event.payload, occurredAt: new Date(event.created_at).toISOString() };
    const queue = worker.get<Queue>(getQueueToken(NotificationsQueue.queue));
    const replay = await queue.add('notifications.on-application-changed', job, { jobId: `replay-${event.id}` });
    const done = await eventually(async () => ((await replay.getState()) === 'completed' ? queue.getJob(replay.id!) : null), 10_000, 'replayed job');
    expect(done!.returnvalue).toBe(0);
    for (const u of [staff, host2, coHost]) expect(await received(u)).toHaveLength(1);

    // A second application, answered at once: only the first is left unanswered.
    const a2 = await http().post(`${API}/projects/${project.id}/applications`).set(as(other)).send({}).expect(201);
    await http().post(`${API}/applications/${a2.body.id}/accept`).set(as(staff)).expect(200);
    await eventually(async () => (await inbox(other)).some((i) => i.eventType === 'application.accepted'), 15_000, 'second application answered');

    const reminders = worker.get(UnansweredReminderService);
    const unanswered = async () =>
      (await ds.query(`SELECT recipient_id, params FROM notifications WHERE event_type = 'applications.unanswered' AND params->>'projectId' = $1`, [project.id])) as {
        recipient_id: string;
        params: { count: number; days: number };
      }[];
    expect(await reminders.run(new Date(Date.now() + 2 * 86_400_000))).toBe(0); // not yet 3 days
    expect(await unanswered()).toHaveLength(0);
    const later = new Date(Date.now() + 3 * 86_400_000 + 60_000);
    // Every active staff member of host and co-host (the demo seed may add its own), each once.
    const expected = [...new Set([...hostStaff, coHost.userId])].sort();
    expect(await reminders.run(later)).toBe(expected.length);
    const rows = await unanswered();
    expect(rows.map((r) => r.recipient_id).sort()).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining([staff.userId, host2.userId, coHost.userId]));
    expect(rows.every((r) => Number(r.params.count) === 1 && Number(r.params.days) === 3)).toBe(true);
    expect(await reminders.run(later)).toBe(0); // same day: nothing twice
    await eventually(async () => (await inbox(coHost)).some((i) => i.eventType === 'applications.unanswered'), 15_000, 'reminder in the inbox');
    expect((await inbox(coHost)).find((i) => i.eventType === 'applications.unanswered')!.subject).toBe('【関わり】「雪国の古民家再生」に未回答の応募が1件あります');

    // Everything answered: the next day brings no (empty) reminder for this project.
    await http().post(`${API}/applications/${a1.body.id}/reject`).set(as(staff)).send({}).expect(200);
    await eventually(async () => (await inbox(participant)).some((i) => i.eventType === 'application.rejected' && i.subject.includes('雪国の古民家再生')), 15_000, 'rejection');
    await eventually(async () => (await reminders.run(new Date(later.getTime() + 86_400_000))) === 0 && (await unanswered()).length === expected.length, 10_000, 'no empty reminder');
  });
});
