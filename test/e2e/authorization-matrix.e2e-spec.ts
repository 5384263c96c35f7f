import request from 'supertest';
import { OrganizationsService } from '@app/organizations';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser, type TestUser } from '../support/identity';

/**
 * Authorization matrix: every operation of the OpenAPI document (/api/docs-json) is called as
 * every role, and the status class must match this table. An operation without an entry fails
 * the test — add one entry per operationId (`<Controller>_<method>`) when you add a route.
 */

export type Who =
  | 'anonymous'
  | 'participant'
  | 'companyAdmin'
  | 'staffA' // municipality_staff of 千代田区 (131016)
  | 'staffB' // municipality_staff of 札幌市 (011002)
  | 'prefectureStaff' // prefecture_staff of 東京都 (13): sees 千代田区, not 札幌市
  | 'hqAnalyst'
  | 'admin';

const EVERYONE: Who[] = ['anonymous', 'participant', 'companyAdmin', 'staffA', 'staffB', 'prefectureStaff', 'hqAnalyst', 'admin'];

/** '2xx' = any success; 400 = allowed, but the body sent was (deliberately) invalid. */
type Outcome = '2xx' | 400 | 401 | 403 | 404 | 409;
type Expectation = Record<Who, Outcome>;

export interface Fixtures {
  users: Record<Exclude<Who, 'anonymous'>, TestUser>;
  spare: TestUser; // used as "anonymous" where a credential is needed in a body
  orgA: string; // organization id of 千代田区
  orgB: string; // organization id of 札幌市
  prefectureOrg: string; // 東京都
  companyId: string; // company of companyAdmin
  disableTarget: string; // a user the admin may disable
  invitationToken: string; // addressed to the participant
}

export interface MatrixEntry {
  /** Values of the path's {params}. */
  params?: (fx: Fixtures, who: Who) => Record<string, string>;
  query?: (fx: Fixtures, who: Who) => Record<string, string>;
  body?: (fx: Fixtures, who: Who) => unknown;
  expect: Expectation;
}

// --- presets: build an Expectation, then override single roles with spread ---------------------
const all = (outcome: Outcome): Expectation =>
  Object.fromEntries(EVERYONE.map((w) => [w, outcome])) as Expectation;
/** Anonymous routes. */
const open = (): Expectation => all('2xx');
/** Any signed-in user. */
const signedIn = (): Expectation => ({ ...all('2xx'), anonymous: 401 });
/** Only these roles; other signed-in roles 403, anonymous 401. */
const only = (...who: Who[]): Expectation => ({
  ...all(403),
  anonymous: 401,
  ...Object.fromEntries(who.map((w) => [w, '2xx' as Outcome])),
});

let seq = 0;
const unique = (who: Who, label: string) => `${label}-${who}-${Date.now()}-${++seq}@example.jp`;
/** A project id that does not exist: scope and role checks answer before any lookup would succeed. */
const MISSING_PROJECT = '00000000-0000-4000-8000-000000000000';

export const MATRIX: Record<string, MatrixEntry> = {
  // platform
  Health_live: { expect: open() },
  Health_ready: { expect: open() },

  // regions (public master data)
  Regions_listPrefectures: { expect: open() },
  Regions_getPrefecture: { params: () => ({ code: '13' }), expect: open() },
  Regions_listRegions: { expect: open() },
  Regions_searchMunicipalities: { query: () => ({ prefectureCode: '13', limit: '5' }), expect: open() },
  Regions_getMunicipality: { params: () => ({ code: '131016' }), expect: open() },

  // identity
  Auth_register: {
    body: (_fx, who) => ({ email: unique(who, 'matrix-register'), password: '登録マトリクスのパスワード' }),
    expect: open(),
  },
  Auth_login: {
    body: (fx, who) => {
      const u = who === 'anonymous' ? fx.spare : fx.users[who];
      return { email: u.email, password: u.password };
    },
    expect: open(),
  },
  Auth_refresh: {
    body: (fx, who) => ({ refreshToken: (who === 'anonymous' ? fx.spare : fx.users[who]).refreshToken }),
    expect: open(),
  },
  Auth_logout: { body: () => ({ refreshToken: 'x'.repeat(43) }), expect: open() },
  Account_me: { expect: signedIn() },
  // An empty body (no password) keeps the participant: allowed roles answer 400, others 403.
  Account_deleteMe: { body: () => ({}), expect: { ...only(), participant: 400 } },

  // organizations
  Admin_createMunicipalityOrganization: { body: () => ({ municipalityCode: '13102' }), expect: only('admin') },
  Admin_createPrefectureOrganization: { body: () => ({ prefectureCode: '27' }), expect: only('admin') },
  Admin_createCompany: { body: () => ({ name: 'マトリクス株式会社', corporateNumber: '7000012050002' }), expect: only('admin') },
  Admin_listOrganizations: { expect: only('admin') },
  Admin_createStaffAccount: {
    params: (fx) => ({ organizationId: fx.orgA }),
    body: (_fx, who) => ({ email: unique(who, 'matrix-staff'), password: '職員マトリクスのパスワード' }),
    expect: only('admin'),
  },
  Admin_createUser: {
    body: (_fx, who) => ({ email: unique(who, 'matrix-hq'), password: '本部マトリクスのパスワード', role: 'hq_analyst' }),
    expect: only('admin'),
  },
  Admin_disableUser: { params: (fx) => ({ userId: fx.disableTarget }), expect: only('admin') },
  Organizations_getOrganization: {
    params: (fx) => ({ organizationId: fx.orgA }),
    expect: { ...only('staffA', 'prefectureStaff', 'admin', 'staffB', 'companyAdmin'), staffB: 404, companyAdmin: 404 },
  },
  Organizations_inviteEmployee: {
    params: (fx) => ({ organizationId: fx.companyId }),
    body: (_fx, who) => ({ email: unique(who, 'matrix-invite') }),
    expect: only('companyAdmin'),
  },
  Organizations_acceptInvitation: {
    body: (fx) => ({ token: fx.invitationToken }),
    expect: only('participant'),
  },
  // --- relationships: HQ statistics (staff see their scope; out of scope is 404) ---
  Stats_summary: { query: () => ({ date: '2026-03-31' }), expect: only('staffA', 'staffB', 'prefectureStaff', 'hqAnalyst', 'admin') },
  Stats_scope: {
    params: () => ({ scopeType: 'municipality', code: '131016' }),
    expect: { ...only('staffA', 'prefectureStaff', 'hqAnalyst', 'admin'), staffB: 404 },
  },
  Stats_timeseries: {
    query: () => ({ scopeType: 'municipality', code: '131016', from: '2025-04-01', to: '2026-03-31' }),
    expect: { ...only('staffA', 'prefectureStaff', 'hqAnalyst', 'admin'), staffB: 404 },
  },
  Stats_breakdowns: {
    query: () => ({ scopeType: 'prefecture', code: '13', dimension: 'basis' }),
    expect: { ...only('prefectureStaff', 'hqAnalyst', 'admin'), staffA: 404, staffB: 404 },
  },
  Stats_flows: { query: () => ({ date: '2026-03-31' }), expect: only('prefectureStaff', 'hqAnalyst', 'admin') },
  Stats_overlap: {
    query: () => ({ a: '131016', b: '131024' }),
    expect: { ...only('prefectureStaff', 'hqAnalyst', 'admin'), staffA: 404, staffB: 404 },
  },
  Stats_export: {
    query: () => ({ table: 'children', scopeType: 'municipality', code: '131016' }),
    expect: { ...only('staffA', 'prefectureStaff', 'hqAnalyst', 'admin'), staffB: 404 },
  },
  Stats_companyParticipation: { params: (fx) => ({ companyId: fx.companyId }), expect: only('companyAdmin', 'admin') },
  CustomRegions_list: { expect: only('hqAnalyst', 'admin') },
  CustomRegions_create: {
    body: () => ({ code: 'matrix_region', name: 'マトリクス広域リージョン', municipalityCodes: ['131016', '131024'] }),
    expect: only('admin'),
  },
  // a region nobody defined: the admin passes the role check and gets 404
  CustomRegions_update: {
    params: () => ({ code: 'matrix_region_never_defined' }),
    body: () => ({ name: 'マトリクス広域リージョン', municipalityCodes: ['131016'] }),
    expect: { ...only('admin'), admin: 404 },
  },
  CustomRegions_remove: { params: () => ({ code: 'matrix_region_never_defined' }), expect: { ...only('admin'), admin: 404 } },
  // --- relationships: KPI targets (national seeded; staff set their own scope) ---
  Targets_get: {
    params: () => ({ scopeType: 'nation', code: 'JP' }),
    expect: { ...only('hqAnalyst', 'admin'), staffA: 404, staffB: 404, prefectureStaff: 404 },
  },
  Targets_put: {
    params: () => ({ scopeType: 'municipality', code: '131016' }),
    body: () => ({ metric: 'real_persons', targetFiscalYear: 2030, targetValue: 1000 }),
    expect: { ...only('staffA', 'prefectureStaff', 'admin'), staffB: 404 },
  },
  // --- notifications: own inbox and preferences; unsubscribe by signed token; admin views ---
  MeNotifications_list: { query: () => ({ limit: '5' }), expect: signedIn() },
  MeNotifications_unreadCount: { expect: signedIn() },
  MeNotifications_markAllRead: { expect: signedIn() },
  MeNotifications_markRead: { params: () => ({ id: '987654321' }), expect: { ...all(404), anonymous: 401 } },
  MeNotifications_getPreferences: { expect: signedIn() },
  MeNotifications_putPreferences: { body: () => ({ language: 'ja' }), expect: signedIn() },
  NotificationsPublic_unsubscribe: { query: () => ({ token: 'not-a-valid-token.xyz' }), expect: all(400) },
  AdminNotifications_failures: { expect: only('admin') },
  AdminQueues_createSession: { expect: only('admin') },
  AdminNotifications_setWebhook: {
    params: (fx) => ({ organizationId: fx.orgA }),
    body: () => ({ url: 'http://127.0.0.1:9/hook', secret: 'matrix-webhook-secret-0123' }),
    expect: only('admin'),
  },
  // --- projects: staff of the host (or a co-host) manage; discovery and published projects are public ---
  Projects_create: {
    body: () => ({
      title: '権限マトリクスの確認用プロジェクト',
      description: '認可の表を確かめるための下書きです。',
      hostMunicipalityCode: '131016',
      category: 'living_environment',
      mode: 'onsite',
      startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 31 * 86_400_000).toISOString(),
      applicationDeadline: new Date(Date.now() + 20 * 86_400_000).toISOString(),
      capacity: 5,
      compensation: 'volunteer',
    }),
    expect: only('staffA', 'admin'), // staffB: 403 PROJECT_HOST_OUT_OF_SCOPE (千代田区 is not theirs)
  },
  Projects_update: { params: () => ({ id: MISSING_PROJECT }), body: () => ({ title: '変更' }), expect: { ...only(), staffA: 404, staffB: 404, admin: 404 } },
  Projects_publish: { params: () => ({ id: MISSING_PROJECT }), expect: { ...only(), staffA: 404, staffB: 404, admin: 404 } },
  Projects_close: { params: () => ({ id: MISSING_PROJECT }), expect: { ...only(), staffA: 404, staffB: 404, admin: 404 } },
  Projects_complete: { params: () => ({ id: MISSING_PROJECT }), expect: { ...only(), staffA: 404, staffB: 404, admin: 404 } },
  Projects_cancel: { params: () => ({ id: MISSING_PROJECT }), body: () => ({}), expect: { ...only(), staffA: 404, staffB: 404, admin: 404 } },
  Projects_discover: { query: () => ({ q: '蕎麦', limit: '5' }), expect: open() },
  Projects_get: { params: () => ({ id: MISSING_PROJECT }), expect: all(404) },
  StaffProjects_list: { expect: only('staffA', 'staffB', 'admin') },
  // --- participants: the participant's own profile, consents and furusato registrations ---
  MeProfile_getProfile: { expect: { ...only(), participant: 404 } }, // no profile saved (putProfile is sent invalid)
  MeProfile_putProfile: { body: () => ({ displayName: '' }), expect: { ...only(), participant: 400 } },
  MeProfile_getConsents: { expect: only('participant') },
  MeProfile_putConsent: { params: () => ({ purpose: 'receive_digest' }), body: () => ({ granted: true }), expect: only('participant') },
  MeRegistrations_list: { expect: only('participant') },
  MeRegistrations_register: { body: () => ({}), expect: { ...only(), participant: 400 } },
  MeRegistrations_withdraw: { params: () => ({ municipalityCode: '011002' }), expect: { ...only(), participant: 404 } },
  MeRegistrations_requestPremium: { params: () => ({ municipalityCode: '011002' }), expect: { ...only(), participant: 404 } },
  // --- participation: applications and check-in (staff of the project's municipalities; out of scope is 404) ---
  ProjectApplications_apply: { params: () => ({ projectId: MISSING_PROJECT }), body: () => ({}), expect: { ...only(), participant: 404 } },
  ProjectApplications_listForProject: {
    params: () => ({ projectId: MISSING_PROJECT }),
    expect: { ...only(), staffA: 404, staffB: 404, prefectureStaff: 404, admin: 404 },
  },
  ProjectApplications_issueCheckInCode: {
    params: () => ({ projectId: MISSING_PROJECT }),
    expect: { ...only(), staffA: 404, staffB: 404, prefectureStaff: 404, admin: 404 },
  },
  ProjectApplications_checkIn: { params: () => ({ projectId: MISSING_PROJECT }), body: () => ({ code: '123456' }), expect: { ...only(), participant: 404 } },
  Applications_get: { params: () => ({ id: MISSING_PROJECT }), expect: { ...all(404), anonymous: 401 } },
  Applications_accept: { params: () => ({ id: MISSING_PROJECT }), expect: { ...only(), staffA: 404, staffB: 404, prefectureStaff: 404, admin: 404 } },
  Applications_reject: { params: () => ({ id: MISSING_PROJECT }), expect: { ...only(), staffA: 404, staffB: 404, prefectureStaff: 404, admin: 404 } },
  Applications_waitlist: { params: () => ({ id: MISSING_PROJECT }), expect: { ...only(), staffA: 404, staffB: 404, prefectureStaff: 404, admin: 404 } },
  Applications_withdraw: { params: () => ({ id: MISSING_PROJECT }), expect: { ...only(), participant: 404 } },
  Applications_attended: { params: () => ({ id: MISSING_PROJECT }), expect: { ...only(), staffA: 404, staffB: 404, prefectureStaff: 404, admin: 404 } },
  Applications_noShow: { params: () => ({ id: MISSING_PROJECT }), expect: { ...only(), staffA: 404, staffB: 404, prefectureStaff: 404, admin: 404 } },
  MyApplications_listMine: { expect: only('participant') },
  // --- matching: the matrix participant has no profile, so recommendations answer 409 ---
  Recommendations_list: { expect: { ...only(), participant: 409 } },
  Scouting_listCandidates: { params: () => ({ id: MISSING_PROJECT }), expect: { ...only(), staffA: 404, staffB: 404, prefectureStaff: 404, admin: 404 } },
  Scouting_invite: {
    params: () => ({ id: MISSING_PROJECT }),
    body: () => ({ candidateId: 'x' }),
    expect: { ...only(), staffA: 404, staffB: 404, prefectureStaff: 404, admin: 404 },
  },
  Scouting_listInvitations: { params: () => ({ id: MISSING_PROJECT }), expect: { ...only(), staffA: 404, staffB: 404, prefectureStaff: 404, admin: 404 } },
  MyInvitations_listMine: { expect: only('participant') },
  MyInvitations_accept: { params: () => ({ id: MISSING_PROJECT }), expect: { ...only(), participant: 404 } },
  MyInvitations_decline: { params: () => ({ id: MISSING_PROJECT }), expect: { ...only(), participant: 404 } },
};

interface Operation {
  operationId: string;
  method: string;
  path: string;
}

describe('authorization matrix (e2e)', () => {
  let api: TestApi;
  let fx: Fixtures;
  let operations: Operation[];

  beforeAll(async () => {
    api = await startTestApi({ TRUST_PROXY: 'true' });
    const [participant, companyAdmin, staffA, staffB, prefectureStaff, hqAnalyst, admin, spare, target] = await Promise.all([
      createUser(api, { role: 'participant' }),
      createUser(api, { role: 'company_admin' }),
      createUser(api, { role: 'municipality_staff', municipalityCode: '131016' }),
      createUser(api, { role: 'municipality_staff', municipalityCode: '011002' }),
      createUser(api, { role: 'prefecture_staff', prefectureCode: '13' }),
      createUser(api, { role: 'hq_analyst' }),
      createUser(api, { role: 'admin' }),
      createUser(api, { role: 'participant' }),
      createUser(api, { role: 'participant' }),
    ]);
    const orgs = api.app.get(OrganizationsService);
    const me = await request(api.app.getHttpServer()).get('/api/v1/me').set('authorization', `Bearer ${companyAdmin.accessToken}`).expect(200);
    const companyId = me.body.scope.companyIds[0] as string;
    const invite = await request(api.app.getHttpServer())
      .post(`/api/v1/organizations/${companyId}/invitations`)
      .set('authorization', `Bearer ${companyAdmin.accessToken}`)
      .send({ email: participant.email })
      .expect(201);
    fx = {
      users: { participant, companyAdmin, staffA, staffB, prefectureStaff, hqAnalyst, admin },
      spare,
      orgA: (await orgs.ensureMunicipalityOrganization('131016', null)).id,
      orgB: (await orgs.ensureMunicipalityOrganization('011002', null)).id,
      prefectureOrg: (await orgs.ensurePrefectureOrganization('13', null)).id,
      companyId,
      disableTarget: target.userId,
      invitationToken: invite.body.token as string,
    };
    const doc = await request(api.app.getHttpServer()).get('/api/docs-json').expect(200);
    operations = [];
    for (const [path, item] of Object.entries(doc.body.paths as Record<string, Record<string, { operationId?: string }>>)) {
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        operations.push({ operationId: op.operationId ?? `${method} ${path}`, method, path });
      }
    }
  }, 120_000);
  afterAll(() => api.close());

  it('has an entry for every operation of the OpenAPI document, and no stale entries', () => {
    const documented = new Set(operations.map((o) => o.operationId));
    const missing = operations.filter((o) => !MATRIX[o.operationId]).map((o) => `${o.operationId} (${o.method.toUpperCase()} ${o.path})`);
    const stale = Object.keys(MATRIX).filter((id) => !documented.has(id));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    expect(operations.length).toBeGreaterThan(10);
  });

  it('answers every operation with the expected status class for every role', async () => {
    const mismatches: string[] = [];
    let ip = 0;
    for (const op of operations) {
      const entry = MATRIX[op.operationId];
      if (!entry) continue; // reported by the test above
      for (const who of EVERYONE) {
        const params = entry.params?.(fx, who) ?? {};
        const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
          if (!(name in params)) throw new Error(`${op.operationId}: no value for path parameter {${name}}`);
          return encodeURIComponent(params[name]);
        });
        let req = request(api.app.getHttpServer())[op.method as 'get'](url).set('x-forwarded-for', `10.9.${Math.floor(ip / 250)}.${(ip % 250) + 1}`);
        ip++;
        if (who !== 'anonymous') req = req.set('authorization', `Bearer ${fx.users[who].accessToken}`);
        if (entry.query) req = req.query(entry.query(fx, who));
        if (entry.body) req = req.send(entry.body(fx, who) as object);
        const res = await req;
        const want = entry.expect[who];
        const ok = want === '2xx' ? res.status >= 200 && res.status < 300 : res.status === want;
        if (!ok) mismatches.push(`${op.operationId} as ${who}: expected ${want}, got ${res.status} ${res.body?.code ?? ''}`);
        // Error bodies are problem details, never stack traces.
        if (res.status >= 400 && res.status !== 404 && res.body) expect(res.body.code).toEqual(expect.any(String));
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000); // ~40 operations × 8 roles, one request each
});
