import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { ActivityLogService } from '@app/participants';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser, type TestUser } from '../support/identity';

// Caps and thresholds are configuration: this app runs with a basic cap of 2, N = 1 and M = 1.
describe('participants: configured caps under concurrency (e2e)', () => {
  let api: TestApi;
  let db: Client;
  let taro: TestUser;
  beforeAll(async () => {
    api = await startTestApi({ REGISTRATION_BASIC_CAP: '2', PREMIUM_MIN_ACTIVITIES: '1', PREMIUM_MAX_MUNICIPALITIES: '1' });
    db = new Client({ connectionString: api.db.url });
    await db.connect();
    taro = await createUser(api, { role: 'participant' });
    await request(api.app.getHttpServer())
      .put('/api/v1/me/profile')
      .set({ authorization: `Bearer ${taro.accessToken}` })
      .send({ displayName: '佐藤 太郎', residenceMunicipalityCode: '131016', participantType: 'urban_resident' })
      .expect(200);
  });
  afterAll(async () => {
    delete process.env.REGISTRATION_BASIC_CAP;
    delete process.env.PREMIUM_MIN_ACTIVITIES;
    delete process.env.PREMIUM_MAX_MUNICIPALITIES;
    await db.end();
    await api.close();
  });
  const http = () => request(api.app.getHttpServer());
  const auth = () => ({ authorization: `Bearer ${taro.accessToken}` });

  it('lets exactly REGISTRATION_BASIC_CAP of many concurrent registrations through', async () => {
    const codes = ['202134', '152048', '152056', '011002', '202011', '203840', '131041', '012025'];
    const results = await Promise.all(codes.map((municipalityCode) => http().post('/api/v1/me/registrations').set(auth()).send({ municipalityCode })));
    expect(results.filter((r) => r.status === 201).length).toBe(2);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(Array(6).fill([409, 'REGISTRATION_CAP_REACHED']));
    expect(refused[0].body.detail).toBe('ふるさと住民登録できる市区町村は2件までです。');
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM furusato_registrations WHERE user_id = $1 AND withdrawn_at IS NULL`, [taro.userId])).rows;
    expect(n).toBe(2);
    const list = await http().get('/api/v1/me/registrations').set(auth()).expect(200);
    expect(list.body.rules).toEqual({ basicCap: 2, premiumMinActivities: 1, premiumMaxMunicipalities: 1, windowMonths: 12 });
  });

  it('grants premium to at most PREMIUM_MAX_MUNICIPALITIES under concurrent requests, and renews on request', async () => {
    const active = (await db.query<{ municipality_code: string }>(`SELECT municipality_code FROM furusato_registrations WHERE user_id = $1 AND withdrawn_at IS NULL`, [taro.userId])).rows.map((r) => r.municipality_code);
    await api.app.get(ActivityLogService).recordVerifiedActivity({
      activityId: randomUUID(),
      applicationId: randomUUID(),
      participantId: taro.userId,
      projectId: randomUUID(),
      municipalityCodes: active,
      verifiedAt: new Date().toISOString(),
    });
    const results = await Promise.all(active.map((code) => http().post(`/api/v1/me/registrations/${code}/premium`).set(auth())));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('PREMIUM_LIMIT_REACHED');
    const premium = results.find((r) => r.status === 200)!.body.municipalityCode as string;
    const renewed = await http().post(`/api/v1/me/registrations/${premium}/premium`).set(auth()).expect(200);
    expect(renewed.body.tier).toBe('premium');
    const events = await db.query(`SELECT payload->>'renewal' AS renewal FROM outbox_events WHERE topic = 'participants.registration.premium_granted' AND payload->>'participantId' = $1 ORDER BY id`, [taro.userId]);
    expect(events.rows).toEqual([{ renewal: 'false' }, { renewal: 'true' }]);
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM furusato_registrations WHERE user_id = $1 AND tier = 'premium'`, [taro.userId])).rows;
    expect(n).toBe(1);
  });
});
