import request from 'supertest';
import { DataSource } from 'typeorm';
import { OrganizationsService } from '@app/organizations';
import { RecountService, RelationshipsService } from '@app/relationships';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser, type TestUser } from '../support/identity';

jest.setTimeout(60_000);

describe('HQ statistics (e2e)', () => {
  let api: TestApi;
  let hq: TestUser;
  let admin: TestUser;
  let prefStaff: TestUser;
  let muniStaff: TestUser;
  let participant: TestUser;
  const get = (path: string, user?: TestUser) => {
    const r = request(api.app.getHttpServer()).get(`/api/v1${path}`);
    return user ? r.set('authorization', `Bearer ${user.accessToken}`) : r;
  };

  beforeAll(async () => {
    api = await startTestApi();
    [hq, admin, prefStaff, muniStaff, participant] = await Promise.all([
      createUser(api, { role: 'hq_analyst' }),
      createUser(api, { role: 'admin' }),
      createUser(api, { role: 'prefecture_staff', prefectureCode: '13' }),
      createUser(api, { role: 'municipality_staff', municipalityCode: '131016' }),
      createUser(api, { role: 'participant' }),
    ]);
    const svc = api.app.get(RelationshipsService);
    const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const writes: Promise<unknown>[] = [];
    // 3 persons in 千代田区 (131016), 25 in 中央区 (131024), 12 in 横浜市 (141003), residents of 大阪市.
    const spec: [string, number][] = [['131016', 3], ['131024', 25], ['141003', 12]];
    let n = 0;
    for (const [muni, count] of spec) {
      for (let i = 0; i < count; i++) {
        n++;
        writes.push(
          svc.recordRegistration({
            registrationId: `stats-r-${n}`,
            userId: uid(n),
            municipalityCode: muni,
            registeredAt: '2025-06-01T01:00:00Z',
            profile: { residenceMunicipalityCode: '271004', participantType: n % 2 ? 'student' : 'worker' },
          }),
        );
      }
    }
    await Promise.all(writes);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('summary: 実人数/延べ人数 on a date, 年度, targets, metric ids and versions', async () => {
    const res = await get('/stats/summary?date=2026-03-31', hq).expect(200);
    expect(res.body).toMatchObject({
      date: '2026-03-31',
      fiscalYear: 2025,
      realPersons: 40,
      cumulativePersons: 40,
      targets: { realPersons: 10_000_000, cumulativePersons: 100_000_000, fiscalYear: 2034 },
    });
    expect(res.body.metrics).toContainEqual({ metric: 'real_persons', version: 1, value: 40 });
    expect((await get('/stats/summary?date=2025-05-31', hq).expect(200)).body.realPersons).toBe(0);
    await get('/stats/summary?date=2025-02-30', hq).expect(400);
    await get('/stats/summary', participant).expect(403);
    await get('/stats/summary').expect(401);
  });

  it('scopes: nation → prefectures; prefecture → municipalities with suppression and secondary suppression', async () => {
    const nation = await get('/stats/scopes/nation/JP?date=2026-03-31', hq).expect(200);
    const tokyo = nation.body.children.find((c: { code: string }) => c.code === '13');
    expect(tokyo.metrics[0]).toMatchObject({ metric: 'real_persons', version: 1, value: 28 });
    expect(nation.body.children).toHaveLength(47);

    const pref = await get('/stats/scopes/prefecture/13?date=2026-03-31', hq).expect(200);
    expect(pref.body.metrics[0]).toMatchObject({ metric: 'real_persons', value: 28 });
    const chiyoda = pref.body.children.find((c: { code: string }) => c.code === '131016');
    const chuo = pref.body.children.find((c: { code: string }) => c.code === '131024');
    expect(chiyoda.metrics[0]).toMatchObject({ suppressed: true, label: '10未満', value: null });
    // 28 − 25 would reveal 千代田区: the next cell is suppressed too
    expect(chuo.metrics[0]).toMatchObject({ suppressed: true, value: null });
    for (const c of pref.body.children) {
      for (const m of c.metrics) expect(m.value === null || m.value === 0 || m.value >= 10).toBe(true);
    }
    // admin sees exact values
    const asAdmin = await get('/stats/scopes/prefecture/13?date=2026-03-31', admin).expect(200);
    expect(asAdmin.body.children.find((c: { code: string }) => c.code === '131016').metrics[0].value).toBe(3);
  });

  it('roles: prefecture staff see their prefecture, municipality staff their municipality; others 404', async () => {
    await get('/stats/scopes/prefecture/13?date=2026-03-31', prefStaff).expect(200);
    await get('/stats/scopes/prefecture/14?date=2026-03-31', prefStaff).expect(404);
    await get('/stats/scopes/nation/JP?date=2026-03-31', prefStaff).expect(404);
    const own = await get('/stats/scopes/municipality/131016?date=2026-03-31', muniStaff).expect(200);
    expect(own.body.metrics[0]).toMatchObject({ metric: 'real_persons', suppressed: true, label: '10未満' });
    await get('/stats/scopes/municipality/131024?date=2026-03-31', muniStaff).expect(404);
    await get('/stats/scopes/prefecture/13', participant).expect(403);
    await get('/stats/scopes/municipality/999999', hq).expect(404);
  });

  it('breakdowns by personal attribute never show 1–9 to non-admins', async () => {
    const origin = await get('/stats/breakdowns?scopeType=prefecture&code=14&dimension=origin_prefecture&date=2026-03-31', hq).expect(200);
    expect(origin.body.cells).toEqual([expect.objectContaining({ key: '27', value: 12, metric: 'real_persons', version: 1 })]);
    const ptype = await get('/stats/breakdowns?scopeType=prefecture&code=14&dimension=participant_type&date=2026-03-31', hq).expect(200);
    // 6 students + 6 workers: both below k = 10
    for (const c of ptype.body.cells) expect(c).toMatchObject({ suppressed: true, value: null });
    const asAdmin = await get('/stats/breakdowns?scopeType=prefecture&code=14&dimension=participant_type&date=2026-03-31', admin).expect(200);
    expect(asAdmin.body.cells.map((c: { value: number }) => c.value).sort()).toEqual([6, 6]);
    const basis = await get('/stats/breakdowns?scopeType=nation&code=JP&dimension=basis&date=2026-03-31', hq).expect(200);
    expect(basis.body.cells).toContainEqual(expect.objectContaining({ key: 'registration_only', value: 40 }));
  });

  it('breakdown by project category: 活動実人数 per category over the 年度, async path, suppressed for non-admins below prefecture level', async () => {
    const svc = api.app.get(RelationshipsService);
    const uid = (n: number) => `00000000-0000-4000-8000-${String(900 + n).padStart(12, '0')}`;
    // 12 persons in agriculture (one of them twice), 4 in education, all in 中央区 (131024), FY2019
    await Promise.all([
      ...Array.from({ length: 12 }, (_, i) =>
        svc.enqueueActivity({ activityId: `cat-a-${i}`, userId: uid(i), municipalityCodes: ['131024'], verifiedAt: '2019-07-01T01:00:00Z', category: 'agriculture', profile: { residenceMunicipalityCode: '271004' } }),
      ),
      svc.enqueueActivity({ activityId: 'cat-a-again', userId: uid(0), municipalityCodes: ['131024'], verifiedAt: '2019-08-01T01:00:00Z', category: 'agriculture', profile: { residenceMunicipalityCode: '271004' } }),
      ...Array.from({ length: 4 }, (_, i) =>
        svc.enqueueActivity({ activityId: `cat-e-${i}`, userId: uid(20 + i), municipalityCodes: ['131024'], verifiedAt: '2019-09-01T01:00:00Z', category: 'education', profile: { residenceMunicipalityCode: '271004' } }),
      ),
    ]);
    const q = '/stats/breakdowns?scopeType=municipality&code=131024&dimension=category&date=2019-12-31';
    // asynchronous counts: nothing until the applier (the worker's) has run
    expect((await get(q, admin).expect(200)).body.cells).toEqual([]);
    await svc.drainPending();
    const full = (await get(q, admin).expect(200)).body;
    expect(full.period).toEqual({ from: '2019-04-01', to: '2020-03-31' });
    expect(full.cells).toEqual([
      { key: 'agriculture', metric: 'active_persons', version: 1, value: 12 },
      { key: 'education', metric: 'active_persons', version: 1, value: 4 },
    ]);
    // municipality staff of 中央区? not theirs (404); HQ at municipality level: 4 is suppressed, and so is 12 (secondary)
    await get(q, muniStaff).expect(404);
    const hqCells = (await get(q, hq).expect(200)).body.cells;
    expect(hqCells.every((c: { value: number | null; suppressed?: boolean }) => c.value === null && c.suppressed)).toBe(true);
    // prefecture level: category is not a personal attribute, no suppression for HQ
    const pref = (await get('/stats/breakdowns?scopeType=prefecture&code=13&dimension=category&date=2019-12-31', hq).expect(200)).body;
    expect(pref.cells).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'education', value: 4 })]));
  });

  it("company participation: a company admin sees its consenting employees' aggregates by prefecture and category, suppressed; other companies 404", async () => {
    const organizations = api.app.get(OrganizationsService);
    const [companyAdmin, otherAdmin, ...employees] = await Promise.all([
      createUser(api, { role: 'company_admin' }),
      createUser(api, { role: 'company_admin' }),
      ...Array.from({ length: 12 }, () => createUser(api, { role: 'participant' })),
    ]);
    const me = await get('/me', companyAdmin).expect(200);
    const companyId = me.body.scope.companyIds[0] as string;
    // the employee link exists once a participant accepts (here through the service, as acceptance does)
    for (const e of employees) await organizations.addMembership(companyId, e.userId, null);
    const svc = api.app.get(RelationshipsService);
    // FY2020: all 12 in 沖縄 (agriculture), 11 of them also in 東京 (agriculture), one in 北海道 (education);
    // a non-employee's activity never shows
    await Promise.all(
      employees.flatMap((e, i) => [
        svc.recordActivity({ activityId: `co-47-${i}`, userId: e.userId, municipalityCodes: ['472018'], verifiedAt: '2020-06-01T01:00:00Z', category: 'agriculture' }),
        i < 11
          ? svc.recordActivity({ activityId: `co-13-${i}`, userId: e.userId, municipalityCodes: ['131024'], verifiedAt: '2020-07-01T01:00:00Z', category: 'agriculture' })
          : svc.recordActivity({ activityId: `co-01-${i}`, userId: e.userId, municipalityCodes: ['011002'], verifiedAt: '2020-08-01T01:00:00Z', category: 'education' }),
      ]),
    );
    await svc.recordActivity({ activityId: 'co-outsider', userId: participant.userId, municipalityCodes: ['011002'], verifiedAt: '2020-08-01T01:00:00Z', category: 'education' });
    const path = `/stats/companies/${companyId}/participation?date=2021-03-31`;
    const full = (await get(path, admin).expect(200)).body;
    expect(full).toMatchObject({ companyId, fiscalYear: 2020, period: { from: '2020-04-01', to: '2021-03-31' } });
    expect(full.employees.value).toBe(12);
    expect(full.total.activePersons.value).toBe(12);
    expect(full.total.activities.value).toBe(24);
    expect(full.byPrefecture.map((c: { key: string; activePersons: { value: number } }) => [c.key, c.activePersons.value])).toEqual([['01', 1], ['13', 11], ['47', 12]]);
    expect(full.byCategory.map((c: { key: string; activePersons: { value: number } }) => [c.key, c.activePersons.value])).toEqual([['agriculture', 12], ['education', 1]]);

    const seen = (await get(path, companyAdmin).expect(200)).body;
    // 1 employee in 北海道 is suppressed, and 東京 (11) with it (secondary), so 北海道 cannot be derived
    const byPref = Object.fromEntries(seen.byPrefecture.map((c: { key: string; activePersons: unknown }) => [c.key, c.activePersons]));
    expect(byPref['01']).toEqual(expect.objectContaining({ value: null, suppressed: true }));
    expect(byPref['13']).toEqual(expect.objectContaining({ value: null, suppressed: true }));
    expect(byPref['47']).toEqual(expect.objectContaining({ value: 12 }));
    expect(seen.byCategory.every((c: { activePersons: { value: number | null } }) => c.activePersons.value === null)).toBe(true);
    // a value of 1–9 never reaches the company admin
    const values = JSON.stringify(seen).match(/"value":(\d+)/g)!.map((v) => Number(v.split(':')[1]));
    expect(values.every((v) => v === 0 || v >= 10)).toBe(true);

    await get(path, otherAdmin).expect(404);
    await get(`/stats/companies/not-a-uuid/participation`, admin).expect(404);
    await get(path, hq).expect(403);
  });

  it('admin-defined 広域リージョン: exact distinct 実人数, backfilled when defined after data exists, then maintained; validation', async () => {
    const svc = api.app.get(RelationshipsService);
    const post = (body: object, user: TestUser) => request(api.app.getHttpServer()).post('/api/v1/stats/custom-regions').set('authorization', `Bearer ${user.accessToken}`).send(body);
    const uid = (n: number) => `00000000-0000-4000-8000-${String(700 + n).padStart(12, '0')}`;
    // FY2018 activities (lapsed long before the dates the other tests read): 5 persons in 小樽市,
    // 4 in 旭川市, and one whose activity was in both (counts once in the region, twice in 延べ)
    const act = (n: number, codes: string[], day = '2018-06-01') =>
      svc.recordActivity({ activityId: `cr-${n}`, userId: uid(n), municipalityCodes: codes, verifiedAt: `${day}T01:00:00Z`, profile: { residenceMunicipalityCode: '271004' } });
    await Promise.all([...Array.from({ length: 5 }, (_, i) => act(i, ['012033'])), ...Array.from({ length: 4 }, (_, i) => act(10 + i, ['012041'])), act(20, ['012033', '012041'])]);
    const created = await post({ code: 'otaru_asahikawa', name: '小樽・旭川リージョン', municipalityCodes: ['012041', '012033', '012033'] }, admin).expect(201);
    expect(created.body).toMatchObject({ code: 'otaru_asahikawa', municipalityCodes: ['012033', '012041'], backfilledPersons: 10 });
    const read = async (user = hq) => {
      const body = (await get('/stats/scopes/custom/otaru_asahikawa?date=2018-12-31', user).expect(200)).body;
      return { body, value: (id: string) => body.metrics.find((m: { metric: string }) => m.metric === id).value };
    };
    const before = await read();
    expect(before.value('real_persons')).toBe(10); // 5 + 4 + 1 distinct
    expect(before.value('cumulative_persons')).toBe(11); // 5 + 4 + 2 pairs
    expect(before.body.children.map((c: { code: string }) => c.code)).toEqual(['012033', '012041']);
    // written after the definition (both paths): maintained incrementally, the registry reloads the regions
    await act(30, ['012033'], '2018-07-01');
    await svc.enqueueActivity({ activityId: 'cr-31', userId: uid(31), municipalityCodes: ['012041'], verifiedAt: '2018-07-01T01:00:00Z', profile: { residenceMunicipalityCode: '271004' } });
    await svc.drainPending();
    expect((await read()).value('real_persons')).toBe(12);
    expect((await get('/stats/custom-regions', hq).expect(200)).body.items.map((r: { code: string }) => r.code)).toContain('otaru_asahikawa');
    // the recount (I3) agrees, region included
    expect((await api.app.get(RecountService).verify()).ok).toBe(true);
    // staff cannot see a custom scope; bad input is 400/409/422, never 500
    await get('/stats/scopes/custom/otaru_asahikawa?date=2018-12-31', prefStaff).expect(404);
    await post({ code: 'otaru_asahikawa', name: '重複', municipalityCodes: ['012033'] }, admin).expect(409);
    const unknown = await post({ code: 'nowhere', name: '存在しない', municipalityCodes: ['999999'] }, admin).expect(422);
    expect(unknown.body.code).toBe('STATS_REGION_UNKNOWN_MUNICIPALITY');
    await post({ code: 'Bad Code', name: 'x', municipalityCodes: ['012033'] }, admin).expect(400);
    await post({ code: 'empty_region', name: 'x', municipalityCodes: [] }, admin).expect(400);
    await post({ code: 'otaru_only', name: 'x', municipalityCodes: ['012033'] }, hq).expect(403);
    // a region of one small town is suppressed like the town itself (1 ≤ v < k), for everyone but admins
    await post({ code: 'otaru_only', name: '小樽のみ', municipalityCodes: ['012033'] }, admin).expect(201);
    const small = (await get('/stats/scopes/custom/otaru_only?date=2018-12-31', hq).expect(200)).body;
    expect(small.metrics.find((m: { metric: string }) => m.metric === 'real_persons')).toMatchObject({ value: null, suppressed: true, label: '10未満' });
    const exact = (await get('/stats/scopes/custom/otaru_only?date=2018-12-31', admin).expect(200)).body;
    const real = exact.metrics.find((m: { metric: string }) => m.metric === 'real_persons').value;
    expect(real).toBeGreaterThanOrEqual(1);
    expect(real).toBeLessThan(10);
    // deleting a region drops it and its counts (admins only, audited); the recount still agrees
    const del = (code: string, user: TestUser) => request(api.app.getHttpServer()).delete(`/api/v1/stats/custom-regions/${code}`).set('authorization', `Bearer ${user.accessToken}`);
    await del('otaru_only', hq).expect(403);
    await del('otaru_only', admin).expect(204);
    const again = await del('otaru_only', admin).expect(404);
    expect(again.body.code).toBe('STATS_REGION_NOT_FOUND');
    await get('/stats/scopes/custom/otaru_only?date=2018-12-31', admin).expect(404);
    expect((await get('/stats/custom-regions', hq).expect(200)).body.items.map((r: { code: string }) => r.code)).not.toContain('otaru_only');
    const ds = api.app.get(DataSource);
    const [{ n }] = await ds.query(
      `SELECT (SELECT count(*) FROM count_deltas WHERE scope_type = 'custom' AND scope_code = 'otaru_only')
            + (SELECT count(*) FROM count_daily WHERE scope_type = 'custom' AND scope_code = 'otaru_only')::int AS n`,
    );
    expect(Number(n)).toBe(0);
    expect(await ds.query(`SELECT 1 FROM audit_log WHERE action = 'stats.custom_region.delete' AND target_id = 'custom:otaru_only'`)).toHaveLength(1);
    expect((await api.app.get(RecountService).verify()).ok).toBe(true);
    // the other region is untouched
    expect((await read()).value('real_persons')).toBe(12);

    // redefining a region (admins only, audited) rebuilds its counts for every date from the ledger
    const put = (code: string, body: object, user: TestUser) =>
      request(api.app.getHttpServer()).put(`/api/v1/stats/custom-regions/${code}`).set('authorization', `Bearer ${user.accessToken}`).send(body);
    await put('otaru_asahikawa', { name: '旭川のみ', municipalityCodes: ['012041'] }, hq).expect(403);
    const narrowed = await put('otaru_asahikawa', { name: '旭川リージョン', municipalityCodes: ['012041', '012041'] }, admin).expect(200);
    expect(narrowed.body).toMatchObject({ code: 'otaru_asahikawa', name: '旭川リージョン', municipalityCodes: ['012041'], backfilledPersons: 6 });
    const afterNarrow = await read(admin); // below 10: only admins see the exact figure
    expect(afterNarrow.value('real_persons')).toBe(6); // 4 + the one in both + cr-31
    expect(afterNarrow.value('cumulative_persons')).toBe(6);
    expect(afterNarrow.body.children.map((c: { code: string }) => c.code)).toEqual(['012041']);
    expect((await api.app.get(RecountService).verify()).ok).toBe(true);
    // widening it back gives the first figures again
    await put('otaru_asahikawa', { name: '小樽・旭川リージョン', municipalityCodes: ['012033', '012041'] }, admin).expect(200);
    expect((await read()).value('real_persons')).toBe(12);
    const audit = await ds.query(`SELECT metadata FROM audit_log WHERE action = 'stats.custom_region.update' AND target_id = 'custom:otaru_asahikawa' ORDER BY occurred_at, id`);
    expect(audit.map((r: { metadata: { before: string[]; after: string[] } }) => [r.metadata.before, r.metadata.after])).toEqual([
      [['012033', '012041'], ['012041']],
      [['012041'], ['012033', '012041']],
    ]);
    // bad input: 404 for an undefined region, 422 for an unknown municipality, 400 for a malformed body; nothing changes
    expect((await put('never_defined', { name: 'x', municipalityCodes: ['012033'] }, admin).expect(404)).body.code).toBe('STATS_REGION_NOT_FOUND');
    expect((await put('otaru_asahikawa', { name: 'x', municipalityCodes: ['999999'] }, admin).expect(422)).body.code).toBe('STATS_REGION_UNKNOWN_MUNICIPALITY');
    await put('otaru_asahikawa', { name: '', municipalityCodes: [] }, admin).expect(400);
    await put('otaru_asahikawa', { code: 'renamed', name: 'x', municipalityCodes: ['012033'] }, admin).expect(400);
    expect((await read()).value('real_persons')).toBe(12);
  });

  it('timeseries per month and 年度', async () => {
    const res = await get('/stats/timeseries?scopeType=nation&code=JP&interval=month&from=2025-04-01&to=2025-07-31', hq).expect(200);
    expect(res.body.points.map((p: { value: number }) => p.value)).toEqual([0, 0, 40, 40]);
    const fy = await get('/stats/timeseries?scopeType=nation&code=JP&interval=fiscal_year&metric=new_real_persons&from=2024-04-01&to=2026-03-31', hq).expect(200);
    expect(fy.body.points).toEqual([
      expect.objectContaining({ period: 'FY2024', value: 0 }),
      expect.objectContaining({ period: 'FY2025', value: 40 }),
    ]);
  });

  it('targets: national ones seeded; staff set their own with milestones; progress vs the straight line', async () => {
    const nation = await get('/targets/nation/JP?date=2030-04-01', hq).expect(200);
    const real = nation.body.targets.find((t: { metric: string }) => t.metric === 'real_persons');
    expect(real).toMatchObject({ version: 1, targetValue: 10_000_000, targetFiscalYear: 2034, actual: 40 });
    expect(real.gap).toBe(40 - real.planned);
    expect(real.planned).toBeGreaterThan(4_900_000);
    expect(real.milestones.map((m: { years: number }) => m.years)).toEqual([1, 3, 5]);

    const put = (path: string, user: TestUser, body: object) =>
      request(api.app.getHttpServer()).put(`/api/v1${path}`).set('authorization', `Bearer ${user.accessToken}`).send(body);
    const body = { metric: 'real_persons', targetFiscalYear: 2030, targetValue: 1000, milestones: [{ fiscalYear: 2027, value: 100 }] };
    const mine = await put('/targets/municipality/131016', muniStaff, body).expect(200);
    expect(mine.body.targets[0]).toMatchObject({ targetValue: 1000, targetFiscalYear: 2030 });
    expect(mine.body.targets[0].milestones).toContainEqual(expect.objectContaining({ fiscalYear: 2027, value: 100, explicit: true }));
    // 千代田区 has 3 persons: below prefecture level every count-derived figure is 秘匿 for staff
    // (the straight-line value and derived milestones too: they reveal the baseline) …
    const onDate = await get('/targets/municipality/131016?date=2026-03-31', muniStaff).expect(200);
    expect(onDate.body.targets[0]).toMatchObject({ actual: null, baselineValue: null, planned: null, gap: null, achievementRate: null, suppressed: true, label: '10未満', targetValue: 1000 });
    for (const m of onDate.body.targets[0].milestones) expect(m.explicit || m.value === null).toBe(true);
    // … while an admin sees the exact figures.
    const exact = await get('/targets/municipality/131016?date=2026-03-31', admin).expect(200);
    expect(exact.body.targets[0]).toMatchObject({ actual: 3 });
    expect(exact.body.targets[0].suppressed).toBeUndefined();
    await put('/targets/municipality/131024', muniStaff, body).expect(404);
    await put('/targets/nation/JP', prefStaff, body).expect(404);
    await put('/targets/municipality/131016', hq, body).expect(403);
    await put('/targets/municipality/131016', muniStaff, { ...body, targetValue: -1 }).expect(400);
    await get('/targets/municipality/131024', hq).expect(404); // none set
  });

  it('flows: origin prefecture → destination, suppressed below k for non-admins', async () => {
    const res = await get('/stats/flows?date=2026-03-31', hq).expect(200);
    expect(res.body.cells).toContainEqual(expect.objectContaining({ origin: '27', destination: '13', value: 28 }));
    expect(res.body.cells).toContainEqual(expect.objectContaining({ origin: '27', destination: '14', value: 12 }));
    const staff = await get('/stats/flows?date=2026-03-31', prefStaff).expect(200);
    expect(staff.body.cells.every((c: { destination: string }) => c.destination === '13')).toBe(true);

    // the same matrix as CSV, keyed by 6-digit 地方公共団体コード (no scope needed); staff see their prefecture's column only
    const csv = async (user: TestUser) =>
      ((await get('/stats/export?table=flows&date=2026-03-31', user).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200)).body as Buffer).toString('utf8');
    const all = await csv(hq);
    expect(all.startsWith('\uFEFF居住地の地方公共団体コード,居住地,関わり先の地方公共団体コード,関わり先,年度,基準日,指標,版,値\r\n')).toBe(true);
    expect(all).toContain('\r\n270008,大阪府,130001,東京都,2025,2026-03-31,real_persons,1,28\r\n');
    expect(all).toContain('\r\n270008,大阪府,140007,神奈川県,2025,2026-03-31,real_persons,1,12\r\n');
    expect(all.trim().split('\r\n')).toHaveLength(1 + res.body.cells.length);
    const mine = (await csv(prefStaff)).trim().split('\r\n').slice(1);
    expect(mine.length).toBe(staff.body.cells.length);
    expect(mine.every((line) => line.split(',')[2] === '130001')).toBe(true);
    await get('/stats/export?table=flows&date=2026-03-31', muniStaff).expect(404);
    await get('/stats/export?table=children&date=2026-03-31', hq).expect(400); // other tables still need their scope
  });

  it('overlap between two municipalities', async () => {
    const svc = api.app.get(RelationshipsService);
    // one 千代田区 person also becomes related to 中央区
    await svc.recordActivity({ activityId: 'stats-overlap-1', userId: '00000000-0000-4000-8000-000000000001', municipalityCodes: ['131024'], verifiedAt: '2025-07-01T01:00:00Z' });
    const res = await get('/stats/overlap?a=131016&b=131024&date=2026-03-31', admin).expect(200);
    expect(res.body.a).toMatchObject({ code: '131016', value: 3 });
    expect(res.body.b).toMatchObject({ code: '131024', value: 26 });
    expect(res.body.both).toMatchObject({ metric: 'real_persons', value: 1 });
    const hqView = await get('/stats/overlap?a=131016&b=131024&date=2026-03-31', hq).expect(200);
    expect(hqView.body.both).toMatchObject({ suppressed: true, value: null });
    await get('/stats/overlap?a=131016&b=131024&date=2026-03-31', muniStaff).expect(404);
  });

  it('export: UTF-8 with BOM and CRLF by default, CP932 on request, audited', async () => {
    const res = await get('/stats/export?table=children&scopeType=prefecture&code=13&date=2026-03-31', hq).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const text = (res.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF地方公共団体コード,名称,年度,基準日,指標,版,値\r\n')).toBe(true);
    expect(text).toContain('\r\n130001,東京都,2025,2026-03-31,real_persons,1,28\r\n');
    expect(text).toContain('131016,千代田区,2025,2026-03-31,real_persons,1,10未満');
    expect(res.headers['content-type']).toContain('text/csv');
    const sjis = await get('/stats/export?table=children&scopeType=prefecture&code=13&date=2026-03-31&encoding=cp932', hq).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const raw = sjis.body as Buffer;
    expect(raw[0]).not.toBe(0xef); // no BOM in CP932
    expect(raw.includes(Buffer.from([0x93, 0x8c, 0x8b, 0x9e]))).toBe(true); // 東京 in Shift_JIS
    const audit = await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'stats.export' AND target_id = 'children:prefecture:13'`);
    expect(audit[0].n).toBe(2);
  });
});
