import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { ActivityLogService, ParticipantsService } from '@app/participants';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser, type TestUser } from '../support/identity';

const profile = (overrides: Record<string, unknown> = {}) => ({
  displayName: '山田 花子',
  residenceMunicipalityCode: '131041', // 新宿区
  hometownMunicipalityCode: '20213', // 飯山市 (5 digits)
  interestRegionCodes: ['20', '15'],
  skills: ['写真撮影', 'Web制作', '写真撮影'],
  interests: ['living_environment', 'people_flow'],
  modes: ['onsite', 'remote'],
  availability: ['weekends', 'long_term'],
  participantType: 'remote_worker',
  ...overrides,
});

describe('participants (e2e)', () => {
  let api: TestApi;
  let db: Client;
  let hanako: TestUser;
  let staff: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    db = new Client({ connectionString: api.db.url });
    await db.connect();
    [hanako, staff] = await Promise.all([
      createUser(api, { role: 'participant' }),
      createUser(api, { role: 'municipality_staff', municipalityCode: '202134' }),
    ]);
  });
  afterAll(async () => {
    await db.end();
    await api.close();
  });
  const http = () => request(api.app.getHttpServer());
  const as = (u: TestUser) => ({ authorization: `Bearer ${u.accessToken}` });
  const count = async (table: string, userColumn = 'user_id', userId = hanako.userId) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${userColumn} = $1`, [userId])).rows[0].n;

  describe('profile', () => {
    it('has no profile at first (404), refuses bad input writing nothing, then saves one', async () => {
      await http().get('/api/v1/me/profile').set(as(hanako)).expect(404);
      const bad: [Record<string, unknown>, number, string][] = [
        [{ displayName: '' }, 400, 'VALIDATION_FAILED'],
        [{ displayName: 'あ'.repeat(51) }, 400, 'VALIDATION_FAILED'],
        [{ participantType: 'tourist' }, 400, 'VALIDATION_FAILED'],
        [{ interestRegionCodes: ['48'] }, 400, 'VALIDATION_FAILED'],
        [{ modes: ['teleport'] }, 400, 'VALIDATION_FAILED'],
        [{ residenceMunicipalityCode: undefined }, 400, 'VALIDATION_FAILED'],
        [{ residenceMunicipalityCode: '131042' }, 400, 'LOCAL_GOV_CODE_CHECK_DIGIT'],
        [{ hometownMunicipalityCode: '20299' }, 404, 'MUNICIPALITY_NOT_FOUND'],
        [{ unknownField: true }, 400, 'VALIDATION_FAILED'],
      ];
      for (const [o, status, code] of bad) {
        const res = await http().put('/api/v1/me/profile').set(as(hanako)).send(profile(o));
        expect({ o: Object.keys(o), status: res.status, code: res.body.code }).toEqual({ o: Object.keys(o), status, code });
      }
      expect(await count('participant_profiles')).toBe(0);

      const res = await http().put('/api/v1/me/profile').set(as(hanako)).send(profile()).expect(200);
      expect(res.body).toMatchObject({
        residenceMunicipalityCode: '131041',
        hometownMunicipalityCode: '202134',
        skills: ['写真撮影', 'Web制作'],
        interestRegionCodes: ['15', '20'],
        participantType: 'remote_worker',
        version: 1,
      });
      const again = await http().put('/api/v1/me/profile').set(as(hanako)).send(profile({ hometownMunicipalityCode: null })).expect(200);
      expect(again.body).toMatchObject({ hometownMunicipalityCode: null, version: 2 });
      expect((await http().get('/api/v1/me/profile').set(as(hanako)).expect(200)).body.displayName).toBe('山田 花子');
      expect(await api.app.get(ParticipantsService).getResidenceMunicipalityCode(hanako.userId)).toBe('131041');
    });

    it('is for participants only', async () => {
      await http().get('/api/v1/me/profile').set(as(staff)).expect(403);
      await http().get('/api/v1/me/profile').expect(401);
      await http().post('/api/v1/me/registrations').set(as(staff)).send({ municipalityCode: '152048' }).expect(403);
    });
  });

  describe('consents', () => {
    it('records grants and revocations as history, per purpose and per municipality', async () => {
      const initial = await http().get('/api/v1/me/consents').set(as(hanako)).expect(200);
      expect(initial.body.map((c: { purpose: string; granted: boolean }) => [c.purpose, c.granted])).toEqual([
        ['share_contact_with_hosts', false],
        ['be_scouted', false],
        ['receive_digest', false],
      ]);
      const facade = api.app.get(ParticipantsService);
      expect(await facade.getContactConsent(hanako.userId, '202134')).toBe(false);

      const granted = await http().put('/api/v1/me/consents/share_contact_with_hosts').set(as(hanako)).send({ granted: true }).expect(200);
      expect(granted.body).toMatchObject({ purpose: 'share_contact_with_hosts', granted: true, policyVersion: '2026-04' });
      expect(await facade.getContactConsent(hanako.userId, '202134')).toBe(true);

      await http().put('/api/v1/me/consents/share_contact_with_hosts').set(as(hanako)).send({ granted: false, municipalityCode: '20213' }).expect(200);
      expect(await facade.getContactConsent(hanako.userId, '202134')).toBe(false);
      expect(await facade.getContactConsent(hanako.userId, '152048')).toBe(true);
      await http().put('/api/v1/me/consents/share_contact_with_hosts').set(as(hanako)).send({ granted: false }).expect(200);
      expect(await facade.getContactConsent(hanako.userId, '152048')).toBe(false);

      const history = await db.query(`SELECT purpose, municipality_code, granted FROM participant_consent_events WHERE user_id = $1 ORDER BY id`, [hanako.userId]);
      expect(history.rows).toEqual([
        { purpose: 'share_contact_with_hosts', municipality_code: null, granted: true },
        { purpose: 'share_contact_with_hosts', municipality_code: '202134', granted: false },
        { purpose: 'share_contact_with_hosts', municipality_code: null, granted: false },
      ]);
      const state = await http().get('/api/v1/me/consents').set(as(hanako)).expect(200);
      expect(state.body[0]).toMatchObject({ granted: false, municipalities: [{ municipalityCode: '202134', granted: false }] });
    });

    it('refuses unknown purposes, bad bodies and per-municipality consent for other purposes, writing nothing', async () => {
      const before = await count('participant_consent_events');
      expect((await http().put('/api/v1/me/consents/sell_my_data').set(as(hanako)).send({ granted: true })).status).toBe(404);
      expect((await http().put('/api/v1/me/consents/be_scouted').set(as(hanako)).send({ granted: 'yes' })).status).toBe(400);
      expect((await http().put('/api/v1/me/consents/be_scouted').set(as(hanako)).send({})).status).toBe(400);
      const perMuni = await http().put('/api/v1/me/consents/be_scouted').set(as(hanako)).send({ granted: true, municipalityCode: '202134' });
      expect([perMuni.status, perMuni.body.code]).toEqual([422, 'CONSENT_MUNICIPALITY_NOT_ALLOWED']);
      expect((await http().put('/api/v1/me/consents/share_contact_with_hosts').set(as(hanako)).send({ granted: true, municipalityCode: '20299' })).status).toBe(404);
      expect(await count('participant_consent_events')).toBe(before);
    });
  });

  describe('furusato registrations', () => {
    it('refuses registration before a profile exists', async () => {
      const newcomer = await createUser(api, { role: 'participant' });
      const res = await http().post('/api/v1/me/registrations').set(as(newcomer)).send({ municipalityCode: '202134' }).expect(409);
      expect(res.body.code).toBe('PROFILE_REQUIRED');
      expect(await count('furusato_registrations', 'user_id', newcomer.userId)).toBe(0);
    });

    it('registers, refuses the residence and duplicates, withdraws and re-registers keeping history', async () => {
      const own = await http().post('/api/v1/me/registrations').set(as(hanako)).send({ municipalityCode: '131041' }).expect(422);
      expect(own.body).toMatchObject({ code: 'REGISTRATION_AT_RESIDENCE', detail: 'お住まいの市区町村（131041）にはふるさと住民登録できません。' });
      for (const [b, status] of [[{}, 400], [{ municipalityCode: 202134 }, 400], [{ municipalityCode: '20299' }, 404], [{ municipalityCode: '202135' }, 400]] as const) {
        expect((await http().post('/api/v1/me/registrations').set(as(hanako)).send(b)).status).toBe(status);
      }
      expect(await count('furusato_registrations')).toBe(0);

      const reg = await http().post('/api/v1/me/registrations').set(as(hanako)).send({ municipalityCode: '20213' }).expect(201);
      expect(reg.body).toMatchObject({ municipalityCode: '202134', tier: 'basic', premiumEligibility: { eligible: false, activitiesInWindow: 0, required: 3, remaining: 3 } });
      const dup = await http().post('/api/v1/me/registrations').set(as(hanako)).send({ municipalityCode: '202134' }).expect(409);
      expect(dup.body.code).toBe('REGISTRATION_DUPLICATE');
      expect(await count('furusato_registrations')).toBe(1);

      await http().delete('/api/v1/me/registrations/202134').set(as(hanako)).expect(204);
      await http().delete('/api/v1/me/registrations/202134').set(as(hanako)).expect(404);
      expect((await http().get('/api/v1/me/registrations').set(as(hanako)).expect(200)).body.items).toEqual([]);
      await http().post('/api/v1/me/registrations').set(as(hanako)).send({ municipalityCode: '202134' }).expect(201);
      const rows = await db.query(`SELECT withdrawn_at IS NULL AS active FROM furusato_registrations WHERE user_id = $1 ORDER BY registered_at`, [hanako.userId]);
      expect(rows.rows).toEqual([{ active: false }, { active: true }]);
      const topics = await db.query(`SELECT topic FROM outbox_events WHERE payload->>'participantId' = $1 ORDER BY id`, [hanako.userId]);
      expect(topics.rows.map((r) => r.topic)).toEqual([
        'participants.registration.created',
        'participants.registration.withdrawn',
        'participants.registration.created',
      ]);
    });

    it('lets only one of many concurrent duplicate registrations through', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, () => http().post('/api/v1/me/registrations').set(as(hanako)).send({ municipalityCode: '152048' })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
      const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM furusato_registrations WHERE user_id = $1 AND municipality_code = '152048'`, [hanako.userId])).rows;
      expect(n).toBe(1);
    });

    it('grants premium only after three verified activities with that municipality arrive', async () => {
      const refused = await http().post('/api/v1/me/registrations/202134/premium').set(as(hanako)).expect(409);
      expect(refused.body).toMatchObject({ code: 'PREMIUM_NOT_ELIGIBLE' });
      expect(refused.body.detail).toContain('あと3回');
      await http().post('/api/v1/me/registrations/011002/premium').set(as(hanako)).expect(404);
      await http().post('/api/v1/me/registrations/202135/premium').set(as(hanako)).expect(400);
      await http().delete('/api/v1/me/registrations/abc').set(as(hanako)).expect(400);

      const activities = api.app.get(ActivityLogService);
      const feed = (municipalityCodes: string[], verifiedAt = new Date()) =>
        activities.recordVerifiedActivity({
          activityId: randomUUID(),
          applicationId: randomUUID(),
          participantId: hanako.userId,
          projectId: randomUUID(),
          municipalityCodes,
          verifiedAt: verifiedAt.toISOString(),
        });
      await feed(['202134', '152048']);
      await feed(['202134']);
      await feed(['202134'], new Date(Date.now() - 400 * 24 * 3600 * 1000)); // older than 12 months: not counted
      const list = await http().get('/api/v1/me/registrations').set(as(hanako)).expect(200);
      const iiyama = list.body.items.find((r: { municipalityCode: string }) => r.municipalityCode === '202134');
      expect(iiyama.premiumEligibility).toEqual({ eligible: false, activitiesInWindow: 2, required: 3, remaining: 1 });
      expect((await http().post('/api/v1/me/registrations/202134/premium').set(as(hanako)).expect(409)).body.detail).toContain('あと1回');
      expect((await db.query(`SELECT count(*)::int AS n FROM furusato_registrations WHERE user_id = $1 AND tier = 'premium'`, [hanako.userId])).rows[0].n).toBe(0);

      await feed(['202134']);
      const granted = await http().post('/api/v1/me/registrations/202134/premium').set(as(hanako)).expect(200);
      expect(granted.body).toMatchObject({ municipalityCode: '202134', tier: 'premium', premiumEligibility: { eligible: true, remaining: 0 } });
      const expires = new Date(granted.body.premiumExpiresAt).getTime();
      expect(Math.abs(expires - (Date.now() + 365 * 24 * 3600 * 1000))).toBeLessThan(2 * 24 * 3600 * 1000);
      const event = await db.query(`SELECT payload FROM outbox_events WHERE topic = 'participants.registration.premium_granted' AND payload->>'participantId' = $1`, [hanako.userId]);
      expect(event.rows).toEqual([{ payload: expect.objectContaining({ municipalityCode: '202134', tier: 'premium', renewal: false }) }]);
      // Still basic elsewhere: 152048 has one activity.
      await http().post('/api/v1/me/registrations/152048/premium').set(as(hanako)).expect(409);
      const after = await http().get('/api/v1/me/registrations').set(as(hanako)).expect(200);
      expect(after.body.premiumCount).toBe(1);
    });
  });
});
