import request from 'supertest';
import type { Client } from 'pg';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser, type TestUser } from '../support/identity';
import { API, connectDb, createPublishedProject } from '../support/participation';

// The whole story of issue 4 over HTTP: staff created by an admin → project published →
// participant signs up, fills the profile, finds the project by a Japanese substring, applies →
// staff accepts → staff issues the day's code → participant checks in → the activity is verified.
describe('participation story (e2e)', () => {
  let api: TestApi;
  let db: Client;
  const http = () => request(api.app.getHttpServer());
  const HOST = '152048'; // 新潟県 長岡市
  const CO_HOST = '152056'; // 新潟県 三条市

  beforeAll(async () => {
    api = await startTestApi();
    db = await connectDb(api);
  });
  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  it('runs from staff account to verified activity', async () => {
    const staff: TestUser = await createUser(api, { role: 'municipality_staff', municipalityCode: HOST });
    const title = `有機農業体験と収穫祭の運営ボランティア ${Date.now()}`;
    const project = await createPublishedProject(api, staff.accessToken, {
      title,
      hostMunicipalityCode: HOST,
      coHostMunicipalityCodes: [CO_HOST],
      capacity: 5,
    });

    // A participant signs up and logs in.
    const email = `story-${Date.now()}@example.jp`;
    const password = 'ながおか-収穫祭-2026-pass';
    await http().post(`${API}/auth/register`).send({ email, password, displayName: '関わり 花子' }).expect((r) => {
      expect([200, 201, 202]).toContain(r.status);
    });
    const login = await http().post(`${API}/auth/login`).send({ email, password }).expect(200);
    const token = login.body.accessToken as string;
    const auth = { authorization: `Bearer ${token}` };

    await http()
      .put(`${API}/me/profile`)
      .set(auth)
      .send({ displayName: '関わり 花子', residenceMunicipalityCode: '131016', skills: ['写真撮影'], participantType: 'urban_resident' })
      .expect(200);
    await http()
      .put(`${API}/me/consents/share_contact_with_hosts`)
      .set(auth)
      .send({ granted: true, municipalityCode: HOST })
      .expect(200);

    // Finds it by a Japanese substring of the title.
    const found = await http().get(`${API}/projects`).query({ q: '農業体験' }).expect(200);
    expect(found.body.items.map((p: { id: string }) => p.id)).toContain(project.id);

    const applied = await http()
      .post(`${API}/projects/${project.id}/applications`)
      .set(auth)
      .set('idempotency-key', `story-${Date.now()}`)
      .send({ motivation: '祖父母の住む長岡で有機農業を学びたいです。' })
      .expect(201);
    expect(applied.body).toMatchObject({ projectId: project.id, state: 'applied', version: 1 });
    const applicationId = applied.body.id as string;

    const mine = await http().get(`${API}/me/applications`).set(auth).expect(200);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([applicationId]);

    // Staff see the applicant, with contact data (consented for the host) — and the read is audited.
    const staffAuth = { authorization: `Bearer ${staff.accessToken}` };
    const list = await http().get(`${API}/projects/${project.id}/applications`).set(staffAuth).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: applicationId, contactShared: true, contact: { email } });
    const audit = await db.query(`SELECT actor_id, target_id FROM audit_log WHERE action = 'personal_data.read'`);
    expect(audit.rows).toEqual([expect.objectContaining({ actor_id: staff.userId })]);

    const accepted = await http().post(`${API}/applications/${applicationId}/accept`).set(staffAuth);
    if (accepted.status !== 200) throw new Error(JSON.stringify(accepted.body));
    expect(accepted.body).toMatchObject({ state: 'accepted', version: 2 });

    const issued = await http().post(`${API}/projects/${project.id}/check-in-codes`).set(staffAuth).expect(201);
    expect(issued.body.code).toMatch(/^\d{6}$/);
    const stored = await db.query(`SELECT code_hash FROM check_in_codes WHERE project_id = $1`, [project.id]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].code_hash).not.toContain(issued.body.code);

    const wrong = issued.body.code === '000000' ? '000001' : '000000';
    const bad = await http().post(`${API}/projects/${project.id}/check-in`).set(auth).send({ code: wrong }).expect(422);
    expect(bad.body.code).toBe('CHECK_IN_CODE_INVALID');

    const checkedIn = await http().post(`${API}/projects/${project.id}/check-in`).set(auth).send({ code: issued.body.code }).expect(200);
    expect(checkedIn.body.application).toMatchObject({ id: applicationId, state: 'attended' });
    expect(checkedIn.body.activity).toMatchObject({ applicationId, municipalityCodes: [HOST, CO_HOST], verifiedBy: 'check_in_code' });

    // A replayed check-in (and a staff "attended") change nothing.
    await http().post(`${API}/projects/${project.id}/check-in`).set(auth).send({ code: issued.body.code }).expect(200);
    await http().post(`${API}/applications/${applicationId}/attended`).set(staffAuth).expect(200);

    const activities = await db.query(`SELECT id, participant_id, municipality_codes, verified_by FROM activities WHERE application_id = $1`, [applicationId]);
    expect(activities.rows).toHaveLength(1);
    expect(activities.rows[0]).toMatchObject({ municipality_codes: [HOST, CO_HOST], verified_by: 'check_in_code' });

    const events = await db.query(`SELECT dedupe_key, payload FROM outbox_events WHERE topic = 'participation.activity.verified'`);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].dedupe_key).toBe(activities.rows[0].id);
    expect(events.rows[0].payload).toMatchObject({
      activityId: activities.rows[0].id,
      applicationId,
      participantId: activities.rows[0].participant_id,
      projectId: project.id,
      municipalityCodes: [HOST, CO_HOST],
      category: 'people_flow', // the project's category, for the statistics by category
    });
    expect(Date.parse(events.rows[0].payload.verifiedAt)).not.toBeNaN();

    const stateEvents = await db.query(
      `SELECT topic, payload FROM outbox_events WHERE topic LIKE 'participation.application.%' ORDER BY id`,
    );
    expect(stateEvents.rows.map((r: { topic: string }) => r.topic)).toEqual([
      'participation.application.applied',
      'participation.application.accepted',
      'participation.application.attended',
    ]);
    expect(stateEvents.rows[2].payload).toMatchObject({ applicationId, projectId: project.id, state: 'attended', previousState: 'accepted' });
  });
});
