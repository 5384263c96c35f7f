// The web front end in a real browser: Debian's Chromium (/usr/bin/chromium) driven by
// playwright-core against the real api, which serves the built SPA (apps/web/dist) from its own
// origin. The web build runs here once when apps/web/dist is missing (about 2 s); after source
// changes run `npm run build:web` (or `npm run build`) before `npm test`.
import type { BrowserContext } from 'playwright-core';
import { createUser } from '../support/identity';
import { axe, focused, openPage, pageWidth, startWebSuite, tabUntil, unlabelledControls, type WebSuite } from '../support/web-browser';

jest.setTimeout(90_000);

describe('web front end in Chromium', () => {
  let web: WebSuite;
  let baseUrl: string;
  let context: BrowserContext;
  const keyword = `有機農業体験-${Date.now().toString(36)}`;
  let projectId: string;
  let staff: { email: string; password: string; accessToken: string };
  const participant = { email: `web-${Date.now()}@example.jp`, password: 'りんご農園-テスト-2026' };

  beforeAll(async () => {
    web = await startWebSuite();
    baseUrl = web.baseUrl;

    // A published project hosted by 長野市, created by its staff through the API.
    staff = await createUser(web.api, { role: 'municipality_staff', municipalityCode: '202011' });
    const day = 24 * 3600 * 1000;
    const created = await fetch(`${baseUrl}/api/v1/projects`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff.accessToken}` },
      body: JSON.stringify({
        title: `${keyword}：りんご農園の収穫と交流`,
        description: '長野市の農園で収穫を手伝い、地域の方と交流します。\n初心者歓迎、長靴をお持ちください。',
        hostMunicipalityCode: '202011',
        category: 'people_flow',
        tags: ['農業', '食'],
        mode: 'onsite',
        startsAt: new Date(Date.now() + 8 * day).toISOString(),
        endsAt: new Date(Date.now() + 8 * day + 6 * 3600 * 1000).toISOString(),
        applicationDeadline: new Date(Date.now() + 7 * day).toISOString(),
        capacity: 5,
        compensation: 'travel_support',
      }),
    });
    expect(created.status).toBe(201);
    projectId = ((await created.json()) as { id: string }).id;
    const published = await fetch(`${baseUrl}/api/v1/projects/${projectId}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff.accessToken}` },
    });
    expect(published.status).toBe(200);

    // One browser context for the whole walk: its tabs share one cookie jar.
    context = await web.person();
  });

  afterAll(async () => {
    await web?.close();
  });

  it('serves the SPA from the api origin without taking over /api 404s', async () => {
    const page = await fetch(`${baseUrl}/projects/some-client-route`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<html lang="ja">');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${baseUrl}/`)).text())?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${baseUrl}${asset}`);
    expect({ status: script.status, body: script.status === 200 ? '' : await script.text() }).toEqual({ status: 200, body: '' });
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(script.headers.get('cache-control')).toContain('immutable');
    const apiMiss = await fetch(`${baseUrl}/api/v1/no-such-route`);
    expect(apiMiss.status).toBe(404);
    expect(apiMiss.headers.get('content-type')).toContain('application/problem+json');
  });

  it('a participant signs up, logs in, finds a project by a Japanese keyword and applies', async () => {
    const page = await openPage(context, web.pageErrors);
    await page.setViewportSize({ width: 390, height: 844 }); // a phone
    const { email, password } = participant;

    await page.goto(`${baseUrl}/signup`);
    await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 5000 }).catch(() => {
      throw new Error(`the app did not render: ${web.pageErrors.join(' | ')}`);
    });
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await page.getByLabel('表示名').fill('関わり 花子');
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード', { exact: false }).fill(password);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: '登録してはじめる' }).click();
    await page.waitForURL(/\/me\/profile/);
    await page.getByRole('heading', { level: 1, name: 'プロフィール' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    // Residence picker: kana prefix search over the municipalities, chosen with the keyboard.
    const residence = page.getByRole('combobox', { name: /居住地/ });
    await residence.fill('せたがや');
    await page.getByRole('option', { name: /世田谷区/ }).waitFor();
    await residence.press('ArrowDown');
    await residence.press('Enter');
    await page.locator('#profile-residence-status').getByText('世田谷区').waitFor();
    // The display name comes from sign-up; emptied, the API's field error is tied to the input.
    const displayName = page.getByLabel('表示名');
    expect(await displayName.inputValue()).toBe('関わり 花子');
    await displayName.fill('');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.locator('#profile-name[aria-invalid="true"]').waitFor();
    expect(await displayName.getAttribute('aria-describedby')).toContain('profile-name-error');
    expect(await page.locator('#profile-name-error').innerText()).toContain('表示名を入力してください');
    expect(await axe(page)).toEqual([]);
    await displayName.fill('関わり 花子');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByText('保存しました。').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/kakawari-participant-profile.png', fullPage: true });

    // Log out and back in through the login form.
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード').fill(password);
    await page.getByRole('button', { name: 'ログイン', exact: true }).last().click();
    await page.waitForURL(/\/projects/);
    // Search: the substring 有機農業 finds 「有機農業体験…」 (no word segmentation).
    await page.getByLabel('キーワード').fill('有機農業');
    await page.getByLabel('都道府県').selectOption('20');
    await page.getByRole('button', { name: '検索する' }).click();
    const link = page.getByRole('link', { name: new RegExp(keyword) });
    await link.waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    // Mobile-first: nothing wider than the phone's viewport.
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: '/tmp/kakawari-participant-search.png', fullPage: true });

    await link.click();
    await page.getByRole('heading', { level: 1, name: new RegExp(keyword) }).waitFor();
    await page.getByText('長野市').first().waitFor();
    await page.getByLabel('応募の動機（任意）').fill('農業に関心があり、週末に参加したいです。');
    // A lost answer (weak signal): the request reaches the api, the phone never gets the response.
    // The retry sends the same Idempotency-Key and gets the first answer, not 409 ALREADY_APPLIED.
    const applications = '**/api/v1/projects/*/applications';
    await page.route(applications, async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'このプロジェクトに応募する' }).click();
    await page.getByText('通信できませんでした。接続を確かめて、もう一度お試しください。').waitFor();
    await page.unroute(applications);
    // the browser logs the reset connection; that one is expected
    web.pageErrors.splice(0, web.pageErrors.length, ...web.pageErrors.filter((e) => !e.includes('ERR_CONNECTION_RESET')));
    await page.getByRole('button', { name: 'このプロジェクトに応募する' }).click();
    await page.getByText('応募済み（審査中）').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/kakawari-participant-applied.png', fullPage: true });

    await page.getByRole('link', { name: '応募状況' }).click();
    await page.getByRole('link', { name: new RegExp(keyword) }).waitFor();
    await page.getByText('応募済み（審査中）').waitFor();
    await page.close();
  });

  it('staff accept the application and issue the day\'s code; the participant checks in with it', async () => {
    const staffPage = await openPage(context, web.pageErrors);
    await staffPage.setViewportSize({ width: 1280, height: 900 });
    await staffPage.goto(`${baseUrl}/login`);
    await staffPage.getByLabel('メールアドレス').fill(staff.email);
    await staffPage.getByLabel('パスワード').fill(staff.password);
    await staffPage.getByRole('button', { name: 'ログイン', exact: true }).last().click();
    await staffPage.waitForURL(/\/staff$/);

    // The project editor: a draft created in the browser (host = the staff's 長野市), then published.
    await staffPage.getByRole('button', { name: '新しいプロジェクト' }).click();
    await staffPage.getByLabel('タイトル').fill(`${keyword}：空き家再生ワークショップ`);
    await staffPage.getByLabel('説明').fill('空き家を地域の拠点に再生します。');
    await staffPage.locator('#pj-host-status').getByText('長野市').waitFor();
    const at = (days: number, hour: number) => {
      const d = new Date(Date.now() + days * 86400_000);
      return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
    };
    await staffPage.getByLabel('開始日時').fill(at(14, 10));
    await staffPage.getByLabel('終了日時').fill(at(14, 16));
    await staffPage.getByLabel('応募締切').fill(at(12, 18));
    await staffPage.getByLabel('定員').fill('8');
    expect(await unlabelledControls(staffPage)).toEqual([]);
    await staffPage.getByRole('button', { name: '下書きとして作成' }).click();
    await staffPage.waitForURL(/\/staff\/projects\/[0-9a-f-]+\?created=1$/);
    await staffPage.getByText('下書き', { exact: true }).waitFor();
    await staffPage.getByRole('button', { name: '公開する' }).click();
    await staffPage.getByText('募集中', { exact: true }).waitFor();
    expect(await axe(staffPage)).toEqual([]);
    await staffPage.getByRole('link', { name: '← プロジェクト一覧' }).click();
    await staffPage.getByRole('link', { name: /空き家再生ワークショップ/ }).waitFor();

    await staffPage.getByRole('link', { name: new RegExp(`${keyword}：りんご`) }).click();
    await staffPage.getByRole('heading', { level: 1, name: new RegExp(keyword) }).waitFor();
    await staffPage.getByText('応募済み（審査中） 1').waitFor();
    expect(await axe(staffPage)).toEqual([]);
    await staffPage.getByRole('button', { name: /^承認：/ }).click();
    await staffPage.getByText('参加決定 1').waitFor();
    await staffPage.getByRole('button', { name: 'コードを発行する' }).click();
    const code = (await staffPage.getByTestId('checkin-code').innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{4,12}$/);
    expect(await axe(staffPage)).toEqual([]);
    await staffPage.screenshot({ path: '/tmp/kakawari-staff-project.png', fullPage: true });

    const page = await openPage(context, web.pageErrors);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('メールアドレス').fill(participant.email);
    await page.getByLabel('パスワード').fill(participant.password);
    await page.getByRole('button', { name: 'ログイン', exact: true }).last().click();
    await page.waitForURL(/\/projects/);
    await page.goto(`${baseUrl}/me/check-in`);
    const codeInput = page.getByLabel('チェックインコード');
    await codeInput.waitFor();
    // A wrong code first: the problem details message is tied to the field.
    await codeInput.fill('WRONG0');
    await page.getByRole('button', { name: 'チェックインする' }).click();
    await page.locator('#checkin-code[aria-invalid="true"]').waitFor();
    expect(await codeInput.getAttribute('aria-describedby')).toContain('checkin-code-error');
    expect(await axe(page)).toEqual([]);
    await codeInput.fill(code);
    await page.getByRole('button', { name: 'チェックインする' }).click();
    await page.getByText('チェックインしました').waitFor();
    await page.goto(`${baseUrl}/me/applications`);
    await page.getByText('参加済み').waitFor();

    // ふるさと住民登録 with the host municipality, showing how many activities premium still needs.
    await page.goto(`${baseUrl}/me/registrations`);
    const picker = page.getByRole('combobox', { name: '登録する市区町村' });
    await picker.fill('ながのし');
    await page.getByRole('option', { name: /^長野市/ }).click();
    await page.getByRole('button', { name: 'ベーシック登録する' }).click();
    await page.getByText('登録しました。').waitFor();
    await page.getByText(/プレミアムまであと \d+ 回（活動 \d+\/\d+）/).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/kakawari-participant-registrations.png', fullPage: true });

    await page.goto(`${baseUrl}/me/notifications`);
    await page.getByRole('heading', { level: 1, name: 'お知らせ' }).waitFor();
    await page.getByText(/お知らせはありません|未読 \d+ 件/).waitFor();
    // Notification settings: turn e-mail off and save.
    const email = page.getByLabel('メールでも受け取る');
    await email.waitFor();
    const before = await email.isChecked();
    await email.setChecked(!before);
    await page.getByRole('button', { name: '設定を保存' }).click();
    await page.getByText('通知の設定を保存しました。').waitFor();
    await page.reload();
    await page.getByLabel('メールでも受け取る').waitFor();
    expect(await page.getByLabel('メールでも受け取る').isChecked()).toBe(!before);
    expect(await axe(page)).toEqual([]);
    // Back to the list and in again (no reload): both tabs share this browser's one refresh
    // cookie, which the participant's later login replaced; the staff tab keeps its in-memory token.
    await staffPage.getByRole('link', { name: '← プロジェクト一覧' }).click();
    await staffPage.getByRole('link', { name: new RegExp(`${keyword}：りんご`) }).click();
    await staffPage.getByText('参加済み 1').waitFor();
    await page.close();
    await staffPage.close();
  });

  it('a participant applies with the keyboard alone', async () => {
    const res = await fetch(`${baseUrl}/api/v1/projects`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff.accessToken}` },
      body: JSON.stringify({
        title: `${keyword}：オンライン観光PR会議`,
        description: '観光パンフレットをオンラインで一緒に作ります。',
        hostMunicipalityCode: '202011',
        category: 'ai_digital',
        mode: 'remote',
        startsAt: new Date(Date.now() + 10 * 86400_000).toISOString(),
        endsAt: new Date(Date.now() + 10 * 86400_000 + 7200_000).toISOString(),
        applicationDeadline: new Date(Date.now() + 9 * 86400_000).toISOString(),
        capacity: 3,
        compensation: 'volunteer',
      }),
    });
    const id = ((await res.json()) as { id: string }).id;
    await fetch(`${baseUrl}/api/v1/projects/${id}/publish`, { method: 'POST', headers: { authorization: `Bearer ${staff.accessToken}` } });
    const user = await createUser(web.api, { role: 'participant' });

    const page = await openPage(context, web.pageErrors);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/login`);
    await tabUntil(page, (f) => f.id === 'login-email', 40);
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/projects/);
    await tabUntil(page, (f) => f.id === 'search-q', 40);
    await page.keyboard.type('オンライン観光');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: /オンライン観光PR会議/ }).waitFor();
    await tabUntil(page, (f) => f.text.includes('オンライン観光PR会議'), 40);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /オンライン観光PR会議/ }).waitFor();
    await tabUntil(page, (f) => f.id === 'apply-motivation', 40);
    await page.keyboard.type('リモートで参加します。');
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('このプロジェクトに応募する');
    await page.keyboard.press('Enter');
    await page.getByText('応募済み（審査中）').waitFor();

    // Account deletion, confirmed with the password.
    await page.goto(`${baseUrl}/me/profile`);
    await page.getByRole('button', { name: 'アカウントを削除する' }).click();
    await page.getByLabel('確認のため現在のパスワードを入力').fill(user.password);
    await page.getByRole('button', { name: '削除を確定する' }).click();
    await page.getByText('アカウントを削除しました。').waitFor();
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(login.status).toBe(401);
    await page.close();
  });

  it('HQ sees the national numbers, the 47-prefecture tile map and its table alternative', async () => {
    const hq = await createUser(web.api, { role: 'hq_analyst' });
    const summaryRes = await fetch(`${baseUrl}/api/v1/stats/summary`, { headers: { authorization: `Bearer ${hq.accessToken}` } });
    const page = await openPage(context, web.pageErrors);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('メールアドレス').fill(hq.email);
    await page.getByLabel('パスワード').fill(hq.password);
    await page.getByRole('button', { name: 'ログイン', exact: true }).last().click();
    await page.waitForURL(/\/hq$/);
    await page.getByRole('heading', { level: 1, name: '関係人口ダッシュボード' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('ja');

    expect(summaryRes.status).toBe(200);
    const summary = (await summaryRes.json()) as { realPersons: number; cumulativePersons: number };
    const kpis = page.getByTestId('national-kpis');
    await kpis.waitFor();
    const text = await kpis.innerText();
    const ja = new Intl.NumberFormat('ja-JP');
    expect(text).toContain(`${ja.format(summary.realPersons)}人`);
    expect(text).toContain(`${ja.format(summary.cumulativePersons)}人`);
    expect(text).toContain('1,000万人（10,000,000）');
    expect(text).toContain('1億人（100,000,000）');
    expect(text).toMatch(/2034年度（令和16年度）/);
    // Monthly series of the current 年度 (with 和暦), e.g. 「実人数の月次推移（2026年度（令和8年度））」.
    await page.getByRole('heading', { level: 2, name: /^実人数の月次推移（\d{4}年度（令和(元|\d+)年度））$/ }).waitFor();
    await page.locator('.bars__item').first().waitFor();

    const tiles = page.locator('.tilemap button[data-prefecture]');
    await tiles.first().waitFor();
    expect(await tiles.count()).toBe(47);
    // Tiles are named with the prefecture and its value (or 秘匿) once the nation scope has loaded.
    await page.getByRole('button', { name: /^北海道：(\d[\d,]*人|10未満（秘匿）)$/ }).waitFor();
    expect(await page.getByRole('button', { name: /^沖縄県：/ }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    expect(await unlabelledControls(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/kakawari-hq-map.png', fullPage: true });

    await page.getByRole('button', { name: '表', exact: true }).click();
    const table = page.getByTestId('prefecture-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(47);
    expect(await table.locator('caption').innerText()).toContain('都道府県別');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/kakawari-hq-table.png', fullPage: true });

    // Drill-down: 長野県 → its municipalities (長野市 among them), as a table.
    await page.getByRole('button', { name: '地図', exact: true }).click();
    await page.getByRole('button', { name: /^長野県：/ }).click();
    const drill = page.getByRole('table', { name: /長野県：市区町村別/ });
    await drill.waitFor();
    expect(await drill.locator('tbody tr').count()).toBeGreaterThan(70);
    expect(await drill.getByText('長野市').count()).toBe(1);
    expect(await axe(page)).toEqual([]);

    // English is one toggle away; <html lang> follows.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Relationship population dashboard' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { level: 1, name: '関係人口ダッシュボード' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await page.close();
  });

  afterEach(() => {
    const seen = web.pageErrors.splice(0);
    expect(seen).toEqual([]);
  });
});
