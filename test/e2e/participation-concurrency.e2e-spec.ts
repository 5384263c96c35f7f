import request from 'supertest';
import type { Client } from 'pg';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser, type TestUser } from '../support/identity';
import { API, connectDb, createPublishedProject } from '../support/participation';

// Capacity is never exceeded under concurrent accepts (project_seats conditional UPDATE + CHECK),
// and duplicate concurrent applies with one Idempotency-Key create one application.
describe('participation concurrency (e2e)', () => {
  let api: TestApi;
  let db: Client;
  let staff: TestUser;
  const participants: TestUser[] = [];
  const http = () => request(api.app.getHttpServer());
  const HOST = '152048';
  const N = 50;
  const ROUNDS = Number(process.env.PARTICIPATION_ROUNDS ?? 20);

  beforeAll(async () => {
    // 50 logins from one address: lift the per-IP login limit for this file only.
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_IP: '10000' });
    db = await connectDb(api);
    staff = await createUser(api, { role: 'municipality_staff', municipalityCode: HOST });
    // Users are created once (argon2 is slow), ten at a time.
    for (let i = 0; i < N; i += 10) {
      participants.push(...(await Promise.all(Array.from({ length: 10 }, () => createUser(api, { role: 'participant' })))));
    }
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  it(`capacity 1, ${N} applicants accepted concurrently: exactly one accepted, ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const project = await createPublishedProject(api, staff.accessToken, { hostMunicipalityCode: HOST, capacity: 1 });
      const applied = await Promise.all(
        participants.map((p) =>
          http().post(`${API}/projects/${project.id}/applications`).set('authorization', `Bearer ${p.accessToken}`).send({}),
        ),
      );
      expect(applied.map((r) => r.status)).toEqual(Array(N).fill(201));
      const accepts = await Promise.all(
        applied.map((r) =>
          http().post(`${API}/applications/${r.body.id}/accept`).set('authorization', `Bearer ${staff.accessToken}`),
        ),
      );
      const statuses = accepts.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(N - 1);
      expect(new Set(accepts.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['CAPACITY_REACHED']));

      const { rows } = await db.query(
        `SELECT (SELECT count(*)::int FROM applications WHERE project_id = $1 AND state = 'accepted') AS accepted,
                (SELECT count(*)::int FROM applications WHERE project_id = $1 AND state = 'applied') AS applied,
                (SELECT accepted_count FROM project_seats WHERE project_id = $1) AS seats`,
        [project.id],
      );
      expect(rows[0]).toEqual({ accepted: 1, applied: N - 1, seats: 1 });
    }
  }, 180_000);

  it('the refused applicants can be waitlisted, and a freed seat goes to the first of them', async () => {
    const project = await createPublishedProject(api, staff.accessToken, { hostMunicipalityCode: HOST, capacity: 1 });
    const [a, b, c] = participants;
    const apply = (p: TestUser) =>
      http().post(`${API}/projects/${project.id}/applications`).set('authorization', `Bearer ${p.accessToken}`).send({}).expect(201);
    const [appA, appB, appC] = [(await apply(a)).body.id, (await apply(b)).body.id, (await apply(c)).body.id];
    const staffPost = (path: string) => http().post(`${API}${path}`).set('authorization', `Bearer ${staff.accessToken}`);
    await staffPost(`/applications/${appA}/accept`).expect(200);
    await staffPost(`/applications/${appB}/waitlist`).expect(200);
    await staffPost(`/applications/${appC}/waitlist`).expect(200);
    const full = await staffPost(`/applications/${appB}/accept`).expect(409);
    expect(full.body.code).toBe('CAPACITY_REACHED');

    // A withdraws: B (first waitlisted) is accepted automatically, C keeps waiting.
    await http().post(`${API}/applications/${appA}/withdraw`).set('authorization', `Bearer ${a.accessToken}`).expect(200);
    const states = await db.query(`SELECT id, state FROM applications WHERE project_id = $1`, [project.id]);
    const byId = Object.fromEntries(states.rows.map((r: { id: string; state: string }) => [r.id, r.state]));
    expect(byId).toEqual({ [appA]: 'withdrawn', [appB]: 'accepted', [appC]: 'waitlisted' });
    const offer = await db.query(
      `SELECT payload FROM outbox_events WHERE topic = 'participation.application.accepted' AND payload->>'applicationId' = $1`,
      [appB],
    );
    expect(offer.rows[0].payload).toMatchObject({ previousState: 'waitlisted', actorKind: 'system' });

    // B is a no-show: the seat goes to C.
    await staffPost(`/applications/${appB}/no-show`).expect(200);
    const c2 = await http().get(`${API}/applications/${appC}`).set('authorization', `Bearer ${c.accessToken}`).expect(200);
    expect(c2.body.state).toBe('accepted');
    const seats = await db.query(`SELECT capacity, accepted_count FROM project_seats WHERE project_id = $1`, [project.id]);
    expect(seats.rows[0]).toEqual({ capacity: 1, accepted_count: 1 });
  });

  it('duplicate concurrent applies with one Idempotency-Key create one application and answer alike', async () => {
    const project = await createPublishedProject(api, staff.accessToken, { hostMunicipalityCode: HOST, capacity: 3 });
    const p = participants[3];
    const key = `dup-${Date.now()}`;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        http()
          .post(`${API}/projects/${project.id}/applications`)
          .set('authorization', `Bearer ${p.accessToken}`)
          .set('idempotency-key', key)
          .send({ motivation: '同じ内容' }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const bodies = new Set(responses.map((r) => JSON.stringify(r.body)));
    expect(bodies.size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    const rows = await db.query(`SELECT id FROM applications WHERE project_id = $1`, [project.id]);
    expect(rows.rows).toEqual([{ id: responses[0].body.id }]);
    const events = await db.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'participation.application.applied' AND payload->>'projectId' = $1`,
      [project.id],
    );
    expect(events.rows[0].n).toBe(1);

    // Same key, different body: 422. No key: the one-application rule answers 409.
    const reused = await http()
      .post(`${API}/projects/${project.id}/applications`)
      .set('authorization', `Bearer ${p.accessToken}`)
      .set('idempotency-key', key)
      .send({ motivation: '別の内容' })
      .expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const again = await http()
      .post(`${API}/projects/${project.id}/applications`)
      .set('authorization', `Bearer ${p.accessToken}`)
      .send({ motivation: '同じ内容' })
      .expect(409);
    expect(again.body.code).toBe('ALREADY_APPLIED');
  });
});
