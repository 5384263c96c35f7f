import request from 'supertest';
import type { Client } from 'pg';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser, type TestUser } from '../support/identity';
import { API, connectDb } from '../support/participation';

interface Reason { code: string; ja: string; en: string; subject?: string }
interface Item {
  project: { id: string; title: string; endsAt: string; requiredSkills: string[]; mode: string; prefectureCodes: string[]; municipalityCodes: string[]; category: string; seatsLeft: number; applicationDeadline: string };
  score: number;
  reasons: Reason[];
}

// Recommendations over the real api: reasons are present and true of both the profile and the
// project; applied, full and past-deadline projects never appear (each one shown to appear first).
describe('matching: recommendations (e2e)', () => {
  let api: TestApi;
  let db: Client;
  let staff: TestUser;
  let hanako: TestUser;
  let bob: TestUser;
  const http = () => request(api.app.getHttpServer());
  const as = (u: TestUser) => ({ authorization: `Bearer ${u.accessToken}` });
  const HOST = '152048'; // 新潟県
  const CO_HOST = '152056'; // 新潟県 三条市
  const SKILLS = ['Webデザイン', '写真撮影'];
  const profile = {
    displayName: '山田 花子',
    residenceMunicipalityCode: '131041', // 新宿区
    hometownMunicipalityCode: CO_HOST,
    interestRegionCodes: ['15'],
    skills: SKILLS,
    interests: ['ai_digital'],
    modes: ['onsite', 'remote'],
    availability: ['weekends'],
    participantType: 'remote_worker',
  };

  async function project(o: { skills?: string[]; mode?: string; coHosts?: string[]; capacity?: number; category?: string; title?: string } = {}): Promise<string> {
    const deadline = new Date(Date.now() + 5 * 86_400_000);
    const startsAt = new Date(deadline.getTime() + 86_400_000);
    const created = await http()
      .post(`${API}/projects`)
      .set(as(staff))
      .send({
        title: o.title ?? `デジタル広報の手伝い ${Math.random().toString(36).slice(2, 8)}`,
        description: '町の魅力を発信するサイトを一緒に作ります。',
        hostMunicipalityCode: HOST,
        coHostMunicipalityCodes: o.coHosts ?? [],
        category: o.category ?? 'ai_digital',
        tags: ['DX'],
        requiredSkills: o.skills ?? ['Webデザイン', '農作業'],
        mode: o.mode ?? 'hybrid',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 8 * 3_600_000).toISOString(),
        applicationDeadline: deadline.toISOString(),
        capacity: o.capacity ?? 10,
        compensation: 'volunteer',
      });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    await http().post(`${API}/projects/${created.body.id}/publish`).set(as(staff)).expect(200);
    return created.body.id as string;
  }

  async function recommendations(u: TestUser, limit = 50): Promise<Item[]> {
    const res = await http().get(`${API}/me/recommendations?limit=${limit}`).set(as(u));
    if (res.status !== 200) throw new Error(`recommendations: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.items as Item[];
  }
  const ids = (items: Item[]) => items.map((i) => i.project.id);

  beforeAll(async () => {
    api = await startTestApi();
    db = await connectDb(api);
    staff = await createUser(api, { role: 'municipality_staff', municipalityCode: HOST });
    hanako = await createUser(api, { role: 'participant' });
    bob = await createUser(api, { role: 'participant' });
    await http().put(`${API}/me/profile`).set(as(hanako)).send(profile).expect(200);
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  it('needs a profile (409), a participant (403 for staff) and a sane limit (400)', async () => {
    const res = await http().get(`${API}/me/recommendations`).set(as(bob));
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'MATCHING_PROFILE_REQUIRED' });
    expect((await http().get(`${API}/me/recommendations`).set(as(staff))).status).toBe(403);
    expect((await http().get(`${API}/me/recommendations`)).status).toBe(401);
    expect((await http().get(`${API}/me/recommendations?limit=0`).set(as(hanako))).status).toBe(400);
    expect((await http().get(`${API}/me/recommendations?limit=51`).set(as(hanako))).status).toBe(400);
  });

  it('ranks a fitting project first with truthful reasons in Japanese and English', async () => {
    const fit = await project();
    const other = await project({ skills: ['農作業'], mode: 'onsite', category: 'living_environment' });
    const items = await recommendations(hanako);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(50);
    const first = items.find((i) => i.project.id === fit)!;
    expect(first).toBeDefined();
    const texts = first.reasons.map((r) => r.ja);
    expect(texts).toEqual(expect.arrayContaining(['スキル一致：Webデザイン', '出身地の近く', '関心のある地域', 'リモート参加可']));
    expect(texts).not.toContain('スキル一致：農作業'); // the project requires it, the profile lacks it
    expect(first.reasons.find((r) => r.ja === '出身地の近く')!.en).toBe('Near your hometown');
    // The recommended project's facts are the project's own (same as the public project view).
    const view = (await http().get(`${API}/projects/${fit}`).expect(200)).body;
    expect(first.project).toMatchObject({
      title: view.title, category: view.category, tags: view.tags, requiredSkills: view.requiredSkills, mode: view.mode,
      hostMunicipalityCode: view.hostMunicipalityCode, prefectureCodes: view.prefectureCodes, startsAt: view.startsAt, endsAt: view.endsAt,
      applicationDeadline: view.applicationDeadline, capacity: view.capacity, seatsLeft: view.capacity, compensation: view.compensation,
      publishedAt: view.publishedAt,
    });
    const second = items.find((i) => i.project.id === other);
    if (second) expect(ids(items).indexOf(fit)).toBeLessThan(ids(items).indexOf(other));
    expect((await recommendations(hanako, 3)).length).toBeLessThanOrEqual(3);

    // Hometown itself (co-host) is named as such.
    const home = await project({ coHosts: [CO_HOST] });
    const withHome = (await recommendations(hanako)).find((i) => i.project.id === home)!;
    expect(withHome.reasons.map((r) => r.code)).toContain('hometown');
  });

  it('every reason of every result is true of the profile and the project', async () => {
    const items = await recommendations(hanako);
    expect(items.some((i) => i.reasons.length > 0)).toBe(true);
    for (const { project: p, reasons } of items) {
      expect(reasons.length).toBeGreaterThan(0);
      for (const r of reasons) {
        expect(r.ja.length * r.en.length).toBeGreaterThan(0);
        if (r.code === 'skill_match') {
          expect(SKILLS).toContain(r.subject);
          expect(p.requiredSkills).toContain(r.subject);
          expect({ ja: r.ja, en: r.en }).toEqual({ ja: `スキル一致：${r.subject}`, en: `Skill match: ${r.subject}` });
        }
        if (r.code === 'hometown_area') expect(p.prefectureCodes).toContain('15');
        if (r.code === 'hometown') expect(p.municipalityCodes).toContain(CO_HOST);
        if (r.code === 'interest_region') expect(p.prefectureCodes).toContain('15');
        if (r.code === 'interest_category') expect(p.category).toBe('ai_digital');
        if (r.code === 'remote_ok') expect(p.mode).not.toBe('onsite');
        if (r.code === 'near_residence') expect(p.prefectureCodes).toContain('13');
        if (r.code === 'few_seats_left') expect(p.seatsLeft).toBeLessThanOrEqual(3);
        expect(['past_activity', 'past_activity_area', 'registered']).not.toContain(r.code); // no history, no registration
      }
      expect(p.seatsLeft).toBeGreaterThan(0);
      expect(new Date(p.applicationDeadline).getTime()).toBeGreaterThan(Date.now());
    }
    // Scores are non-increasing.
    const scores = items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('a skill reason follows the profile: dropped with the skill, back with it, never for a skill only the project has', async () => {
    const both = await project({ skills: ['Webデザイン', '写真撮影', '農作業'], title: 'スキル理由の確認' });
    const skillReasons = async (u: TestUser) =>
      ((await recommendations(u)).find((i) => i.project.id === both)?.reasons ?? []).filter((r) => r.code === 'skill_match').map((r) => r.subject).sort();
    expect(await skillReasons(hanako)).toEqual(['Webデザイン', '写真撮影'].sort());

    await http().put(`${API}/me/profile`).set(as(hanako)).send({ ...profile, skills: ['写真撮影'] }).expect(200);
    try {
      const items = await recommendations(hanako);
      for (const { reasons } of items) {
        expect(reasons.filter((r) => r.code === 'skill_match').map((r) => r.subject)).not.toContain('Webデザイン');
        expect(reasons.map((r) => r.ja).join('、')).not.toContain('Webデザイン');
      }
      expect(await skillReasons(hanako)).toEqual(['写真撮影']);
    } finally {
      await http().put(`${API}/me/profile`).set(as(hanako)).send(profile).expect(200);
    }
    expect(await skillReasons(hanako)).toEqual(['Webデザイン', '写真撮影'].sort());
    // A participant with none of the project's skills gets no skill reason at all.
    const carol = await createUser(api, { role: 'participant' });
    await http().put(`${API}/me/profile`).set(as(carol)).send({ ...profile, displayName: 'キャロル', skills: ['調理'] }).expect(200);
    const carols = await recommendations(carol);
    expect(carols.some((i) => i.project.id === both)).toBe(true);
    for (const { reasons } of carols) expect(reasons.filter((r) => r.code === 'skill_match').map((r) => r.subject)).toEqual(expect.not.arrayContaining(['Webデザイン', '写真撮影', '農作業']));
  });

  it('never shows a project once applied to, full, or past its deadline', async () => {
    const applied = await project({ title: '応募済みになる' });
    const full = await project({ title: '満席になる', capacity: 1 });
    const late = await project({ title: '締切を過ぎる' });
    const before = ids(await recommendations(hanako));
    expect(before).toEqual(expect.arrayContaining([applied, full, late]));

    await http().post(`${API}/projects/${applied}/applications`).set(as(hanako)).send({}).expect(201);
    const bobs = await http().post(`${API}/projects/${full}/applications`).set(as(bob)).send({}).expect(201);
    await http().post(`${API}/applications/${bobs.body.id}/accept`).set(as(staff)).expect(200);
    // No api moves a deadline into the past; the test does it in the database.
    await db.query(`UPDATE projects SET application_deadline = now() - interval '1 minute' WHERE id = $1`, [late]);

    const after = ids(await recommendations(hanako));
    expect(after).not.toContain(applied);
    expect(after).not.toContain(full);
    expect(after).not.toContain(late);
    expect(after.length).toBeGreaterThan(0);
    // bob's own view: the project he applied to is gone for him too.
    await http().put(`${API}/me/profile`).set(as(bob)).send({ ...profile, displayName: 'ボブ' }).expect(200);
    expect(ids(await recommendations(bob))).not.toContain(full);
  });
});
