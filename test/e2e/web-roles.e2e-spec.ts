// Web front end in Chromium for the session cookie, staff co-hosts and scouting, the participant's
// invitations, company admins and platform admins. Each person gets their own browser context
// (own cookie jar), as in real life. Uses apps/web/dist (or WEB_DIST_DIR): after web source
// changes run `npm run build:web` first.
import { join } from 'node:path';
import { Client } from 'pg';
import type { BrowserContext } from 'playwright-core';
import { createUser, type TestUser } from '../support/identity';
import { focused, login, openPage, scriptReadableState, startWebSuite, tabUntil, type WebSuite } from '../support/web-browser';

const WEB_DIST = process.env.WEB_DIST_DIR ?? join(__dirname, '..', '..', 'apps', 'web', 'dist');

// Generous: these walks take 10–30 s on an idle machine, several times that on a busy shared one.
jest.setTimeout(300_000);

describe('web: session cookie, co-hosts, scouting, company and admin pages (Chromium)', () => {
  let web: WebSuite;
  let baseUrl: string;
  let staff: TestUser;
  const tag = Date.now().toString(36);

  const apiFetch = async (path: string, token: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), authorization: `Bearer ${token}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  beforeAll(async () => {
    web = await startWebSuite({ LOGIN_RATE_LIMIT_PER_IP: '10000', SCOUT_INVITATIONS_PER_PROJECT_PER_DAY: '1', WEB_DIST_DIR: WEB_DIST });
    baseUrl = web.baseUrl;
    staff = await createUser(web.api, { role: 'municipality_staff', municipalityCode: '202011' }); // 長野市
  });

  afterAll(async () => {
    await web?.close();
  });

  afterEach(() => {
    expect(web.pageErrors.splice(0)).toEqual([]);
  });

  it('keeps the refresh token in an httpOnly cookie: a reload restores the session, logout ends it', async () => {
    const user = await createUser(web.api, { role: 'participant' });
    const context = await web.person();
    const page = await openPage(context, web.pageErrors);
    await login(page, baseUrl, user.email, user.password);
    const cookie = (await context.cookies()).find((c) => c.name === 'kakawari_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth', secure: false });
    // Nothing a script can read holds the refresh token (nor any token-sized secret).
    const readable = await scriptReadableState(page);
    expect(readable).not.toContain(cookie!.value);
    expect(readable).not.toMatch(/[A-Za-z0-9_-]{40,}/);

    await page.goto(`${baseUrl}/me/applications`);
    await page.getByRole('heading', { level: 1, name: '応募状況' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '応募状況' }).waitFor();
    expect(page.url()).toContain('/me/applications');
    // The cookie rotated on that refresh.
    const rotated = (await context.cookies()).find((c) => c.name === 'kakawari_refresh');
    expect(rotated?.value).toBeDefined();
    expect(rotated!.value).not.toBe(cookie!.value);

    // A new tab of the same browser starts signed out (shared office PCs): only the tab that
    // signed in (and its reloads) restores the session from the cookie.
    const other = await openPage(context, web.pageErrors);
    await other.goto(`${baseUrl}/me/applications`);
    await other.waitForURL(/\/login\?next=/);
    await other.close();

    // Role pages refuse other roles with a designed state (and no API data).
    await page.goto(`${baseUrl}/admin`);
    await page.getByText('このページを表示する権限がありません').waitFor();
    await web.a11y(page);

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/login/);
    expect((await context.cookies()).find((c) => c.name === 'kakawari_refresh')).toBeUndefined();
    await page.goto(`${baseUrl}/me/applications`);
    await page.waitForURL(/\/login\?next=/);
    await page.close();
  });

  it('「ログインしたままにする」: every tab of the browser is signed in, the cookie outlives the browser session; logout ends it everywhere', async () => {
    const user = await createUser(web.api, { role: 'participant' });
    const context = await web.person();
    const page = await openPage(context, web.pageErrors);
    await page.goto(`${baseUrl}/login`);
    await web.a11y(page); // the checkbox has its label and its hint
    await login(page, baseUrl, user.email, user.password, { remember: true });
    const cookie = (await context.cookies()).find((c) => c.name === 'kakawari_refresh');
    // persistent: expires about REFRESH_TOKEN_TTL_DAYS (30) from now, not at the end of the browser session (-1)
    expect(cookie!.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 86_400);
    expect(await scriptReadableState(page)).not.toContain(cookie!.value);

    const other = await openPage(context, web.pageErrors);
    await other.goto(`${baseUrl}/me/applications`);
    await other.getByRole('heading', { level: 1, name: '応募状況' }).waitFor();
    // that tab's refresh asked for the persistent cookie again
    const rotated = (await context.cookies()).find((c) => c.name === 'kakawari_refresh');
    expect(rotated!.value).not.toBe(cookie!.value);
    expect(rotated!.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 86_400);

    await other.getByRole('button', { name: 'ログアウト' }).click();
    await other.waitForURL(/\/login/);
    await other.close();
    expect((await context.cookies()).find((c) => c.name === 'kakawari_refresh')).toBeUndefined();
    const third = await openPage(context, web.pageErrors);
    await third.goto(`${baseUrl}/me/applications`);
    await third.waitForURL(/\/login\?next=/);
    await third.close();
    await page.close();
  });

  it('staff set 広域 co-hosts with the kana picker when creating and editing a project', async () => {
    const context = await web.person();
    const page = await openPage(context, web.pageErrors);
    await page.setViewportSize({ width: 1280, height: 900 });
    await login(page, baseUrl, staff.email, staff.password);
    await page.waitForURL(/\/staff$/);
    await page.getByRole('button', { name: '新しいプロジェクト' }).click();
    await page.locator('#pj-host-status').getByText('長野市').waitFor();
    // Error state first: nothing filled in → field errors from the API, tied to their inputs.
    await page.getByRole('button', { name: '下書きとして作成' }).click();
    await page.locator('#pj-title[aria-invalid="true"]').waitFor();
    await web.a11y(page);

    const cohost = page.getByRole('combobox', { name: '共催市区町村を追加' });
    await cohost.fill('まつもと');
    await page.getByRole('option', { name: /^松本市/ }).waitFor();
    await cohost.press('ArrowDown');
    await cohost.press('Enter');
    const list = page.getByRole('list', { name: '共催市区町村' });
    await list.getByText('松本市').waitFor();
    // The host itself is refused in the browser too.
    await cohost.fill('ながのし');
    await page.getByRole('option', { name: /^長野市/ }).click();
    await page.getByText('主催市区町村は共催に追加できません。').waitFor();
    await page.getByText('共催 1 件').waitFor();
    await web.a11y(page);

    await page.getByLabel('タイトル').fill(`広域連携-${tag}：北アルプス山麓の観光ガイド`);
    await page.getByLabel('説明').fill('長野市と松本市が共催する観光ガイド養成講座です。');
    const at = (days: number, hour: number) => `${new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
    await page.getByLabel('開始日時').fill(at(20, 10));
    await page.getByLabel('終了日時').fill(at(20, 16));
    await page.getByLabel('応募締切').fill(at(18, 18));
    await page.getByRole('button', { name: '下書きとして作成' }).click();
    await page.waitForURL(/\/staff\/projects\/[0-9a-f-]+\?created=1$/);
    await page.getByTestId('cohosts').getByText('松本市').waitFor();
    const projectId = /projects\/([0-9a-f-]+)/.exec(page.url())![1];

    // Edit: add 上田市, remove 松本市.
    await page.getByRole('button', { name: '内容を編集' }).click();
    await page.getByRole('button', { name: '松本市を共催から外す' }).click();
    const editPicker = page.getByRole('combobox', { name: '共催市区町村を追加' });
    await editPicker.fill('うえだ');
    await page.getByRole('option', { name: /^上田市/ }).click();
    await page.getByRole('list', { name: '共催市区町村' }).getByText('上田市').waitFor();
    await web.a11y(page);
    await page.getByRole('button', { name: '変更を保存' }).click();
    await page.getByText('保存しました。').waitFor();
    await page.getByTestId('cohosts').getByText('上田市').waitFor();
    expect(await page.getByTestId('cohosts').innerText()).not.toContain('松本市');
    const saved = await apiFetch(`/projects/${projectId}`, staff.accessToken);
    expect(saved.body.coHostMunicipalityCodes).toEqual(['202037']);
    await page.screenshot({ path: '/tmp/kakawari-staff-cohosts.png', fullPage: true });
    await page.close();
  });

  it('staff scout pseudonymous candidates (rate limit shown); the participant accepts by keyboard and is revealed', async () => {
    const day = 86400_000;
    const created = await apiFetch('/projects', staff.accessToken, {
      method: 'POST',
      body: {
        title: `スカウト-${tag}：りんご収穫の助っ人`,
        description: '収穫期の農作業を手伝ってくれる方を募集します。',
        hostMunicipalityCode: '202011',
        category: 'people_flow',
        mode: 'onsite',
        requiredSkills: ['農作業'],
        startsAt: new Date(Date.now() + 12 * day).toISOString(),
        endsAt: new Date(Date.now() + 12 * day + 6 * 3600_000).toISOString(),
        applicationDeadline: new Date(Date.now() + 10 * day).toISOString(),
        capacity: 5,
        compensation: 'volunteer',
      },
    });
    expect(created.status).toBe(201);
    const projectId = String(created.body.id);
    expect((await apiFetch(`/projects/${projectId}/publish`, staff.accessToken, { method: 'POST' })).status).toBe(200);
    const profile = (displayName: string) => ({
      displayName,
      residenceMunicipalityCode: '131016',
      interestRegionCodes: ['20'],
      skills: ['農作業'],
      interests: ['people_flow'],
      modes: ['onsite'],
      participantType: 'urban_resident',
    });
    const taro = await createUser(web.api, { role: 'participant' });
    const jiro = await createUser(web.api, { role: 'participant' });
    expect((await apiFetch('/me/profile', taro.accessToken, { method: 'PUT', body: profile('スカウト 太郎') })).status).toBe(200);
    expect((await apiFetch('/me/profile', jiro.accessToken, { method: 'PUT', body: profile('スカウト 次郎') })).status).toBe(200);

    // 太郎 opts in to scouting in the browser.
    const taroCtx = await web.person();
    const tp = await openPage(taroCtx, web.pageErrors);
    await tp.setViewportSize({ width: 390, height: 844 });
    await login(tp, baseUrl, taro.email, taro.password);
    await tp.goto(`${baseUrl}/me/invitations`);
    await tp.getByRole('heading', { level: 1, name: 'スカウト' }).waitFor();
    await tp.getByText('招待はまだ届いていません').waitFor();
    await tp.getByRole('button', { name: 'スカウトを受け取る' }).click();
    await tp.getByText('スカウトを受け取るようにしました。').waitFor();
    await web.a11y(tp);

    const staffCtx = await web.person();
    const sp = await openPage(staffCtx, web.pageErrors);
    await sp.setViewportSize({ width: 1280, height: 900 });
    await login(sp, baseUrl, staff.email, staff.password);
    await sp.goto(`${baseUrl}/staff/projects/${projectId}`);
    const candidates = sp.getByRole('list', { name: 'スカウト候補' });
    await candidates.waitFor();
    const card = candidates.getByRole('listitem').filter({ has: sp.getByRole('heading', { level: 3 }) });
    expect(await card.count()).toBe(1);
    const pseudonym = (await card.getByRole('heading', { level: 3 }).innerText()).trim();
    expect(pseudonym).toMatch(/^候補者-/);
    // Pseudonymous: neither name nor email on the page.
    expect(await sp.locator('main').innerText()).not.toContain('スカウト 太郎');
    expect(await sp.locator('main').innerText()).not.toContain(taro.email);
    await card.getByText('スキル一致', { exact: false }).first().waitFor();
    await web.a11y(sp);
    // Keyboard only: type the message, Tab on to the candidate's invite button, Enter.
    await sp.getByLabel('招待メッセージ（任意）').focus();
    await sp.keyboard.type('収穫期にぜひお力を貸してください。');
    await tabUntil(sp, (f) => f.tag === 'BUTTON' && f.text === '招待する');
    await sp.keyboard.press('Enter');
    await sp.getByText(`${pseudonym} さんに招待を送りました。`).waitFor();
    const invitations = sp.getByTestId('scout-invitations');
    await invitations.getByText('回答待ち').waitFor();

    // 次郎 consents too; the per-project limit (1 a day here) answers 429, shown as an error summary.
    expect((await apiFetch('/me/consents/be_scouted', jiro.accessToken, { method: 'PUT', body: { granted: true } })).status).toBe(200);
    await sp.reload();
    await candidates.getByRole('heading', { level: 3 }).first().waitFor();
    await candidates.getByRole('button', { name: /さんを招待する$/ }).first().click();
    const summary = sp.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('24時間で1件まで');
    await web.a11y(sp);
    await sp.screenshot({ path: '/tmp/kakawari-staff-scouting.png', fullPage: true });

    // 太郎 answers with the keyboard alone.
    await tp.reload();
    await tp.getByRole('link', { name: new RegExp(`スカウト-${tag}`) }).waitFor();
    await tp.getByText('収穫期にぜひお力を貸してください。').waitFor();
    await web.a11y(tp);
    await tabUntil(tp, (f) => f.tag === 'BUTTON' && f.text === '承諾する');
    expect((await focused(tp)).text).toBe('承諾する');
    await tp.keyboard.press('Enter');
    await tp.getByText('招待を承諾しました。', { exact: false }).waitFor();
    await tp.getByText('承諾しました', { exact: true }).waitFor();
    await web.a11y(tp);
    await tp.screenshot({ path: '/tmp/kakawari-participant-invitations.png', fullPage: true });

    await sp.reload();
    await invitations.getByText(`スカウト 太郎（${pseudonym}）`).waitFor();
    await invitations.getByText('承諾', { exact: true }).waitFor();
    await sp.close();
    await tp.close();
  });

  it('a company admin invites an employee by link; the employee accepts; a bad code is an error tied to the field', async () => {
    const admin = await createUser(web.api, { role: 'company_admin' });
    const employee = await createUser(web.api, { role: 'participant' });
    const ctx = await web.person();
    const page = await openPage(ctx, web.pageErrors);
    await login(page, baseUrl, admin.email, admin.password);
    await page.waitForURL(/\/company$/);
    await page.getByRole('heading', { level: 1, name: '企業の管理' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '従業員を招待' }).waitFor();
    // Error state: an invalid email.
    await page.getByLabel('従業員のメールアドレス').fill('not-an-email');
    await page.getByRole('button', { name: '招待リンクを作成' }).click();
    await page.locator('#invite-email[aria-invalid="true"]').waitFor();
    await web.a11y(page);
    await page.getByLabel('従業員のメールアドレス').fill(employee.email);
    await page.getByRole('button', { name: '招待リンクを作成' }).click();
    const link = await page.getByLabel('招待リンク').inputValue();
    expect(link).toMatch(new RegExp(`^${baseUrl}/me/company#token=`));
    await web.a11y(page);
    await page.screenshot({ path: '/tmp/kakawari-company-admin.png', fullPage: true });

    const ectx = await web.person();
    const ep = await openPage(ectx, web.pageErrors);
    await ep.setViewportSize({ width: 390, height: 844 }); // the employee's phone
    await login(ep, baseUrl, employee.email, employee.password);
    // A wrong code first.
    await ep.goto(`${baseUrl}/me/company`);
    await ep.getByLabel('招待コード').fill('x'.repeat(43));
    await ep.getByRole('button', { name: '招待を承諾する' }).click();
    await ep.locator('#company-token[aria-invalid="true"]').waitFor();
    await web.a11y(ep);
    await ep.goto(link);
    expect(await ep.getByLabel('招待コード').inputValue()).toBe(link.split('#token=')[1]);
    await ep.getByRole('button', { name: '招待を承諾する' }).click();
    await ep.getByText('の従業員として登録しました。', { exact: false }).waitFor();
    await web.a11y(ep);
    // The employee link now exists: the company admin's company, the employee's user.
    const companyId = ((await apiFetch('/me', admin.accessToken)).body.scope as { companyIds: string[] }).companyIds[0];
    const client = new Client({ connectionString: web.api.db.url });
    await client.connect();
    try {
      const rows = await client.query('SELECT role FROM memberships WHERE organization_id = $1 AND user_id = $2', [companyId, employee.userId]);
      expect(rows.rows).toEqual([{ role: 'employee' }]);
    } finally {
      await client.end();
    }
    await page.close();
    await ep.close();
  });

  it('an admin registers a municipality, creates its staff account, and sees failed notifications', async () => {
    const admin = await createUser(web.api, { role: 'admin' });
    const ctx = await web.person();
    const page = await openPage(ctx, web.pageErrors);
    await page.setViewportSize({ width: 1280, height: 900 });
    await login(page, baseUrl, admin.email, admin.password);
    await page.getByRole('link', { name: '運営管理' }).click();
    await page.getByRole('heading', { level: 1, name: '運営管理' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '配信に失敗した通知' }).waitFor();
    await page.getByText(/配信に失敗した通知はありません|新しい順/).first().waitFor();

    const picker = page.getByRole('combobox', { name: '市区町村' });
    await picker.fill('まつもと');
    await page.getByRole('option', { name: /^松本市/ }).click();
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByText('を登録しました。', { exact: false }).waitFor();
    await page.getByTestId('orgs-table').getByText('202029').waitFor();
    // Registering it again is a 409, shown as an error summary.
    await page.getByRole('button', { name: '登録する' }).click();
    await page.locator('.error-summary').first().waitFor();
    await web.a11y(page);

    const email = `matsumoto-staff-${tag}@example.jp`;
    const orgSelect = page.getByLabel('所属組織');
    const option = orgSelect.locator('option', { hasText: '松本市' });
    await orgSelect.selectOption(await option.first().getAttribute('value'));
    await page.getByLabel('メールアドレス').first().fill(email);
    await page.getByLabel('初期パスワード').first().fill('short');
    await page.getByRole('button', { name: 'アカウントを作成' }).first().click();
    await page.locator('form[aria-labelledby="staff-create-title"] .error-summary').waitFor();
    // Two error summaries at once (the 409 above stays): their ids must not collide.
    const summaryIds = await page.locator('.error-summary').evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-labelledby')));
    expect(summaryIds).toHaveLength(2);
    expect(new Set(summaryIds).size).toBe(2);
    await web.a11y(page);
    await page.getByLabel('初期パスワード').first().fill('松本城の桜-2026-春');
    await page.getByRole('button', { name: 'アカウントを作成' }).first().click();
    await page.getByText(`職員アカウント ${email}`, { exact: false }).waitFor();
    await web.a11y(page);
    await page.screenshot({ path: '/tmp/kakawari-admin.png', fullPage: true });
    // English is one toggle away, on this view too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('heading', { level: 2, name: 'Failed notifications' }).waitFor();
    await web.a11y(page);
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { level: 1, name: '運営管理' }).waitFor();

    const loginRes = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: '松本城の桜-2026-春' }),
    });
    expect(loginRes.status).toBe(200);
    const token = String(((await loginRes.json()) as { accessToken: string }).accessToken);
    const me = await apiFetch('/me', token);
    expect(me.body).toMatchObject({ role: 'municipality_staff', scope: { municipalityCodes: ['202029'] } });

    // Webhook of the new organization: invalid input first (errors on their fields), then saved.
    const orgId = await page.locator('#staff-org').inputValue();
    await page.locator('#wh-org').selectOption(orgId);
    await page.getByLabel('送信先 URL').fill('not a url');
    await page.getByLabel('署名用シークレット').fill('short');
    await page.getByRole('button', { name: 'Webhook を保存' }).click();
    await page.locator('#wh-url[aria-invalid="true"]').waitFor();
    await page.locator('#wh-secret[aria-invalid="true"]').waitFor();
    await web.a11y(page);
    await page.getByLabel('送信先 URL').fill('https://system.city.matsumoto.example.jp/kakawari/hook');
    await page.getByLabel('署名用シークレット').fill('松本市-webhook-secret-0123456789');
    await page.getByRole('button', { name: 'Webhook を保存' }).click();
    await page.getByText('Webhook を設定しました', { exact: false }).waitFor();

    // Disable the new staff account: a malformed id is an error on the field; then it works at once.
    await page.getByLabel('ユーザーID').fill('not-a-uuid');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '無効にする' }).click();
    await page.locator('#disable-user[aria-invalid="true"]').waitFor();
    await web.a11y(page);
    await page.getByLabel('ユーザーID').fill(String(me.body.id));
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '無効にする' }).click();
    await page.getByText(`ユーザー ${String(me.body.id)} を無効にしました。`).waitFor();
    expect((await apiFetch('/me', token)).status).toBe(401);
    await web.a11y(page);
    await page.close();
  });
});

// Short-lived access tokens (the minimum, 30 s), so a tab meets a 401 and refreshes in place.
describe('web: in-page refresh through the cookie, and a tab whose cookie now belongs to someone else (Chromium)', () => {
  let web: WebSuite;
  let baseUrl: string;
  let context: BrowserContext;

  beforeAll(async () => {
    web = await startWebSuite({ LOGIN_RATE_LIMIT_PER_IP: '10000', JWT_ACCESS_TTL_SECONDS: '30', WEB_DIST_DIR: WEB_DIST });
    baseUrl = web.baseUrl;
    context = await web.person();
  });
  afterAll(async () => {
    await web?.close();
  });
  afterEach(() => {
    expect(web.pageErrors.splice(0)).toEqual([]);
  });

  it('refreshes on a 401 and retries; when another tab signed in as someone else, the app switches to that person', async () => {
    const participant = await createUser(web.api, { role: 'participant' });
    const staff = await createUser(web.api, { role: 'municipality_staff', municipalityCode: '202011' });
    const tabA = await openPage(context, web.pageErrors);
    await login(tabA, baseUrl, participant.email, participant.password);
    await tabA.getByRole('link', { name: '応募状況' }).click();
    await tabA.getByRole('heading', { level: 1, name: '応募状況' }).waitFor();
    const first = (await context.cookies()).find((c) => c.name === 'kakawari_refresh')!.value;

    // The access token expires; the next API call answers 401, the client refreshes from the
    // cookie and retries, and the page loads as if nothing happened.
    await tabA.waitForTimeout(37_000); // 30 s lifetime + the verifier's 5 s clock tolerance
    await tabA.getByRole('link', { name: 'お知らせ' }).click();
    await tabA.getByRole('heading', { level: 1, name: 'お知らせ' }).waitFor();
    await tabA.getByText(/お知らせはありません|未読 \d+ 件/).waitFor();
    const second = (await context.cookies()).find((c) => c.name === 'kakawari_refresh')!.value;
    expect(second).not.toBe(first);

    // Someone else signs in in another tab of this browser (the one cookie is now theirs).
    const tabB = await openPage(context, web.pageErrors);
    await login(tabB, baseUrl, staff.email, staff.password);
    await tabB.close();
    await tabA.waitForTimeout(37_000); // 30 s lifetime + the verifier's 5 s clock tolerance
    await tabA.getByRole('link', { name: '応募状況' }).click();
    // Tab A's next refresh returns the staff member: the header follows instead of showing the
    // participant's menu over the staff member's data.
    await tabA.getByRole('link', { name: 'プロジェクト管理' }).waitFor();
    expect(await tabA.getByRole('link', { name: '応募状況' }).count()).toBe(0);
    await tabA.getByText('このページを表示する権限がありません').waitFor();
    await tabA.close();
  });
});
