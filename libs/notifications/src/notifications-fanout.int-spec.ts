import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { IdentityService } from '@app/identity';
import { OrganizationsService } from '@app/organizations';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { PlatformObservabilityModule } from '@app/platform/observability';
import { OutboxRelayModule, OutboxService, PlatformOutboxModule } from '@app/platform/outbox';
import { PlatformQueueModule, PlatformRedisModule } from '@app/platform/queue';
import { createTestDatabase, eventually, uniqueQueuePrefix, type TestDatabase } from '@app/platform/testing';
import { ProjectsService } from '@app/projects';
import { InboxService } from './application/inbox.service';
import { digestWeek, ProjectDigestService } from './application/project-digest.service';
import { UnansweredReminderService } from './application/unanswered-reminder.service';
import { AudienceRepository } from './persistence/audience.repository';
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
class FanoutTestModule {}

const DAY = 86_400_000;
const PASSWORD = 'correct-horse-battery-staple-9';

describe('notifications fan-outs (integration: PostgreSQL, Redis)', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let ds: DataSource;
  let identity: IdentityService;

  const participant = async (profile: { interests: string[]; residence: string; modes?: string[] } | null, digestConsent: boolean | null) => {
    const a = await identity.createAccount({ email: `p-${randomUUID()}@example.jp`, password: PASSWORD, role: 'participant' }, null);
    if (profile) {
      await ds.query(
        `INSERT INTO participant_profiles (user_id, display_name, residence_municipality_code, interests, modes, participant_type)
         VALUES ($1, '参加者', $2, $3::text[], $4::text[], 'urban_resident')`,
        [a.id, profile.residence, profile.interests, profile.modes ?? ['onsite']],
      );
    }
    if (digestConsent !== null) {
      await ds.query(`INSERT INTO participant_consent_events (user_id, purpose, granted, policy_version) VALUES ($1, 'receive_digest', $2, '2026-04')`, [a.id, digestConsent]);
    }
    return a.id;
  };

  const project = async (p: { title: string; category: string; host: string; publishedAt: Date; status?: string; coHosts?: string[] }) => {
    const munis = [p.host, ...(p.coHosts ?? [])];
    const [{ id }] = await ds.query(
      `INSERT INTO projects (status, title, description, host_municipality_code, host_prefecture_code, co_host_municipality_codes, municipality_codes,
                             prefecture_codes, category, mode, starts_at, ends_at, application_deadline, capacity, compensation, created_by, published_at)
       VALUES ($1, $2, '説明', $3::text, left($3::text, 2), $4::text[], $5::text[], $6::text[], $7, 'onsite', now() + interval '60 days', now() + interval '61 days',
               now() + interval '30 days', 10, 'volunteer', gen_random_uuid(), $8) RETURNING id`,
      [p.status ?? 'published', p.title, p.host, p.coHosts ?? [], munis, [...new Set(munis.map((c) => c.slice(0, 2)))], p.category, p.publishedAt],
    );
    return id as string;
  };

  const notificationsOf = (userId: string, eventType: string): Promise<{ id: string; params: Record<string, unknown>; dedupe_key: string }[]> =>
    ds.query(`SELECT id::text AS id, params, dedupe_key FROM notifications WHERE recipient_id = $1 AND event_type = $2 ORDER BY id`, [userId, eventType]);

  const staffOf = async (kind: 'municipality' | 'prefecture', code: string) => {
    const orgs = app.get(OrganizationsService);
    const org = kind === 'municipality' ? await orgs.ensureMunicipalityOrganization(code, null) : await orgs.ensurePrefectureOrganization(code, null);
    const s = await orgs.createStaffAccount(org.id, { email: `staff-${randomUUID()}@example.jp`, password: PASSWORD }, randomUUID());
    return s.userId;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      SMTP_URL: 'smtp://127.0.0.1:1',
      NOTIFICATIONS_RELAY_POLL_MS: '30',
      OUTBOX_POLL_MS: '50',
    });
    app = await NestFactory.createApplicationContext(FanoutTestModule, { logger: false });
    await app.init();
    ds = app.get<DataSource>(getDataSourceToken());
    identity = app.get(IdentityService);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('weekly digest of new projects: one per matching, consenting participant, through chunked jobs; none when nothing matches; a re-run of the week sends nothing twice', async () => {
    const now = new Date();
    const week = digestWeek(now);
    expect(week.until.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(week.until.getTime() - week.since.getTime()).toBe(7 * DAY);
    // Japan time: the week starts on Monday 00:00 JST (Sunday 15:00 UTC).
    expect(week.until.getUTCDay()).toBe(0);
    expect(week.until.getUTCHours()).toBe(15);

    const fits = await participant({ interests: ['ai_digital'], residence: '131016' }, true);
    const noMatch = await participant({ interests: ['living_environment'], residence: '472018' }, true);
    const noConsent = await participant({ interests: ['ai_digital'], residence: '131016' }, null);
    const withdrew = await participant({ interests: ['ai_digital'], residence: '131016' }, true);
    const alreadyApplied = await participant({ interests: ['ai_digital'], residence: '131016' }, true);
    await ds.query(`INSERT INTO participant_consent_events (user_id, purpose, granted, policy_version) VALUES ($1, 'receive_digest', false, '2026-04')`, [withdrew]);

    const fresh = await project({ title: 'AIで農業を見える化', category: 'ai_digital', host: '011002', publishedAt: new Date(week.until.getTime() - 2 * DAY) });
    await ds.query(`INSERT INTO applications (project_id, participant_id) VALUES ($1, $2)`, [fresh, alreadyApplied]);
    await project({ title: '先々週のAI講座', category: 'ai_digital', host: '011002', publishedAt: new Date(week.since.getTime() - DAY) });
    await project({ title: '今週公開のAI講座', category: 'ai_digital', host: '011002', publishedAt: new Date(Math.min(now.getTime(), week.until.getTime() + 60_000)) });

    const digest = app.get(ProjectDigestService);
    expect(await digest.planWeek(now)).toBe(1);
    const [n] = await eventually(async () => {
      const rows = await notificationsOf(fits, 'digest.new_projects');
      return rows.length > 0 ? rows : null;
    }, 15_000);
    expect(n.dedupe_key).toBe(`project-digest:${week.week}`);
    expect(n.params).toMatchObject({ count: 1, week: week.week, projectIds: fresh });
    expect(n.params.items).toBe('・AIで農業を見える化（関心分野：AI・デジタル・新技術）');
    expect(n.params.itemsEn).toBe('- AIで農業を見える化 (Your interest: AI, digital and new technology)');
    const inbox = await eventually(async () => {
      const page = await app.get(InboxService).list(fits, { limit: 10 });
      return page.items.find((i) => i.eventType === 'digest.new_projects') ?? null;
    }, 10_000);
    expect(inbox.subject).toBe('【関わり】あなたに合う新着プロジェクトが1件あります');

    // The same batch decided for everyone: no match, no consent, consent withdrawn, the only match
    // already applied to → nothing.
    for (const id of [noMatch, noConsent, withdrew, alreadyApplied]) expect(await notificationsOf(id, 'digest.new_projects')).toHaveLength(0);

    // Re-running the week (planner and batch) sends nothing twice.
    await digest.planWeek(now);
    expect(await digest.runBatch({ week: week.week, since: week.since.toISOString(), until: week.until.toISOString(), userIds: [fits, noMatch] }, now)).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(await notificationsOf(fits, 'digest.new_projects')).toHaveLength(1);
  });

  it('a scout invitation reaches the invited participant once, in Japanese', async () => {
    const p = await participant(null, null);
    const invitationId = randomUUID();
    const event = { topic: 'matching.invitation.created', key: invitationId, payload: { invitationId, projectId: randomUUID(), participantId: p, projectTitle: '古民家再生ワークショップ' } };
    await ds.transaction((m) => app.get(OutboxService).publish(m, event));
    const item = await eventually(async () => {
      const page = await app.get(InboxService).list(p, { limit: 10 });
      return page.items.find((i) => i.eventType === 'scout.invited') ?? null;
    }, 10_000);
    expect(item.subject).toBe('【関わり】「古民家再生ワークショップ」から参加のお誘いが届きました');
    expect(await notificationsOf(p, 'scout.invited')).toHaveLength(1);
  });

  it('KPI milestone: the scope’s staff and every HQ analyst hear of it, others do not', async () => {
    const muniStaff = await staffOf('municipality', '132012');
    const prefStaff = await staffOf('prefecture', '13');
    const otherStaff = await staffOf('municipality', '011002');
    const hq = (await identity.createAccount({ email: `hq-${randomUUID()}@example.jp`, password: PASSWORD, role: 'hq_analyst' }, null)).id;
    const publish = (payload: Record<string, unknown>) =>
      ds.transaction((m) => app.get(OutboxService).publish(m, { topic: 'relationships.kpi_milestone_reached', key: randomUUID(), payload }));
    await publish({ scopeType: 'municipality', scopeCode: '132012', scopeName: '八王子市', metric: 'real_persons', years: 1, fiscalYear: 2027, milestoneValue: 100, actual: 104 });
    await eventually(async () => (await notificationsOf(hq, 'kpi.milestone_reached')).length === 1, 10_000);
    const [staffNote] = await eventually(async () => {
      const rows = await notificationsOf(muniStaff, 'kpi.milestone_reached');
      return rows.length ? rows : null;
    }, 10_000);
    expect(staffNote.params).toMatchObject({ scopeName: '八王子市', metricJa: '実人数', years: 1, actual: 104 });
    const item = await eventually(async () => {
      const page = await app.get(InboxService).list(muniStaff, { limit: 5 });
      return page.items.find((i) => i.eventType === 'kpi.milestone_reached') ?? null;
    }, 10_000);
    expect(item.subject).toBe('【関わり】八王子市が実人数の1年目の目標を達成しました');
    expect(await notificationsOf(prefStaff, 'kpi.milestone_reached')).toHaveLength(0);
    expect(await notificationsOf(otherStaff, 'kpi.milestone_reached')).toHaveLength(0);

    await publish({ scopeType: 'prefecture', scopeCode: '13', scopeName: '東京都', metric: 'cumulative_persons', years: 3, fiscalYear: 2029, milestoneValue: 5000, actual: 5001 });
    await eventually(async () => (await notificationsOf(prefStaff, 'kpi.milestone_reached')).length === 1, 10_000);
    await eventually(async () => (await notificationsOf(hq, 'kpi.milestone_reached')).length === 2, 10_000);
    expect(await notificationsOf(muniStaff, 'kpi.milestone_reached')).toHaveLength(1);
  });

  it('daily unanswered reminder: projects read in one query and staff in one, one notice per staff member and project, once a day', async () => {
    const hostA = '282014';
    const hostB = '342025';
    const staffA = await staffOf('municipality', hostA);
    const staffB = await staffOf('municipality', hostB);
    const a = await project({ title: '未回答A', category: 'people_flow', host: hostA, coHosts: [hostB], publishedAt: new Date() });
    const b = await project({ title: '未回答B', category: 'people_flow', host: hostB, publishedAt: new Date() });
    const cancelled = await project({ title: '中止', category: 'people_flow', host: hostA, publishedAt: new Date(), status: 'cancelled' });
    const audience = app.get(AudienceRepository);
    const old = new Date(Date.now() - 10 * DAY);
    for (const projectId of [a, a, b, cancelled]) await ds.transaction((m) => audience.record(m, projectId, randomUUID(), 'applied', old));

    const projects = app.get(ProjectsService);
    const organizations = app.get(OrganizationsService);
    const one = jest.spyOn(projects, 'getProjectForParticipation');
    const many = jest.spyOn(projects, 'getProjectsForParticipation');
    const staffOne = jest.spyOn(organizations, 'listStaffUserIds');
    const staffMany = jest.spyOn(organizations, 'listStaffUserIdsByMunicipality');
    const reminder = app.get(UnansweredReminderService);
    const created = await reminder.run();
    expect(many).toHaveBeenCalledTimes(1);
    expect(staffMany).toHaveBeenCalledTimes(1);
    expect(one).not.toHaveBeenCalled();
    expect(staffOne).not.toHaveBeenCalled();
    jest.restoreAllMocks();

    const ofA = await notificationsOf(staffA, 'applications.unanswered');
    const ofB = await notificationsOf(staffB, 'applications.unanswered');
    expect(ofA.map((n) => n.params.projectTitle)).toEqual(['未回答A']);
    expect(ofA[0].params).toMatchObject({ count: 2 });
    expect(ofB.map((n) => n.params.projectTitle).sort()).toEqual(['未回答A', '未回答B']);
    expect(created).toBe(3);
    expect(await reminder.run()).toBe(0);
  });
});
