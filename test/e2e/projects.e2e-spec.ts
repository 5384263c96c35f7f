import { Client } from 'pg';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser, type TestUser } from '../support/identity';

const DAY = 24 * 3600 * 1000;
const future = (days: number) => new Date(Date.now() + days * DAY).toISOString();

function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '有機農業体験と収穫祭の運営',
    description: '飯山市の有機農家と一緒に、田植えから収穫祭の運営までを体験します。',
    hostMunicipalityCode: '202134',
    category: 'living_environment',
    tags: ['農業', '観光'],
    requiredSkills: ['草刈り'],
    mode: 'onsite',
    startsAt: future(30),
    endsAt: future(31),
    applicationDeadline: future(20),
    capacity: 10,
    compensation: 'volunteer',
    ...overrides,
  };
}

interface ProjectBody {
  id: string;
  status: string;
  coHostMunicipalityCodes: string[];
  prefectureCodes: string[];
}

describe('projects (e2e)', () => {
  let api: TestApi;
  let db: Client;
  let staffA: TestUser; // 飯山市 202134
  let staffB: TestUser; // 三条市 152048
  let participant: TestUser;
  let admin: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    db = new Client({ connectionString: api.db.url });
    await db.connect();
    [staffA, staffB, participant, admin] = await Promise.all([
      createUser(api, { role: 'municipality_staff', municipalityCode: '202134' }),
      createUser(api, { role: 'municipality_staff', municipalityCode: '152048' }),
      createUser(api, { role: 'participant' }),
      createUser(api, { role: 'admin' }),
    ]);
  });
  afterAll(async () => {
    await db.end();
    await api.close();
  });
  const http = () => request(api.app.getHttpServer());
  const as = (u: TestUser) => ({ authorization: `Bearer ${u.accessToken}` });
  const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0].n;
  const projectCount = () => count('SELECT count(*)::int AS n FROM projects');
  const events = async (topic: string, projectId: string) =>
    (await db.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM outbox_events WHERE topic = $1 AND payload->>'projectId' = $2 ORDER BY id`, [topic, projectId])).rows.map((r) => r.payload);

  async function createProject(user: TestUser, overrides: Record<string, unknown> = {}): Promise<ProjectBody> {
    const res = await http().post('/api/v1/projects').set(as(user)).send(body(overrides)).expect(201);
    return res.body;
  }

  it('staff create a draft for their municipality; only their staff see it', async () => {
    const p = await createProject(staffA);
    expect(p).toMatchObject({ status: 'draft', hostMunicipalityCode: '202134', prefectureCodes: ['20'], capacity: 10, tags: ['農業', '観光'] });
    await http().get(`/api/v1/projects/${p.id}`).expect(404);
    await http().get(`/api/v1/projects/${p.id}`).set(as(staffA)).expect(200);
    await http().get(`/api/v1/projects/${p.id}`).set(as(admin)).expect(200);
    const other = await http().get(`/api/v1/projects/${p.id}`).set(as(staffB)).expect(404);
    expect(other.body.code).toBe('PROJECT_NOT_FOUND');
    await http().get(`/api/v1/projects/${p.id}`).set(as(participant)).expect(404);
    await http().patch(`/api/v1/projects/${p.id}`).set(as(staffB)).send({ title: '乗っ取り' }).expect(404);
    await http().post(`/api/v1/projects/${p.id}/publish`).set(as(staffB)).expect(404);
    await http().post(`/api/v1/projects/${p.id}/cancel`).set(as(staffB)).send({}).expect(404);
    const mine = await http().get('/api/v1/staff/projects').set(as(staffA)).expect(200);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(p.id);
    const drafts = await http().get('/api/v1/staff/projects').query({ status: 'draft' }).set(as(staffA)).expect(200);
    expect(drafts.body.items.map((x: { id: string }) => x.id)).toContain(p.id);
    const published = await http().get('/api/v1/staff/projects').query({ status: 'published' }).set(as(staffA)).expect(200);
    expect(published.body.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    await http().get('/api/v1/staff/projects').query({ status: 'archived' }).set(as(staffA)).expect(400);
    const theirs = await http().get('/api/v1/staff/projects').set(as(staffB)).expect(200);
    expect(theirs.body.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    expect((await db.query('SELECT title FROM projects WHERE id = $1', [p.id])).rows[0].title).toBe('有機農業体験と収穫祭の運営');
  });

  it('refuses participants (403), anonymous callers (401) and hosts outside the scope (403), writing nothing', async () => {
    const before = await projectCount();
    await http().post('/api/v1/projects').set(as(participant)).send(body()).expect(403);
    await http().post('/api/v1/projects').send(body()).expect(401);
    await http().get('/api/v1/staff/projects').set(as(participant)).expect(403);
    const res = await http().post('/api/v1/projects').set(as(staffA)).send(body({ hostMunicipalityCode: '152048' })).expect(403);
    expect(res.body.code).toBe('PROJECT_HOST_OUT_OF_SCOPE');
    expect(await projectCount()).toBe(before);
  });

  it('answers bad input with problem details in Japanese and writes nothing', async () => {
    const before = await projectCount();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ title: undefined }, 400, 'VALIDATION_FAILED'],
      [{ title: 'あ'.repeat(121) }, 400, 'VALIDATION_FAILED'],
      [{ description: '説'.repeat(10_001) }, 400, 'VALIDATION_FAILED'],
      [{ capacity: 0 }, 400, 'VALIDATION_FAILED'],
      [{ capacity: '10' }, 400, 'VALIDATION_FAILED'],
      [{ category: 'tourism' }, 400, 'VALIDATION_FAILED'],
      [{ tags: ['宇宙'] }, 400, 'VALIDATION_FAILED'],
      [{ mode: 'space' }, 400, 'VALIDATION_FAILED'],
      [{ startsAt: '来月' }, 400, 'VALIDATION_FAILED'],
      [{ extra: 1 }, 400, 'VALIDATION_FAILED'],
      [{ hostMunicipalityCode: '202135' }, 400, 'LOCAL_GOV_CODE_CHECK_DIGIT'],
      [{ hostMunicipalityCode: '20299' }, 404, 'MUNICIPALITY_NOT_FOUND'],
      [{ coHostMunicipalityCodes: ['20299'] }, 404, 'MUNICIPALITY_NOT_FOUND'],
      [{ coHostMunicipalityCodes: ['202134'] }, 422, 'PROJECT_CO_HOST_INVALID'],
      [{ applicationDeadline: future(35) }, 422, 'PROJECT_DEADLINE_AFTER_START'],
      [{ endsAt: future(29) }, 422, 'PROJECT_ENDS_BEFORE_START'],
      [{ startsAt: new Date(Date.now() - DAY).toISOString(), applicationDeadline: new Date(Date.now() - 2 * DAY).toISOString() }, 422, 'PROJECT_DATE_IN_PAST'],
    ];
    for (const [overrides, status, code] of cases) {
      const res = await http().post('/api/v1/projects').set(as(staffA)).send(body(overrides));
      expect({ overrides: Object.keys(overrides), status: res.status, code: res.body.code }).toEqual({ overrides: Object.keys(overrides), status, code });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const deadline = await http().post('/api/v1/projects').set(as(staffA)).send(body({ applicationDeadline: future(35) })).expect(422);
    expect(deadline.body.detail).toBe('応募締切は開始日時以前に設定してください。');
    const past = await http().post('/api/v1/projects').set(as(staffA)).send(body({ applicationDeadline: new Date(Date.now() - DAY).toISOString() })).expect(422);
    expect(past.body.detail).toBe('応募締切に過去の日時は指定できません。');
    expect(await projectCount()).toBe(before);
  });

  it('runs the lifecycle, publishes outbox events, and refuses illegal transitions with 409 in Japanese', async () => {
    const p = await createProject(staffA);
    const published = await http().post(`/api/v1/projects/${p.id}/publish`).set(as(staffA)).expect(200);
    expect(published.body.status).toBe('published');
    expect(await events('projects.project.published', p.id)).toEqual([expect.objectContaining({ projectId: p.id, hostMunicipalityCode: '202134', capacity: 10 })]);
    await http().get(`/api/v1/projects/${p.id}`).expect(200);

    const again = await http().post(`/api/v1/projects/${p.id}/publish`).set(as(staffA)).expect(409);
    expect(again.body).toMatchObject({ code: 'PROJECT_ILLEGAL_TRANSITION', detail: '「募集中」のプロジェクトは公開できません。' });

    const newStart = future(40);
    await http().patch(`/api/v1/projects/${p.id}`).set(as(staffA)).send({ startsAt: newStart, endsAt: future(41) }).expect(200);
    const changed = await events('projects.project.changed', p.id);
    expect(changed).toHaveLength(1);
    expect(changed[0].changedFields).toEqual(['startsAt', 'endsAt']);
    await http().patch(`/api/v1/projects/${p.id}`).set(as(staffA)).send({ description: '説明を更新しました。' }).expect(200);
    const described = await events('projects.project.changed', p.id);
    expect(described[1]).toMatchObject({ changedFields: ['description'], changes: [{ field: 'description', from: null, to: null }] });
    await http().patch(`/api/v1/projects/${p.id}`).set(as(staffA)).send({ capacity: 12 }).expect(200);
    expect(await events('projects.project.capacity_changed', p.id)).toEqual([expect.objectContaining({ previousCapacity: 10, capacity: 12 })]);

    // Bad updates write nothing.
    const version = (await db.query('SELECT version FROM projects WHERE id = $1', [p.id])).rows[0].version;
    await http().patch(`/api/v1/projects/${p.id}`).set(as(staffA)).send({ applicationDeadline: future(50) }).expect(422);
    await http().patch(`/api/v1/projects/${p.id}`).set(as(staffA)).send({ capacity: 0 }).expect(400);
    await http().patch(`/api/v1/projects/${p.id}`).set(as(staffA)).send({}).expect(400);
    await http().patch(`/api/v1/projects/not-a-uuid`).set(as(staffA)).send({ capacity: 3 }).expect(404);
    expect((await db.query('SELECT version FROM projects WHERE id = $1', [p.id])).rows[0].version).toBe(version);

    await http().post(`/api/v1/projects/${p.id}/close`).set(as(staffA)).expect(200);
    const edit = await http().patch(`/api/v1/projects/${p.id}`).set(as(staffA)).send({ title: '変更' }).expect(409);
    expect(edit.body.detail).toBe('「募集終了」のプロジェクトは編集できません。');
    await http().post(`/api/v1/projects/${p.id}/complete`).set(as(staffA)).expect(200);
    const cancel = await http().post(`/api/v1/projects/${p.id}/cancel`).set(as(staffA)).send({}).expect(409);
    expect(cancel.body.detail).toBe('「実施済み」のプロジェクトは中止できません。');
    expect(await events('projects.project.cancelled', p.id)).toHaveLength(0);
  });

  it('cancels a published project and tells participation through the outbox', async () => {
    const p = await createProject(staffA);
    await http().post(`/api/v1/projects/${p.id}/publish`).set(as(staffA)).expect(200);
    const res = await http().post(`/api/v1/projects/${p.id}/cancel`).set(as(staffA)).send({ reason: '台風接近のため' }).expect(200);
    expect(res.body.status).toBe('cancelled');
    expect(await events('projects.project.cancelled', p.id)).toEqual([
      expect.objectContaining({ projectId: p.id, previousStatus: 'published', reason: '台風接近のため' }),
    ]);
    await http().get(`/api/v1/projects/${p.id}`).expect(404);
  });

  it('answers bad lifecycle requests with problem details and changes nothing', async () => {
    const p = await createProject(staffA);
    const long = await http().post(`/api/v1/projects/${p.id}/cancel`).set(as(staffA)).send({ reason: 'あ'.repeat(1001) }).expect(400);
    expect(long.body.code).toBe('VALIDATION_FAILED');
    await http().post(`/api/v1/projects/${p.id}/cancel`).set(as(staffA)).send({ reason: 1 }).expect(400);
    await http().post('/api/v1/projects/00000000-0000-4000-8000-000000000000/publish').set(as(staffA)).expect(404);
    await http().post('/api/v1/projects/not-a-uuid/close').set(as(staffA)).expect(404);
    await http().post(`/api/v1/projects/${p.id}/close`).set(as(staffA)).expect(409);
    await http().post(`/api/v1/projects/${p.id}/complete`).set(as(staffA)).expect(409);
    // A draft whose dates have passed cannot be published.
    await db.query(`UPDATE projects SET application_deadline = now() - interval '2 days', starts_at = now() - interval '1 day', ends_at = now() WHERE id = $1`, [p.id]);
    const past = await http().post(`/api/v1/projects/${p.id}/publish`).set(as(staffA)).expect(422);
    expect(past.body.code).toBe('PROJECT_DATE_IN_PAST');
    const row = (await db.query('SELECT status, version FROM projects WHERE id = $1', [p.id])).rows[0];
    expect(row).toEqual({ status: 'draft', version: 1 });
    expect(await count(`SELECT count(*)::int AS n FROM outbox_events WHERE payload->>'projectId' = $1`, [p.id])).toBe(0);
  });

  it('lets co-host staff (広域) see and manage the project; a ward resolves to its city', async () => {
    const p = await createProject(staffA, { coHostMunicipalityCodes: ['152048', '011011'] });
    expect(p.coHostMunicipalityCodes).toEqual(['152048', '011002']);
    expect(p.prefectureCodes).toEqual(['20', '15', '01']);
    await http().get(`/api/v1/projects/${p.id}`).set(as(staffB)).expect(200);
    await http().patch(`/api/v1/projects/${p.id}`).set(as(staffB)).send({ description: '三条市と共催します。' }).expect(200);
    const list = await http().get('/api/v1/staff/projects').set(as(staffB)).expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(p.id);
    // Dropping the co-host removes their access.
    await http().patch(`/api/v1/projects/${p.id}`).set(as(staffA)).send({ coHostMunicipalityCodes: [] }).expect(200);
    await http().get(`/api/v1/projects/${p.id}`).set(as(staffB)).expect(404);
  });

  it('documents every projects and participants operation with typed responses in OpenAPI', async () => {
    const doc = (await http().get('/api/docs-json').expect(200)).body;
    const ops: Record<string, { path: string; method: string; op: { responses: Record<string, { content?: unknown }>; tags: string[] } }> = {};
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { operationId: string; responses: Record<string, { content?: unknown }>; tags: string[] }>>)) {
      for (const [method, op] of Object.entries(methods)) ops[op.operationId] = { path, method, op };
    }
    const expected: [string, string, string][] = [
      ['Projects_create', 'post', '/api/v1/projects'],
      ['Projects_update', 'patch', '/api/v1/projects/{id}'],
      ['Projects_publish', 'post', '/api/v1/projects/{id}/publish'],
      ['Projects_close', 'post', '/api/v1/projects/{id}/close'],
      ['Projects_complete', 'post', '/api/v1/projects/{id}/complete'],
      ['Projects_cancel', 'post', '/api/v1/projects/{id}/cancel'],
      ['Projects_discover', 'get', '/api/v1/projects'],
      ['Projects_get', 'get', '/api/v1/projects/{id}'],
      ['StaffProjects_list', 'get', '/api/v1/staff/projects'],
      ['MeProfile_getProfile', 'get', '/api/v1/me/profile'],
      ['MeProfile_putProfile', 'put', '/api/v1/me/profile'],
      ['MeProfile_getConsents', 'get', '/api/v1/me/consents'],
      ['MeProfile_putConsent', 'put', '/api/v1/me/consents/{purpose}'],
      ['MeRegistrations_list', 'get', '/api/v1/me/registrations'],
      ['MeRegistrations_register', 'post', '/api/v1/me/registrations'],
      ['MeRegistrations_withdraw', 'delete', '/api/v1/me/registrations/{municipalityCode}'],
      ['MeRegistrations_requestPremium', 'post', '/api/v1/me/registrations/{municipalityCode}/premium'],
    ];
    for (const [id, method, path] of expected) {
      expect({ id, method: ops[id]?.method, path: ops[id]?.path }).toEqual({ id, method, path });
      const success = Object.entries(ops[id].op.responses).find(([code]) => code.startsWith('2'));
      expect({ id, typed: success?.[0] === '204' || Boolean(success?.[1].content) }).toEqual({ id, typed: true });
    }
  });

  describe('discovery', () => {
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const specs: [string, Record<string, unknown>][] = [
        ['organic', { title: '有機農業体験ツアー', description: '無農薬の田んぼで米づくり。', startsAt: future(10), endsAt: future(10), applicationDeadline: future(5) }],
        ['soba', { title: '十割蕎麦打ち体験', description: '地元の名人に学ぶ。', category: 'people_flow', tags: ['食', '観光'], mode: 'onsite', startsAt: future(11), endsAt: future(11), applicationDeadline: future(5) }],
        ['remote', { title: 'オンライン観光PR', description: 'SNS運用を手伝ってください。', hostMunicipalityCode: '152048', category: 'ai_digital', tags: ['観光', 'DX'], mode: 'remote', requiredSkills: ['SNS運用'], startsAt: future(12), endsAt: future(12), applicationDeadline: future(5) }],
      ];
      for (const [key, o] of specs) {
        const user = o.hostMunicipalityCode === '152048' ? staffB : staffA;
        const p = await createProject(user, o);
        await http().post(`/api/v1/projects/${p.id}/publish`).set(as(user)).expect(200);
        ids[key] = p.id;
      }
      ids.draft = (await createProject(staffA, { title: '下書きの農業体験' })).id;
    });
    const all = async (query: Record<string, unknown>) =>
      ((await http().get('/api/v1/projects').query({ limit: 100, ...query }).expect(200)).body.items as { id: string }[]).map((p) => p.id);
    // Only this file's projects count (demo data may hold others), in result order.
    const search = async (query: Record<string, unknown>) => (await all(query)).filter((id) => Object.values(ids).includes(id));

    it('finds substrings: 農業 → 有機農業体験, 蕎麦 → 十割蕎麦打ち体験, not drafts', async () => {
      const farming = await search({ q: '農業' });
      expect(farming).toContain(ids.organic);
      expect(farming).not.toContain(ids.soba);
      expect(farming).not.toContain(ids.draft);
      expect(await search({ q: '蕎麦' })).toEqual([ids.soba]);
      expect(await search({ q: '蕎' })).toEqual([ids.soba]);
      expect(await search({ q: 'ｓｎｓ運用' })).toEqual([ids.remote]);
      expect(await search({ q: '蕎麦 観光' })).toEqual([]);
      expect(await search({ q: '農体' })).toEqual([]);
    });

    it('filters by prefecture, municipality, category, tag, mode, skills and dates', async () => {
      expect(await search({ prefectureCode: '15' })).toEqual([ids.remote]);
      expect(await search({ municipalityCode: '15204' })).toEqual([ids.remote]);
      expect(await search({ category: 'people_flow' })).toEqual([ids.soba]);
      expect(await search({ tag: '食' })).toEqual([ids.soba]);
      expect(await search({ mode: 'remote' })).toEqual([ids.remote]);
      expect(await search({ skills: 'SNS運用,写真' })).toEqual([ids.remote]);
      const window = await search({ startsFrom: future(10.5), startsTo: future(11.5) });
      expect(window).toEqual([ids.soba]);
      await http().get('/api/v1/projects').query({ prefectureCode: '48' }).expect(400);
      await http().get('/api/v1/projects').query({ tag: '宇宙' }).expect(400);
      await http().get('/api/v1/projects').query({ cursor: 'garbage' }).expect(400);
    });

    it('pages with a cursor in start order without gaps or repeats', async () => {
      const everything = await all({});
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await http().get('/api/v1/projects').query({ limit: 2, ...(cursor ? { cursor } : {}) }).expect(200);
        seen.push(...res.body.items.map((p: { id: string }) => p.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(everything);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(3);
    });

    it('orders a text search by relevance (title above description-only), expands synonyms, pages by relevance', async () => {
      const specs: [string, Record<string, unknown>][] = [
        ['descFirst', { title: '田んぼの草取り', description: '移住希望の方の体験会です。', startsAt: future(9), endsAt: future(9), applicationDeadline: future(5) }],
        ['titleLater', { title: '定住体験ツアー', description: '町を案内します。', startsAt: future(13), endsAt: future(13), applicationDeadline: future(5) }],
        ['titleLiteral', { title: '移住相談会', description: '先輩移住者と話せます。', startsAt: future(14), endsAt: future(14), applicationDeadline: future(5) }],
      ];
      for (const [key, o] of specs) {
        const p = await createProject(staffA, o);
        await http().post(`/api/v1/projects/${p.id}/publish`).set(as(staffA)).expect(200);
        ids[key] = p.id;
      }
      // 移住 in the title (literal) > 定住 in the title (synonym) > 移住 only in the description, whatever the start order.
      expect(await search({ q: '移住' })).toEqual([ids.titleLiteral, ids.titleLater, ids.descFirst]);
      expect(await search({ q: '定住' })).toEqual([ids.titleLater, ids.titleLiteral, ids.descFirst]);
      // Title matches first, then description-only ones (体験 is in the soba and organic titles, and in descFirst's description).
      const taiken = await search({ q: '体験' });
      expect(taiken.indexOf(ids.descFirst)).toBeGreaterThan(Math.max(taiken.indexOf(ids.organic), taiken.indexOf(ids.soba), taiken.indexOf(ids.titleLater)));

      for (const q of ['移住', '体験']) {
        const everything = await all({ q });
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res: request.Response = await http().get('/api/v1/projects').query({ q, limit: 1, ...(cursor ? { cursor } : {}) }).expect(200);
          seen.push(...res.body.items.map((p: { id: string }) => p.id));
          cursor = res.body.nextCursor;
        } while (cursor);
        expect({ q, seen }).toEqual({ q, seen: everything });
      }
      // A text search's cursor is not a plain listing's cursor, and the other way round.
      const textPage = (await http().get('/api/v1/projects').query({ q: '移住', limit: 1 }).expect(200)).body as { nextCursor: string };
      const plainPage = (await http().get('/api/v1/projects').query({ limit: 1 }).expect(200)).body as { nextCursor: string };
      await http().get('/api/v1/projects').query({ cursor: textPage.nextCursor }).expect(400);
      await http().get('/api/v1/projects').query({ q: '移住', cursor: plainPage.nextCursor }).expect(400);
    });
  });
});
