import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { NotificationsService, NotificationsWorkerModule } from '@app/notifications';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { PlatformObservabilityModule } from '@app/platform/observability';
import { PlatformOutboxModule } from '@app/platform/outbox';
import { PlatformQueueModule, PlatformRedisModule } from '@app/platform/queue';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser, type TestUser } from '../support/identity';
import { eventually } from '../support/notifications/harness';

@Module({
  imports: [PlatformConfigModule, PlatformDatabaseModule, PlatformRedisModule, PlatformQueueModule, PlatformObservabilityModule, PlatformOutboxModule, NotificationsWorkerModule],
})
class InboxWorkerModule {}

describe('notifications inbox and preferences (e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;
  const http = () => request(api.app.getHttpServer());
  const as = (u: TestUser) => ({ authorization: `Bearer ${u.accessToken}` });

  beforeAll(async () => {
    process.env.NOTIFICATIONS_RELAY_POLL_MS = '30';
    api = await startTestApi();
    worker = await NestFactory.createApplicationContext(InboxWorkerModule, { logger: false });
    await worker.init();
    [alice, bob, admin] = await Promise.all([createUser(api, { role: 'participant' }), createUser(api, { role: 'participant' }), createUser(api, { role: 'admin' })]);
    const ds = api.app.get<DataSource>(getDataSourceToken());
    const service = api.app.get(NotificationsService);
    for (const title of ['一つ目', '二つ目', '三つ目']) {
      await ds.transaction((m) =>
        service.request(m, { recipientUserId: alice.userId, eventType: 'application.accepted', params: { projectTitle: title }, dedupeKey: randomUUID(), channels: ['in_app'] }),
      );
    }
    await eventually(async () => (await http().get('/api/v1/me/notifications/unread-count').set(as(alice))).body.unread === 3, 10_000, 'inbox filled');
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('lists my notifications newest first, rendered in Japanese, with cursor pagination', async () => {
    const p1 = await http().get('/api/v1/me/notifications?limit=2').set(as(alice)).expect(200);
    expect(p1.body.items.map((i: { subject: string }) => i.subject)).toEqual([
      '【関わり】「三つ目」への参加が決まりました',
      '【関わり】「二つ目」への参加が決まりました',
    ]);
    expect(p1.body.items[0]).toMatchObject({ eventType: 'application.accepted', readAt: null });
    const p2 = await http().get(`/api/v1/me/notifications?limit=2&cursor=${p1.body.nextCursor}`).set(as(alice)).expect(200);
    expect(p2.body.items).toHaveLength(1);
    expect(p2.body.nextCursor).toBeNull();
    const bad = await http().get('/api/v1/me/notifications?cursor=bm9wZQ').set(as(alice)).expect(400);
    expect(bad.body.code).toBe('INVALID_NOTIFICATION_CURSOR');
    expect((await http().get('/api/v1/me/notifications').set(as(bob)).expect(200)).body.items).toEqual([]);
  });

  it('marks one read (idempotent), refuses another person’s item with 404, then marks all read', async () => {
    const { body } = await http().get('/api/v1/me/notifications').set(as(alice)).expect(200);
    const id = body.items[0].id as string;
    await http().post(`/api/v1/me/notifications/${id}/read`).set(as(bob)).expect(404);
    await http().post(`/api/v1/me/notifications/${id}/read`).set(as(alice)).expect(204);
    await http().post(`/api/v1/me/notifications/${id}/read`).set(as(alice)).expect(204);
    expect((await http().get('/api/v1/me/notifications/unread-count').set(as(alice))).body).toEqual({ unread: 2 });
    expect((await http().get('/api/v1/me/notifications?unreadOnly=true').set(as(alice))).body.items).toHaveLength(2);
    expect((await http().post('/api/v1/me/notifications/read-all').set(as(alice)).expect(200)).body).toEqual({ marked: 2 });
    expect((await http().get('/api/v1/me/notifications/unread-count').set(as(alice))).body).toEqual({ unread: 0 });
    await http().get('/api/v1/me/notifications').expect(401);
  });

  it('reads and changes preferences; invalid quiet hours are a 400 in Japanese', async () => {
    const d = await http().get('/api/v1/me/notification-preferences').set(as(bob)).expect(200);
    expect(d.body).toMatchObject({ language: 'ja', emailEnabled: true, quietHours: null });
    expect(d.body.events.find((e: { eventType: string }) => e.eventType === 'project.changed')).toEqual({ eventType: 'project.changed', inApp: true, email: true, digest: false });
    const u = await http()
      .put('/api/v1/me/notification-preferences')
      .set(as(bob))
      .send({ language: 'en', quietHours: { start: 22, end: 7 }, events: [{ eventType: 'project.changed', email: true, digest: true }] })
      .expect(200);
    expect(u.body).toMatchObject({ language: 'en', quietHours: { start: 22, end: 7 } });
    expect(u.body.events.find((e: { eventType: string }) => e.eventType === 'project.changed')).toMatchObject({ digest: true });
    const bad = await http().put('/api/v1/me/notification-preferences').set(as(bob)).send({ quietHours: { start: 25, end: 7 } }).expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toMatch(/[ぁ-んァ-ン一-龯]/);
    const unknown = await http().put('/api/v1/me/notification-preferences').set(as(bob)).send({ events: [{ eventType: 'nope', email: true, digest: false }] });
    expect(unknown.status).toBe(400);
  });

  it('the unsubscribe link refuses a forged token; failures are for admins only', async () => {
    const res = await http().get('/api/v1/notifications/unsubscribe?token=forged-token.abc').expect(400);
    expect(res.body.code).toBe('INVALID_UNSUBSCRIBE_TOKEN');
    await http().get('/api/v1/admin/notifications/failures').set(as(alice)).expect(403);
    const f = await http().get('/api/v1/admin/notifications/failures').set(as(admin)).expect(200);
    expect(Array.isArray(f.body.items)).toBe(true);
  });
});

describe('queue dashboard (Bull Board) at /admin/queues (e2e)', () => {
  let api: TestApi;
  let admin: TestUser;
  let participant: TestUser;
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    api = await startTestApi();
    [admin, participant] = await Promise.all([createUser(api, { role: 'admin' }), createUser(api, { role: 'participant' })]);
  }, 60_000);
  afterAll(() => api?.close());

  it('is closed without an admin session, open with one', async () => {
    await http().get('/admin/queues').expect(401);
    await http().get('/admin/queues/api/queues').set('cookie', 'kakawari_queues=forged.value').expect(401);
    await http().post('/api/v1/admin/queues/session').set('authorization', `Bearer ${participant.accessToken}`).expect(403);
    const session = await http().post('/api/v1/admin/queues/session').set('authorization', `Bearer ${admin.accessToken}`).expect(200);
    const cookie = String(session.headers['set-cookie']).split(';')[0];
    expect(String(session.headers['set-cookie'])).toContain('HttpOnly');
    expect(String(session.headers['set-cookie'])).toContain('Path=/admin/queues');
    const page = await http().get('/admin/queues').set('cookie', cookie).expect(200);
    expect(page.text).toContain('<html');
    const queues = await http().get('/admin/queues/api/queues').set('cookie', cookie).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name)).toContain('notifications');
  });
});
