import request from 'supertest';
import type { Client } from 'pg';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser, type TestUser } from '../support/identity';
import { API, connectDb } from '../support/participation';

interface Candidate { candidateId: string; pseudonym: string; skills: string[]; reasons: { code: string; ja: string; subject?: string }[] }

// Scouting over the real api: only consenting participants, pseudonymous until they accept,
// one invitation per person and project, a per-project daily cap that holds under concurrency.
describe('matching: scouting (e2e)', () => {
  let api: TestApi;
  let db: Client;
  let staff: TestUser;
  let otherStaff: TestUser;
  const people: Record<string, TestUser> = {};
  const http = () => request(api.app.getHttpServer());
  const as = (u: TestUser) => ({ authorization: `Bearer ${u.accessToken}` });
  const HOST = '152048';
  const NAMES = ['taro', 'jiro', 'saburo', 'shiro', 'goro', 'rokuro'];

  async function project(): Promise<string> {
    const deadline = new Date(Date.now() + 5 * 86_400_000);
    const startsAt = new Date(deadline.getTime() + 86_400_000);
    const created = await http()
      .post(`${API}/projects`)
      .set(as(staff))
      .send({
        title: `サイト制作 ${Math.random().toString(36).slice(2, 8)}`, description: '町のサイトを作ります。', hostMunicipalityCode: HOST,
        coHostMunicipalityCodes: [], category: 'ai_digital', tags: ['DX'], requiredSkills: ['スカウト用Web'], mode: 'hybrid',
        startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 8 * 3_600_000).toISOString(),
        applicationDeadline: deadline.toISOString(), capacity: 5, compensation: 'volunteer',
      });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    await http().post(`${API}/projects/${created.body.id}/publish`).set(as(staff)).expect(200);
    return created.body.id as string;
  }

  async function candidates(projectId: string, u = staff): Promise<Candidate[]> {
    const res = await http().get(`${API}/projects/${projectId}/candidates?limit=50`).set(as(u));
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body.items as Candidate[];
  }
  const whose = (cs: Candidate[], name: string) => cs.find((c) => c.skills.includes(`marker-${name}`));

  beforeAll(async () => {
    api = await startTestApi({ SCOUT_INVITATIONS_PER_PROJECT_PER_DAY: '2' });
    db = await connectDb(api);
    staff = await createUser(api, { role: 'municipality_staff', municipalityCode: HOST });
    otherStaff = await createUser(api, { role: 'municipality_staff', municipalityCode: '011002' });
    for (const name of NAMES) {
      const u = await createUser(api, { role: 'participant' });
      people[name] = u;
      await http().put(`${API}/me/profile`).set(as(u)).send({
        displayName: `スカウト ${name}`, residenceMunicipalityCode: '131041', hometownMunicipalityCode: '152056', interestRegionCodes: ['15'],
        skills: ['スカウト用Web', `marker-${name}`], interests: ['ai_digital'], modes: ['remote'], availability: ['weekends'], participantType: 'remote_worker',
      }).expect(200);
      // jiro never consents; everyone else does.
      if (name !== 'jiro') await http().put(`${API}/me/consents/be_scouted`).set(as(u)).send({ granted: true }).expect(200);
    }
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  it('lists only consenting participants, pseudonymously, with reasons; other staff get 404', async () => {
    const p = await project();
    const cs = await candidates(p);
    for (const name of NAMES.filter((n) => n !== 'jiro')) expect(whose(cs, name)).toBeDefined();
    expect(whose(cs, 'jiro')).toBeUndefined();
    const body = JSON.stringify(cs);
    for (const name of NAMES) {
      expect(body).not.toContain(people[name].userId);
      expect(body).not.toContain(`スカウト ${name}`);
      expect(body).not.toContain(people[name].email);
    }
    const taro = whose(cs, 'taro')!;
    expect(taro.pseudonym).toMatch(/^候補者-[0-9A-F]{6}$/);
    expect(taro.reasons.map((r) => r.ja)).toEqual(expect.arrayContaining(['スキル一致：スカウト用Web', '出身地の近く', 'リモート参加可']));
    expect((await http().get(`${API}/projects/${p}/candidates`).set(as(otherStaff))).status).toBe(404);
    expect((await http().get(`${API}/projects/${p}/candidates`).set(as(people.taro))).status).toBe(403);

    // A consent withdrawn takes the person out of the list.
    await http().put(`${API}/me/consents/be_scouted`).set(as(people.rokuro)).send({ granted: false }).expect(200);
    expect(whose(await candidates(p), 'rokuro')).toBeUndefined();
    await http().put(`${API}/me/consents/be_scouted`).set(as(people.rokuro)).send({ granted: true }).expect(200);
  });

  it('invites (once per person, capped per project), reveals identity only after acceptance', async () => {
    const p = await project();
    const other = await project();
    const cs = await candidates(p);
    const invite = (projectId: string, candidateId: string, u = staff) =>
      http().post(`${API}/projects/${projectId}/invitations`).set(as(u)).send({ candidateId, message: 'ぜひ一緒に' });

    expect((await invite(p, 'not-a-token')).status).toBe(404);
    expect((await invite(other, whose(cs, 'taro')!.candidateId)).status).toBe(404); // sealed for another project
    expect((await invite(p, whose(cs, 'taro')!.candidateId, otherStaff)).status).toBe(404);

    const t = await invite(p, whose(cs, 'taro')!.candidateId);
    expect(t.status).toBe(201);
    expect(t.body).toMatchObject({ status: 'pending', participant: null, pseudonym: whose(cs, 'taro')!.pseudonym });
    expect((await invite(p, whose(cs, 'taro')!.candidateId)).body.code).toBe('SCOUT_ALREADY_INVITED');
    expect((await invite(p, whose(cs, 'saburo')!.candidateId)).status).toBe(201);
    const third = await invite(p, whose(cs, 'shiro')!.candidateId);
    expect({ status: third.status, code: third.body.code }).toEqual({ status: 429, code: 'SCOUT_RATE_LIMITED' });
    // Invited people leave the candidate list.
    const after = await candidates(p);
    expect(whose(after, 'taro')).toBeUndefined();
    expect(whose(after, 'shiro')).toBeDefined();

    const staffList = async () => (await http().get(`${API}/projects/${p}/invitations`).set(as(staff)).expect(200)).body.items as { pseudonym: string; status: string; participant: { userId: string; displayName: string } | null }[];
    const before = JSON.stringify(await staffList());
    expect(before).not.toContain(people.taro.userId);
    expect(before).not.toContain('スカウト taro');
    expect(before).not.toContain(people.taro.email);
    expect(JSON.stringify(t.body)).not.toContain(people.taro.userId);

    const mine = (await http().get(`${API}/me/invitations`).set(as(people.taro)).expect(200)).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ projectId: p, status: 'pending', message: 'ぜひ一緒に' });
    expect(mine[0].projectTitle).toMatch(/^サイト制作/);
    expect((await http().post(`${API}/me/invitations/${mine[0].id}/accept`).set(as(people.jiro))).status).toBe(404); // not his
    expect((await http().post(`${API}/me/invitations/${mine[0].id}/accept`).set(as(people.taro))).body.status).toBe('accepted');
    expect((await http().post(`${API}/me/invitations/${mine[0].id}/decline`).set(as(people.taro))).body.code).toBe('SCOUT_INVITATION_ALREADY_ANSWERED');
    const saburos = (await http().get(`${API}/me/invitations`).set(as(people.saburo)).expect(200)).body.items;
    await http().post(`${API}/me/invitations/${saburos[0].id}/decline`).set(as(people.saburo)).expect(200);

    const list = await staffList();
    const accepted = list.find((i) => i.status === 'accepted')!;
    expect(accepted.participant).toEqual({ userId: people.taro.userId, displayName: 'スカウト taro' });
    expect(list.find((i) => i.status === 'declined')!.participant).toBeNull();
    expect(JSON.stringify(list)).not.toContain(people.saburo.userId);
    expect(JSON.stringify(list)).not.toContain('スカウト saburo');
    // Acceptance reveals the person to the project's own staff only: others still get 404.
    expect((await http().get(`${API}/projects/${p}/invitations`).set(as(otherStaff))).status).toBe(404);
    // The other project's staff view (same staff, different project) never shows taro: he was invited to p only.
    const otherList = (await http().get(`${API}/projects/${other}/invitations`).set(as(staff)).expect(200)).body.items;
    expect(JSON.stringify(otherList)).not.toContain(people.taro.userId);

    const events = await db.query(`SELECT payload FROM outbox_events WHERE topic = 'matching.invitation.created' AND payload->>'projectId' = $1`, [p]);
    expect(events.rows.map((r) => r.payload.participantId).sort()).toEqual([people.taro.userId, people.saburo.userId].sort());
    const audit = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'matching.scouted_participants.viewed' AND target_id = $1`, [p]);
    expect(audit.rows[0].n).toBeGreaterThan(0);
  });

  it('the per-project cap holds under concurrent invitations', async () => {
    for (let round = 0; round < 3; round++) {
      const p = await project();
      const cs = await candidates(p);
      expect(cs.length).toBeGreaterThanOrEqual(5);
      const results = await Promise.all(cs.map((c) => http().post(`${API}/projects/${p}/invitations`).set(as(staff)).send({ candidateId: c.candidateId })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(2);
      expect(results.filter((r) => r.status === 429)).toHaveLength(cs.length - 2);
      const { rows } = await db.query('SELECT count(*)::int AS n FROM scout_invitations WHERE project_id = $1', [p]);
      expect(rows[0].n).toBe(2);
    }
  });
});
