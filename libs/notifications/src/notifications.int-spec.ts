import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { IdentityService } from '@app/identity';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { MetricsService, PlatformObservabilityModule } from '@app/platform/observability';
import { OutboxRelayModule, OutboxService, PlatformOutboxModule } from '@app/platform/outbox';
import { PlatformQueueModule, PlatformRedisModule } from '@app/platform/queue';
import { createTestDatabase, uniqueQueuePrefix, type TestDatabase } from '@app/platform/testing';
import { eventually, startReceiver } from '../../../test/support/notifications/harness';
import { startSmtp, type ReceivedMail } from '../../../test/support/notifications/smtp';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DigestService, WEEKLY_DIGEST_PATTERN } from './application/digest.service';
import { UNANSWERED_REMINDER_PATTERN } from './application/unanswered-reminder.service';
import { AudienceRepository } from './persistence/audience.repository';
import { InboxService } from './application/inbox.service';
import { NotificationsQueue } from './jobs/notifications.jobs';
import { NotificationsAdminService } from './application/notifications-admin.service';
import { NotificationsService } from './application/notifications.service';
import { PreferencesService } from './application/preferences.service';
import { verifyWebhook } from './domain/webhook-signature';
import { NotificationsWorkerModule } from './notifications-worker.module';
import { NotificationsModule } from './notifications.module';

jest.setTimeout(60_000);

@Module({
  imports: [
    PlatformConfigModule,
    PlatformDatabaseModule,
    PlatformRedisModule,
    PlatformQueueModule,
    PlatformObservabilityModule,
    PlatformOutboxModule,
    NotificationsModule,
    NotificationsWorkerModule,
    OutboxRelayModule.register(),
  ],
})
class NotificationsTestModule {}

describe('notifications pipeline (integration: PostgreSQL, Redis, SMTP, HTTP)', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let ds: DataSource;
  let service: NotificationsService;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const receiverStatuses: number[] = [];
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let alice: { id: string; email: string };

  const status = async (notificationId: string, channel: string) =>
    (await ds.query(`SELECT status, attempts, last_error FROM notification_deliveries WHERE notification_id = $1 AND channel = $2`, [notificationId, channel]))[0];
  const request = (input: Parameters<NotificationsService['request']>[1]) => ds.transaction((m) => service.request(m, input));
  const mailsFor = (messageId: string): ReceivedMail[] => smtp.mails.filter((m) => m.headers['message-id'] === messageId);

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await startSmtp();
    // Webhook receiver: "/hook?fail=N" answers 500 N times per key, "/hook?status=S" always S.
    receiver = await startReceiver((hook, nth) => {
      const body = JSON.parse(hook.body) as { params: { mode?: string } };
      const mode = body.params.mode ?? 'ok';
      const s = mode === 'flaky' ? (nth <= 2 ? 500 : 200) : mode === 'gone' ? 410 : 200;
      receiverStatuses.push(s);
      return { status: s };
    });
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      SMTP_URL: smtp.url,
      PUBLIC_BASE_URL: 'https://kakawari.example.jp',
      NOTIFICATIONS_RELAY_POLL_MS: '30',
      NOTIFICATIONS_BACKOFF_MS: '100',
      NOTIFICATIONS_MAX_ATTEMPTS: '4',
      NOTIFICATIONS_RATE_CAP_PER_HOUR: '3',
      OUTBOX_POLL_MS: '50',
    });
    app = await NestFactory.createApplicationContext(NotificationsTestModule, { logger: false });
    await app.init();
    ds = app.get<DataSource>(getDataSourceToken());
    service = app.get(NotificationsService);
    const account = await app
      .get(IdentityService)
      .createAccount({ email: `alice-${randomUUID()}@example.jp`, password: 'correct-horse-battery-staple-9', role: 'participant', displayName: '山田 花子' }, null);
    alice = { id: account.id, email: account.email };
  });

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await receiver?.close();
    await db?.drop();
  });

  it('stores nothing when the caller’s transaction rolls back, and a replayed request once', async () => {
    const key = randomUUID();
    await expect(
      ds.transaction(async (m) => {
        await service.request(m, { recipientUserId: alice.id, eventType: 'system.announcement', params: { title: 'x', message: 'y' }, dedupeKey: key });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect((await ds.query(`SELECT count(*)::int AS n FROM notifications WHERE dedupe_key = $1`, [key]))[0].n).toBe(0);
    const first = await request({ recipientUserId: alice.id, eventType: 'system.announcement', params: { title: 'x', message: 'y' }, dedupeKey: key, channels: ['in_app'] });
    const again = await request({ recipientUserId: alice.id, eventType: 'system.announcement', params: { title: 'x', message: 'y' }, dedupeKey: key, channels: ['in_app'] });
    expect(first.notificationId).toMatch(/^\d+$/);
    expect(again.notificationId).toBeNull();
    await eventually(async () => (await status(first.notificationId!, 'in_app')).status === 'delivered', 10_000);
    const page = await app.get(InboxService).list(alice.id, { limit: 50 });
    expect(page.items.filter((i) => i.subject === '【関わり】x')).toHaveLength(1);
  });

  it('emails in Japanese over real SMTP with a stable Message-ID and a working unsubscribe link', async () => {
    const { notificationId } = await request({
      recipientUserId: alice.id,
      eventType: 'application.accepted',
      params: { projectTitle: '棚田の草刈りボランティア', projectId: randomUUID() },
      dedupeKey: randomUUID(),
    });
    const messageId = `<notification-${notificationId}-email@kakawari>`;
    await eventually(async () => mailsFor(messageId).length === 1, 10_000, 'email received');
    const mail = mailsFor(messageId)[0];
    expect(mail.to).toEqual([alice.email]);
    expect(mail.subject).toBe('【関わり】「棚田の草刈りボランティア」への参加が決まりました');
    expect(mail.text).toContain('山田 花子 様');
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    expect(mail.headers['list-unsubscribe']).toContain('https://kakawari.example.jp/api/v1/notifications/unsubscribe?token=');
    await eventually(async () => (await status(notificationId!, 'email')).status === 'delivered', 5_000);
    expect(await status(notificationId!, 'email')).toMatchObject({ status: 'delivered', attempts: 1 });

    // The link turns off this event type's email; other types still send.
    const token = decodeURIComponent(/token=([^>\s]+)/.exec(mail.headers['list-unsubscribe'])![1]);
    await expect(app.get(PreferencesService).unsubscribe(`${token}x`)).rejects.toMatchObject({ code: 'INVALID_UNSUBSCRIBE_TOKEN' });
    expect(await app.get(PreferencesService).unsubscribe(token)).toEqual({ eventType: 'application.accepted' });
    const after = await request({ recipientUserId: alice.id, eventType: 'application.accepted', params: { projectTitle: 'B' }, dedupeKey: randomUUID() });
    expect(await status(after.notificationId!, 'email')).toBeUndefined();
    expect(await status(after.notificationId!, 'in_app')).toBeDefined();
    const prefs = await app.get(PreferencesService).get(alice.id);
    expect(prefs.events.find((e) => e.eventType === 'application.accepted')).toMatchObject({ email: false });
    await app.get(PreferencesService).update(alice.id, { events: [{ eventType: 'application.accepted', email: true, digest: false }] });
  });

  it('renders English for a person who prefers it', async () => {
    await app.get(PreferencesService).update(alice.id, { language: 'en' });
    const { notificationId } = await request({ recipientUserId: alice.id, eventType: 'project.cancelled', params: { projectTitle: 'Rice terraces' }, dedupeKey: randomUUID(), urgency: 'urgent' });
    const messageId = `<notification-${notificationId}-email@kakawari>`;
    await eventually(async () => mailsFor(messageId).length === 1, 10_000, 'email received');
    expect(mailsFor(messageId)[0].subject).toBe('[Kakawari] "Rice terraces" is cancelled');
    const inbox = await app.get(InboxService).list(alice.id, { limit: 1 });
    expect(inbox.items[0].subject).toBe('[Kakawari] "Rice terraces" is cancelled');
    await app.get(PreferencesService).update(alice.id, { language: 'ja' });
  });

  it('a 550 from the SMTP server is a permanent failure at once, listed for admins', async () => {
    const bob = await app
      .get(IdentityService)
      .createAccount({ email: `reject-${randomUUID()}@example.jp`, password: 'correct-horse-battery-staple-9', role: 'participant' }, null);
    const { notificationId } = await request({ recipientUserId: bob.id, eventType: 'application.rejected', params: { projectTitle: 'X' }, dedupeKey: randomUUID() });
    await eventually(async () => (await status(notificationId!, 'email')).status === 'permanent_failure', 10_000, 'permanent failure');
    const row = await status(notificationId!, 'email');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('550');
    const failures = await app.get(NotificationsAdminService).failures(50);
    expect(failures.items.find((f) => f.notificationId === notificationId)).toMatchObject({ channel: 'email', status: 'permanent_failure' });
  });

  it('webhooks are signed; 5xx is retried with backoff until delivered, 4xx stops at once', async () => {
    const org = randomUUID();
    await app.get(NotificationsAdminService).setWebhook(org, { url: receiver.url, secret: 'municipal-secret-0123456789', enabled: true });
    const flaky = await ds.transaction((m) => service.requestForOrganization(m, { organizationId: org, eventType: 'application.received', params: { mode: 'flaky', projectTitle: 'P' }, dedupeKey: randomUUID() }));
    const gone = await ds.transaction((m) => service.requestForOrganization(m, { organizationId: org, eventType: 'application.received', params: { mode: 'gone' }, dedupeKey: randomUUID() }));
    await eventually(async () => (await status(flaky.notificationId!, 'webhook')).status === 'delivered', 15_000, 'flaky delivered');
    await eventually(async () => (await status(gone.notificationId!, 'webhook')).status === 'permanent_failure', 15_000, 'gone failed');
    expect(await status(flaky.notificationId!, 'webhook')).toMatchObject({ attempts: 3 });
    expect(await status(gone.notificationId!, 'webhook')).toMatchObject({ attempts: 1, last_error: 'webhook answered HTTP 410' });
    const hooks = receiver.hooks.filter((h) => h.key === `notification-${flaky.notificationId}-webhook`);
    expect(hooks).toHaveLength(3);
    for (const h of hooks) {
      expect(verifyWebhook('municipal-secret-0123456789', { timestamp: h.timestamp, signature: h.signature }, h.body)).toBe(true);
      expect(verifyWebhook('wrong-secret-0123456789', { timestamp: h.timestamp, signature: h.signature }, h.body)).toBe(false);
    }
    expect(JSON.parse(hooks[0].body)).toMatchObject({ eventType: 'application.received', organizationId: org, notificationId: flaky.notificationId });
  });

  it('holds non-urgent email during quiet hours (Japan time) while the inbox gets it now', async () => {
    const carol = await app.get(IdentityService).createAccount({ email: `carol-${randomUUID()}@example.jp`, password: 'correct-horse-battery-staple-9', role: 'participant' }, null);
    const hourJst = (new Date().getUTCHours() + 9) % 24;
    await app.get(PreferencesService).update(carol.id, { quietHours: { start: hourJst, end: (hourJst + 2) % 24 } });
    const { notificationId } = await request({ recipientUserId: carol.id, eventType: 'application.waitlisted', params: { projectTitle: 'Q' }, dedupeKey: randomUUID() });
    await eventually(async () => (await status(notificationId!, 'in_app')).status === 'delivered', 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(await status(notificationId!, 'email')).toMatchObject({ status: 'created', attempts: 0 });
    const [{ not_before }] = await ds.query(`SELECT not_before FROM notification_deliveries WHERE notification_id = $1 AND channel = 'email'`, [notificationId]);
    expect(new Date(not_before).getTime()).toBeGreaterThan(Date.now() + 3600_000 - 60_000);
  });

  it('folds email beyond the per-recipient rate cap into the digest', async () => {
    const dave = await app.get(IdentityService).createAccount({ email: `dave-${randomUUID()}@example.jp`, password: 'correct-horse-battery-staple-9', role: 'participant' }, null);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await request({ recipientUserId: dave.id, eventType: 'project.changed', params: { projectTitle: `P${i}` }, dedupeKey: randomUUID() })).notificationId!);
    }
    const statuses = await Promise.all(ids.map(async (id) => (await status(id, 'email')).status));
    expect(statuses.filter((s) => s === 'digested')).toHaveLength(2);

    // The weekly digest carries exactly the folded ones, once; nobody gets an empty digest.
    const digest = app.get(DigestService);
    expect(await digest.runWeeklyDigest()).toBe(1);
    expect(await digest.runWeeklyDigest()).toBe(0);
    const [d] = await ds.query(`SELECT id, params FROM notifications WHERE recipient_id = $1 AND event_type = 'digest.weekly'`, [dave.id]);
    expect(d.params.count).toBe(2);
    expect(d.params.items).toBe('・「P3」の内容が変更されました\n・「P4」の内容が変更されました');
    const mid = `<notification-${d.id}-email@kakawari>`;
    await eventually(async () => mailsFor(mid).length === 1, 10_000, 'digest email');
    expect(mailsFor(mid)[0].subject).toBe('【関わり】今週のお知らせまとめ（2件）');
    const schedulers = await app.get<Queue>(getQueueToken(NotificationsQueue.queue)).getJobSchedulers();
    expect(schedulers.find((j) => j.key === 'notifications-weekly-digest')).toMatchObject({ pattern: WEEKLY_DIGEST_PATTERN, tz: 'Asia/Tokyo' });
  });

  it('turns an outbox event of participation into the participant’s notification, once', async () => {
    const outbox = app.get(OutboxService);
    const applicationId = randomUUID();
    const payload = { applicationId, projectId: randomUUID(), participantId: alice.id, state: 'accepted', previousState: 'applied', projectTitle: '移住体験ツアー' };
    await ds.transaction((m) => outbox.publish(m, { topic: 'participation.application.accepted', payload, key: applicationId }));
    const found = await eventually(async () => {
      const rows = await ds.query(`SELECT id FROM notifications WHERE recipient_id = $1 AND event_type = 'application.accepted' AND params->>'applicationId' = $2`, [alice.id, applicationId]);
      return rows.length === 1 ? rows[0].id : null;
    }, 10_000, 'notification from event');
    await eventually(async () => (await status(found, 'in_app'))?.status === 'delivered', 10_000);
  });

  it('keeps the newest application state in its read model (a late older event changes nothing) and schedules the daily unanswered reminder', async () => {
    const audience = app.get(AudienceRepository);
    const projectId = randomUUID();
    const t0 = new Date('2026-01-10T00:00:00Z');
    await ds.transaction((m) => audience.record(m, projectId, alice.id, 'applied', t0));
    expect(await audience.listUnansweredProjects(new Date(t0.getTime() - 1))).not.toContainEqual(expect.objectContaining({ projectId }));
    expect(await audience.listUnansweredProjects(t0)).toContainEqual({ projectId, count: 1 });
    await ds.transaction((m) => audience.record(m, projectId, alice.id, 'accepted', new Date(t0.getTime() + 60_000)));
    await ds.transaction((m) => audience.record(m, projectId, alice.id, 'applied', t0)); // replayed late
    expect(await audience.stateOf(projectId, alice.id)).toBe('accepted');
    expect(await audience.listUnansweredProjects(new Date())).not.toContainEqual(expect.objectContaining({ projectId }));
    const schedulers = await app.get<Queue>(getQueueToken(NotificationsQueue.queue)).getJobSchedulers();
    expect(schedulers.find((j) => j.key === 'notifications-unanswered-reminder')).toMatchObject({ pattern: UNANSWERED_REMINDER_PATTERN, tz: 'Asia/Tokyo' });
  });

  it('tells a participant their furusato registration is complete, naming the municipality', async () => {
    const registrationId = randomUUID();
    await ds.transaction((m) =>
      app.get(OutboxService).publish(m, {
        topic: 'participants.registration.created',
        payload: { registrationId, participantId: alice.id, municipalityCode: '131016', tier: 'basic', registeredAt: new Date().toISOString() },
        key: registrationId,
      }),
    );
    const item = await eventually(async () => {
      const page = await app.get(InboxService).list(alice.id, { limit: 20 });
      return page.items.find((i) => i.eventType === 'registration.confirmed') ?? null;
    }, 10_000, 'registration notice');
    expect(item.subject).toBe('【関わり】千代田区へのふるさと住民登録が完了しました');
  });

  it('exposes queue depth, processed, failed and latency metrics', async () => {
    const text = await app.get(MetricsService).registry.metrics();
    expect(text).toMatch(/notifications_processed_total\{[^}]*channel="in_app"[^}]*result="delivered"[^}]*\} [1-9]/);
    expect(text).toMatch(/notifications_failed_total\{[^}]*channel="webhook"/);
    expect(text).toMatch(/notifications_delivery_latency_seconds_count\{[^}]*channel="email"/);
    expect(text).toMatch(/notifications_queue_depth\{[^}]*state="waiting"/);
  });
});
