import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { NotificationsWorkerModule, ReminderPlanner } from '@app/notifications';
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
});
