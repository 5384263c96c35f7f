import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import type { Client } from 'pg';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { OutboxRelayModule, OutboxRelayService, PlatformOutboxModule } from '@app/platform/outbox';
import { PlatformQueueModule, PlatformRedisModule } from '@app/platform/queue';
import type { Job } from 'bullmq';
import { ParticipationProcessor, ParticipationService, ParticipationWorkerModule } from '@app/participation';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser, type TestUser } from '../support/identity';
import { API, connectDb, createPublishedProject, participationCounts } from '../support/participation';
import { eventually } from '@app/platform/testing';

/** The worker side of participation on the api's database: relay + participation processor. */
@Module({
  imports: [
    PlatformConfigModule,
    PlatformDatabaseModule,
    PlatformRedisModule,
    PlatformQueueModule,
    PlatformOutboxModule,
    ParticipationWorkerModule,
    OutboxRelayModule.register(),
  ],
})
class ParticipationWorkerTestModule {}

// Scope (404 outside it), roles, bad input on every write endpoint (nothing written), and the
// reactions to the projects context's events.
describe('participation rules (e2e)', () => {
  let api: TestApi;
  let db: Client;
  let staffA: TestUser;
  let staffB: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  const http = () => request(api.app.getHttpServer());
  const A = '152048'; // 長岡市
  const B = '011002'; // 札幌市
  const as = (u: TestUser) => ({ authorization: `Bearer ${u.accessToken}` });

  beforeAll(async () => {
    api = await startTestApi();
    db = await connectDb(api);
    [staffA, staffB, alice, bob] = await Promise.all([
      createUser(api, { role: 'municipality_staff', municipalityCode: A }),
      createUser(api, { role: 'municipality_staff', municipalityCode: B }),
      createUser(api, { role: 'participant' }),
      createUser(api, { role: 'participant' }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  it('keeps staff of another municipality and other participants out (404), and participants from staff actions (403)', async () => {
    const project = await createPublishedProject(api, staffA.accessToken, { hostMunicipalityCode: A });
    const app = await http().post(`${API}/projects/${project.id}/applications`).set(as(alice)).send({}).expect(201);
    const id = app.body.id as string;

    const list = await http().get(`${API}/projects/${project.id}/applications`).set(as(staffB)).expect(404);
    expect(list.headers['content-type']).toContain('application/problem+json');
    await http().get(`${API}/applications/${id}`).set(as(staffB)).expect(404);
    await http().post(`${API}/applications/${id}/accept`).set(as(staffB)).expect(404);
    await http().post(`${API}/projects/${project.id}/check-in-codes`).set(as(staffB)).expect(404);
    await http().get(`${API}/applications/${id}`).set(as(bob)).expect(404);
    await http().post(`${API}/applications/${id}/withdraw`).set(as(bob)).expect(404);

    const forbidden = await http().post(`${API}/applications/${id}/accept`).set(as(alice)).expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    await http().post(`${API}/applications/${id}/withdraw`).set(as(staffA)).expect(403);
    await http().post(`${API}/projects/${project.id}/applications`).set(as(staffA)).send({}).expect(403);

    const state = await db.query(`SELECT state, version FROM applications WHERE id = $1`, [id]);
    expect(state.rows[0]).toEqual({ state: 'applied', version: 1 });
    await http().get(`${API}/applications/${id}`).set(as(staffA)).expect(200);
    await http().get(`${API}/applications/${id}`).set(as(alice)).expect(200);

    // Without consent, staff see no contact data and nothing is audit-logged.
    const seen = await http().get(`${API}/projects/${project.id}/applications`).set(as(staffA)).expect(200);
    expect(seen.body.items[0]).toMatchObject({ id, contactShared: false, contact: null });
    const audit = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'personal_data.read'`);
    expect(audit.rows[0].n).toBe(0);
  });

  it('refuses bad input on every write endpoint with problem details and writes nothing', async () => {
    const open = await createPublishedProject(api, staffA.accessToken, { hostMunicipalityCode: A });
    const closed = await createPublishedProject(api, staffA.accessToken, { hostMunicipalityCode: A });
    await http().post(`${API}/projects/${closed.id}/close`).set(as(staffA)).expect(200);
    const soon = await createPublishedProject(api, staffA.accessToken, { hostMunicipalityCode: A, deadlineInMs: 2_500 });
    const missing = '00000000-0000-4000-8000-000000000000';
    const before = await participationCounts(db);

    const cases: { name: string; req: () => request.Test; status: number; code: string }[] = [
      { name: 'oversize motivation', req: () => http().post(`${API}/projects/${open.id}/applications`).set(as(alice)).send({ motivation: 'あ'.repeat(2001) }), status: 400, code: 'VALIDATION_FAILED' },
      { name: 'motivation not a string', req: () => http().post(`${API}/projects/${open.id}/applications`).set(as(alice)).send({ motivation: 42 }), status: 400, code: 'VALIDATION_FAILED' },
      { name: 'unknown field', req: () => http().post(`${API}/projects/${open.id}/applications`).set(as(alice)).send({ state: 'accepted' }), status: 400, code: 'VALIDATION_FAILED' },
      { name: 'project id not a uuid', req: () => http().post(`${API}/projects/abc/applications`).set(as(alice)).send({}), status: 400, code: 'VALIDATION_FAILED' },
      { name: 'unknown project', req: () => http().post(`${API}/projects/${missing}/applications`).set(as(alice)).send({}), status: 404, code: 'APPLICATION_PROJECT_NOT_FOUND' },
      { name: 'closed project', req: () => http().post(`${API}/projects/${closed.id}/applications`).set(as(alice)).send({}), status: 409, code: 'PROJECT_NOT_ACCEPTING_APPLICATIONS' },
      { name: 'bad idempotency key', req: () => http().post(`${API}/projects/${open.id}/applications`).set(as(alice)).set('idempotency-key', 'ä'.repeat(3)).send({}), status: 400, code: 'IDEMPOTENCY_KEY_INVALID' },
      { name: 'accept unknown application', req: () => http().post(`${API}/applications/${missing}/accept`).set(as(staffA)), status: 404, code: 'APPLICATION_NOT_FOUND' },
      { name: 'accept bad id', req: () => http().post(`${API}/applications/nope/accept`).set(as(staffA)), status: 400, code: 'VALIDATION_FAILED' },
      { name: 'withdraw unknown application', req: () => http().post(`${API}/applications/${missing}/withdraw`).set(as(alice)), status: 404, code: 'APPLICATION_NOT_FOUND' },
      { name: 'check-in without code', req: () => http().post(`${API}/projects/${open.id}/check-in`).set(as(alice)).send({}), status: 400, code: 'VALIDATION_FAILED' },
      { name: 'check-in without application', req: () => http().post(`${API}/projects/${open.id}/check-in`).set(as(alice)).send({ code: '123456' }), status: 404, code: 'APPLICATION_NOT_FOUND' },
      { name: 'check-in code for unknown project', req: () => http().post(`${API}/projects/${missing}/check-in-codes`).set(as(staffA)), status: 404, code: 'PROJECT_NOT_FOUND' },
      { name: 'check-in code with a malformed project id', req: () => http().post(`${API}/projects/x/check-in-codes`).set(as(staffA)), status: 400, code: 'VALIDATION_FAILED' },
    ];
    for (const c of cases) {
      const res = await c.req();
      expect({ name: c.name, status: res.status, code: res.body.code }).toEqual({ name: c.name, status: c.status, code: c.code });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(typeof res.body.detail).toBe('string');
    }

    // Past the deadline.
    await new Promise((r) => setTimeout(r, 2_600));
    const late = await http().post(`${API}/projects/${soon.id}/applications`).set(as(alice)).send({}).expect(409);
    expect(late.body.code).toBe('APPLICATION_DEADLINE_PASSED');
    expect(late.body.detail).toContain('応募締切');

    expect(await participationCounts(db)).toEqual(before);
  });

  it('names the current state in Japanese on an illegal transition, and changes nothing', async () => {
    const project = await createPublishedProject(api, staffA.accessToken, { hostMunicipalityCode: A });
    const app = await http().post(`${API}/projects/${project.id}/applications`).set(as(bob)).send({}).expect(201);
    await http().post(`${API}/applications/${app.body.id}/reject`).set(as(staffA)).expect(200);
    const before = await participationCounts(db);
    const res = await http().post(`${API}/applications/${app.body.id}/attended`).set(as(staffA)).expect(409);
    expect(res.body.code).toBe('ILLEGAL_APPLICATION_TRANSITION');
    expect(res.body.detail).toContain('不採用');
    await http().post(`${API}/applications/${app.body.id}/withdraw`).set(as(bob)).expect(409);
    expect(await participationCounts(db)).toEqual(before);
  });

  it('rate-limits wrong check-in codes (422 ×5, then 429)', async () => {
    const project = await createPublishedProject(api, staffA.accessToken, { hostMunicipalityCode: A });
    const app = await http().post(`${API}/projects/${project.id}/applications`).set(as(bob)).send({}).expect(201);
    await http().post(`${API}/applications/${app.body.id}/accept`).set(as(staffA)).expect(200);
    const { body } = await http().post(`${API}/projects/${project.id}/check-in-codes`).set(as(staffA)).expect(201);
    const wrong = body.code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++) {
      await http().post(`${API}/projects/${project.id}/check-in`).set(as(bob)).send({ code: wrong }).expect(422);
    }
    const limited = await http().post(`${API}/projects/${project.id}/check-in`).set(as(bob)).send({ code: body.code }).expect(429);
    expect(limited.body.code).toBe('CHECK_IN_TOO_MANY_ATTEMPTS');
    const rows = await db.query(`SELECT count(*)::int AS n FROM activities WHERE application_id = $1`, [app.body.id]);
    expect(rows.rows[0].n).toBe(0);
  });

  it('withdraws every open application of a deleted account and gives its seat to the waitlist (facade)', async () => {
    const carol = await createUser(api, { role: 'participant' });
    const full = await createPublishedProject(api, staffA.accessToken, { hostMunicipalityCode: A, capacity: 1 });
    const other = await createPublishedProject(api, staffA.accessToken, { hostMunicipalityCode: A });
    const mine = await http().post(`${API}/projects/${full.id}/applications`).set(as(carol)).send({}).expect(201);
    const waiting = await http().post(`${API}/projects/${full.id}/applications`).set(as(alice)).send({}).expect(201);
    await http().post(`${API}/projects/${other.id}/applications`).set(as(carol)).send({}).expect(201);
    await http().post(`${API}/applications/${mine.body.id}/accept`).set(as(staffA)).expect(200);
    await http().post(`${API}/applications/${waiting.body.id}/waitlist`).set(as(staffA)).expect(200);

    const withdrawn = await api.app.get(ParticipationService).withdrawAllOpenApplications(carol.userId);
    expect(withdrawn).toBe(2);
    const rows = await db.query(`SELECT state FROM applications WHERE participant_id = $1`, [carol.userId]);
    expect(rows.rows.map((r: { state: string }) => r.state)).toEqual(['withdrawn', 'withdrawn']);
    const offered = await db.query(`SELECT state FROM applications WHERE id = $1`, [waiting.body.id]);
    expect(offered.rows[0].state).toBe('accepted');
    expect(await api.app.get(ParticipationService).withdrawAllOpenApplications(carol.userId)).toBe(0);
  });

  describe('reactions to project events (worker)', () => {
    let worker: INestApplicationContext;
    beforeAll(async () => {
      process.env.OUTBOX_RELAY = 'off'; // relayed by hand
      worker = await NestFactory.createApplicationContext(ParticipationWorkerTestModule, { logger: false });
      await worker.init();
    });
    afterAll(async () => {
      await worker?.close();
      delete process.env.OUTBOX_RELAY;
    });

    it('cancels every open application when the project is cancelled, once', async () => {
      const project = await createPublishedProject(api, staffA.accessToken, { hostMunicipalityCode: A, capacity: 1 });
      const a = await http().post(`${API}/projects/${project.id}/applications`).set(as(alice)).send({}).expect(201);
      const b = await http().post(`${API}/projects/${project.id}/applications`).set(as(bob)).send({}).expect(201);
      await http().post(`${API}/applications/${a.body.id}/accept`).set(as(staffA)).expect(200);
      await http().post(`${API}/applications/${b.body.id}/waitlist`).set(as(staffA)).expect(200);
      await http().post(`${API}/projects/${project.id}/cancel`).set(as(staffA)).send({ reason: '台風のため中止' }).expect(200);

      await worker.get(OutboxRelayService).relayOnce();
      const states = await eventually(async () => {
        const r = await db.query(`SELECT state FROM applications WHERE project_id = $1 ORDER BY state`, [project.id]);
        return r.rows.every((x: { state: string }) => x.state === 'cancelled') && r.rows;
      });
      expect(states).toHaveLength(2);
      const events = await db.query(
        `SELECT payload->>'previousState' AS prev FROM outbox_events WHERE topic = 'participation.application.cancelled' AND payload->>'projectId' = $1 ORDER BY 1`,
        [project.id],
      );
      expect(events.rows.map((r: { prev: string }) => r.prev)).toEqual(['accepted', 'waitlisted']);
      const seats = await db.query(`SELECT accepted_count FROM project_seats WHERE project_id = $1`, [project.id]);
      expect(seats.rows[0].accepted_count).toBe(0);

      // A redelivered job finds nothing left to do and publishes nothing.
      const replay = await worker
        .get(ParticipationProcessor)
        .process({ name: 'participation.project-cancelled', data: { eventId: '0', topic: 'projects.project.cancelled', payload: { projectId: project.id }, occurredAt: new Date().toISOString() } } as Job);
      expect(replay).toEqual({ cancelled: 0 });
      const after = await db.query(
        `SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'participation.application.cancelled' AND payload->>'projectId' = $1`,
        [project.id],
      );
      expect(after.rows[0].n).toBe(2);
    });

    it('leaves no open application behind when a cancellation races with applies in flight', async () => {
      const racers = await Promise.all(Array.from({ length: 12 }, () => createUser(api, { role: 'participant' })));
      const sweep = worker.get(ParticipationProcessor);
      for (let round = 0; round < 6; round++) {
        const project = await createPublishedProject(api, staffA.accessToken, { hostMunicipalityCode: A, capacity: 20 });
        const cancelThenSweep = (async () => {
          await new Promise((r) => setTimeout(r, round * 2));
          await http().post(`${API}/projects/${project.id}/cancel`).set(as(staffA)).send({ reason: '中止' }).expect(200);
          // The sweep right away, as a fast relay would, while applies may still be in flight.
          return sweep.process({
            name: 'participation.project-cancelled',
            data: { eventId: '0', topic: 'projects.project.cancelled', payload: { projectId: project.id }, occurredAt: new Date().toISOString() },
          } as Job);
        })();
        const answers = await Promise.all(racers.map((p) => http().post(`${API}/projects/${project.id}/applications`).set(as(p)).send({})));
        await cancelThenSweep;
        for (const r of answers) {
          expect(r.status === 201 || (r.status === 409 && r.body.code === 'PROJECT_NOT_ACCEPTING_APPLICATIONS')).toBe(true);
        }
        const open = await db.query(
          `SELECT count(*)::int AS n FROM applications WHERE project_id = $1 AND state IN ('applied', 'accepted', 'waitlisted')`,
          [project.id],
        );
        expect(open.rows[0].n).toBe(0);
      }
    }, 60_000);

    it('makes the cancellation sweep wait for an apply still in flight (held open after its status check)', async () => {
      // A trigger holds the apply's transaction open for 1.5 s after it has checked the project's
      // status (its outbox insert comes after the check): the cancel commits and the sweep starts
      // meanwhile. The sweep must wait for the apply and then cancel it too.
      await db.query(`CREATE FUNCTION test_slow_apply() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.topic = 'participation.application.applied' THEN PERFORM pg_sleep(1.5); END IF; RETURN NEW; END $$`);
      await db.query(`CREATE TRIGGER test_slow_apply AFTER INSERT ON outbox_events FOR EACH ROW EXECUTE FUNCTION test_slow_apply()`);
      try {
        const carol = await createUser(api, { role: 'participant' });
        const project = await createPublishedProject(api, staffA.accessToken, { hostMunicipalityCode: A, capacity: 5 });
        const inFlight = http().post(`${API}/projects/${project.id}/applications`).set(as(carol)).send({}).then((r) => r);
        await new Promise((r) => setTimeout(r, 500));
        await http().post(`${API}/projects/${project.id}/cancel`).set(as(staffA)).send({ reason: '中止' }).expect(200);
        const swept = await worker.get(ParticipationProcessor).process({
          name: 'participation.project-cancelled',
          data: { eventId: '0', topic: 'projects.project.cancelled', payload: { projectId: project.id }, occurredAt: new Date().toISOString() },
        } as Job);
        expect((await inFlight).status).toBe(201);
        expect(swept).toEqual({ cancelled: 1 });
        const states = await db.query(`SELECT state FROM applications WHERE project_id = $1`, [project.id]);
        expect(states.rows).toEqual([{ state: 'cancelled' }]);
      } finally {
        await db.query('DROP TRIGGER test_slow_apply ON outbox_events');
        await db.query('DROP FUNCTION test_slow_apply()');
      }
    }, 30_000);

    it('on account deletion (identity.user.deleted) withdraws open applications, erases motivations, frees the seat', async () => {
      const dave = await createUser(api, { role: 'participant' });
      const project = await createPublishedProject(api, staffA.accessToken, { hostMunicipalityCode: A, capacity: 1 });
      const mine = await http()
        .post(`${API}/projects/${project.id}/applications`)
        .set(as(dave))
        .set('idempotency-key', 'dave-1')
        .send({ motivation: '個人的な事情を書きました' })
        .expect(201);
      const waiting = await http().post(`${API}/projects/${project.id}/applications`).set(as(bob)).send({}).expect(201);
      await http().post(`${API}/applications/${mine.body.id}/accept`).set(as(staffA)).expect(200);
      await http().post(`${API}/applications/${waiting.body.id}/waitlist`).set(as(staffA)).expect(200);

      await http().delete(`${API}/me`).set(as(dave)).send({ password: dave.password }).expect(204);
      await worker.get(OutboxRelayService).relayOnce();
      const row = await eventually(async () => {
        const r = await db.query(`SELECT state, motivation FROM applications WHERE id = $1`, [mine.body.id]);
        return r.rows[0].state === 'withdrawn' && r.rows[0].motivation === null && r.rows[0];
      });
      expect(row).toEqual({ state: 'withdrawn', motivation: null });
      await eventually(async () => {
        const r = await db.query(`SELECT state FROM applications WHERE id = $1`, [waiting.body.id]);
        return r.rows[0].state === 'accepted';
      });
      const keys = await db.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE participant_id = $1`, [dave.userId]);
      expect(keys.rows[0].n).toBe(0);
    });

    it('purges Idempotency-Key records older than 24 hours and keeps live ones', async () => {
      await db.query(
        `INSERT INTO idempotency_keys (participant_id, key, request_hash, response_status, response_body, created_at) VALUES
           ($1, 'old-key', repeat('a', 64), 201, '{}'::jsonb, now() - interval '25 hours'),
           ($1, 'live-key', repeat('b', 64), 201, '{}'::jsonb, now() - interval '1 hour')`,
        [alice.userId],
      );
      const result = await worker.get(ParticipationProcessor).process({ name: 'participation.purge-idempotency-keys', data: {} } as Job);
      expect(result).toEqual({ purged: 1 });
      const left = await db.query(`SELECT key FROM idempotency_keys WHERE participant_id = $1 ORDER BY key`, [alice.userId]);
      expect(left.rows.map((r: { key: string }) => r.key)).toEqual(['live-key']);
    });

    it('offers seats to the waitlist when the capacity grows', async () => {
      const project = await createPublishedProject(api, staffA.accessToken, { hostMunicipalityCode: A, capacity: 1 });
      const a = await http().post(`${API}/projects/${project.id}/applications`).set(as(alice)).send({}).expect(201);
      const b = await http().post(`${API}/projects/${project.id}/applications`).set(as(bob)).send({}).expect(201);
      await http().post(`${API}/applications/${a.body.id}/accept`).set(as(staffA)).expect(200);
      await http().post(`${API}/applications/${b.body.id}/waitlist`).set(as(staffA)).expect(200);
      await http().patch(`${API}/projects/${project.id}`).set(as(staffA)).send({ capacity: 2 }).expect(200);

      await worker.get(OutboxRelayService).relayOnce();
      await eventually(async () => {
        const r = await db.query(`SELECT state FROM applications WHERE id = $1`, [b.body.id]);
        return r.rows[0].state === 'accepted';
      });
      const seats = await db.query(`SELECT capacity, accepted_count FROM project_seats WHERE project_id = $1`, [project.id]);
      expect(seats.rows[0]).toEqual({ capacity: 2, accepted_count: 2 });
    });
  });
});
