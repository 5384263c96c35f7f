import { Client } from 'pg';
import request from 'supertest';
import { OrganizationsService } from '@app/organizations';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser, type TestUser } from '../support/identity';

const ADMIN_EMAIL = 'first-admin@example.jp';
const ADMIN_PASSWORD = '最初の管理者のパスワード';

// argon2 (≈ 50–100 ms a hash on 2 busy cores) makes some steps slower than jest's 5 s default.
jest.setTimeout(60_000);

describe('organizations and admin API (e2e)', () => {
  let api: TestApi;
  let db: Client;
  let adminToken: string;
  beforeAll(async () => {
    api = await startTestApi({ ADMIN_EMAIL, ADMIN_PASSWORD });
    db = new Client({ connectionString: api.db.url });
    await db.connect();
    const login = await http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
    adminToken = login.body.accessToken;
  });
  afterAll(async () => {
    await db.end();
    await api.close();
  });
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({
    get: (url: string) => http().get(url).set('authorization', `Bearer ${token}`),
    post: (url: string) => http().post(url).set('authorization', `Bearer ${token}`),
  });

  it('creates the first admin at start-up from ADMIN_EMAIL / ADMIN_PASSWORD, once', async () => {
    const me = await as(adminToken).get('/api/v1/me').expect(200);
    expect(me.body).toMatchObject({ email: ADMIN_EMAIL, role: 'admin' });
    const { IdentityService } = await import('@app/identity');
    const identity = api.app.get(IdentityService);
    const results = await Promise.all([1, 2, 3].map(() => identity.ensureBootstrapAdmin('other-admin@example.jp', ADMIN_PASSWORD)));
    expect(results).toEqual(['exists', 'exists', 'exists']);
    const admins = await db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin'`);
    expect(admins.rows[0].n).toBe(1);
  });

  it('creates one organization per municipality, validated through regions', async () => {
    const created = await as(adminToken).post('/api/v1/admin/organizations/municipalities').send({ municipalityCode: '15204' }).expect(201);
    expect(created.body).toMatchObject({ kind: 'municipality', municipalityCode: '152048', name: '三条市' });
    const again = await as(adminToken).post('/api/v1/admin/organizations/municipalities').send({ municipalityCode: '152048' }).expect(409);
    expect(again.body.code).toBe('ORGANIZATION_EXISTS');
    const badDigit = await as(adminToken).post('/api/v1/admin/organizations/municipalities').send({ municipalityCode: '152049' }).expect(400);
    expect(badDigit.body.code).toBe('LOCAL_GOV_CODE_CHECK_DIGIT');
    const ward = await as(adminToken).post('/api/v1/admin/organizations/municipalities').send({ municipalityCode: '011011' }).expect(201);
    expect(ward.body).toMatchObject({ municipalityCode: '011002', name: '札幌市' });
    const pref = await as(adminToken).post('/api/v1/admin/organizations/prefectures').send({ prefectureCode: '15' }).expect(201);
    expect(pref.body).toMatchObject({ kind: 'prefecture', prefectureCode: '15', name: '新潟県' });
  });

  it('validates the 法人番号 check digit', async () => {
    const ok = await as(adminToken).post('/api/v1/admin/organizations/companies').send({ name: 'トヨタ自動車株式会社', corporateNumber: '1180301018771' }).expect(201);
    expect(ok.body).toMatchObject({ kind: 'company', corporateNumber: '1180301018771' });
    const bad = await as(adminToken).post('/api/v1/admin/organizations/companies').send({ name: '偽物株式会社', corporateNumber: '2180301018771' }).expect(400);
    expect(bad.body.code).toBe('INVALID_CORPORATE_NUMBER');
    expect(bad.body.detail).toContain('法人番号');
  });

  it('creates staff scoped to their organization; other municipalities are 404, not 403', async () => {
    const orgA = await as(adminToken).post('/api/v1/admin/organizations/municipalities').send({ municipalityCode: '131016' }).expect(201);
    const orgB = await as(adminToken).post('/api/v1/admin/organizations/municipalities').send({ municipalityCode: '271004' }).expect(201);
    const staff = await as(adminToken)
      .post(`/api/v1/admin/organizations/${orgA.body.id}/staff`)
      .send({ email: 'staff-a@city.example.lg.jp', password: '千代田区の職員パスワード', displayName: '千代田 職員' })
      .expect(201);
    expect(staff.body).toMatchObject({ role: 'municipality_staff', organizationId: orgA.body.id });
    const login = await http().post('/api/v1/auth/login').send({ email: 'staff-a@city.example.lg.jp', password: '千代田区の職員パスワード' }).expect(200);
    const me = await as(login.body.accessToken).get('/api/v1/me').expect(200);
    expect(me.body.scope).toEqual({ municipalityCodes: ['131016'], prefectureCodes: [], companyIds: [] });
    await as(login.body.accessToken).get(`/api/v1/organizations/${orgA.body.id}`).expect(200);
    const other = await as(login.body.accessToken).get(`/api/v1/organizations/${orgB.body.id}`).expect(404);
    expect(other.body.code).toBe('ORGANIZATION_NOT_FOUND');
    await as(login.body.accessToken).get('/api/v1/organizations/00000000-0000-4000-8000-000000000000').expect(404);
    // Staff cannot use the admin API.
    await as(login.body.accessToken).post('/api/v1/admin/organizations/municipalities').send({ municipalityCode: '011002' }).expect(403);
    const audit = await db.query(`SELECT action FROM audit_log WHERE target_id IN ($1, $2) ORDER BY id`, [orgA.body.id, staff.body.userId]);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['organization.create', 'user.create', 'membership.create']));
  });

  it('company admins invite employees, who must accept before the link exists', async () => {
    const companyAdmin = await createUser(api, { role: 'company_admin' });
    const companyId = (await as(companyAdmin.accessToken).get('/api/v1/me').expect(200)).body.scope.companyIds[0];
    const employee: TestUser = await createUser(api, { role: 'participant', email: 'employee@example.co.jp' });
    const stranger = await createUser(api, { role: 'participant' });
    const orgs = api.app.get(OrganizationsService);

    const invite = await as(companyAdmin.accessToken).post(`/api/v1/organizations/${companyId}/invitations`).send({ email: 'Employee@Example.co.jp' }).expect(201);
    expect(await orgs.findEmployerIds(employee.userId)).toEqual([]);

    // Another company's admin cannot invite into this company (404: not in scope).
    const otherAdmin = await createUser(api, { role: 'company_admin' });
    await as(otherAdmin.accessToken).post(`/api/v1/organizations/${companyId}/invitations`).send({ email: 'x@example.jp' }).expect(404);
    await as(otherAdmin.accessToken).get(`/api/v1/organizations/${companyId}`).expect(404);

    // Mass assignment: no organizationId / role in the body.
    await as(employee.accessToken).post('/api/v1/organizations/invitations/accept').send({ token: invite.body.token, organizationId: companyId }).expect(400);
    // Someone else holding the token cannot use it.
    await as(stranger.accessToken).post('/api/v1/organizations/invitations/accept').send({ token: invite.body.token }).expect(404);
    const accepted = await as(employee.accessToken).post('/api/v1/organizations/invitations/accept').send({ token: invite.body.token }).expect(200);
    expect(accepted.body).toEqual({ organizationId: companyId });
    expect(await orgs.findEmployerIds(employee.userId)).toEqual([companyId]);
    // Single use.
    await as(employee.accessToken).post('/api/v1/organizations/invitations/accept').send({ token: invite.body.token }).expect(404);
    // Employment gives no staff scope.
    const me = await as(employee.accessToken).get('/api/v1/me').expect(200);
    expect(me.body.scope.companyIds).toEqual([]);
  });

  it('refuses an admin disabling themselves, and unknown users are 404', async () => {
    const me = await as(adminToken).get('/api/v1/me').expect(200);
    await as(adminToken).post(`/api/v1/admin/users/${me.body.id}/disable`).expect(409);
    await as(adminToken).get('/api/v1/me').expect(200);
    const unknown = await as(adminToken).post('/api/v1/admin/users/00000000-0000-4000-8000-000000000000/disable').expect(404);
    expect(unknown.body.code).toBe('USER_NOT_FOUND');
  });

  it('creates HQ analysts, refuses other roles through /admin/users', async () => {
    const hq = await as(adminToken).post('/api/v1/admin/users').send({ email: 'hq@cas.example.go.jp', password: '本部の分析担当パスワード', role: 'hq_analyst' }).expect(201);
    expect(hq.body.role).toBe('hq_analyst');
    await as(adminToken).post('/api/v1/admin/users').send({ email: 'x@example.jp', password: '本部の分析担当パスワード', role: 'municipality_staff' }).expect(400);
    const dup = await as(adminToken).post('/api/v1/admin/users').send({ email: 'HQ@cas.example.go.jp', password: '本部の分析担当パスワード', role: 'admin' }).expect(409);
    expect(dup.body.code).toBe('EMAIL_TAKEN');
  });
});
