// 広域リージョン (admin-defined sets of municipalities, statistics scope `custom`) in a real browser
// (Debian's Chromium via playwright-core) against the real api: an admin defines one on /admin with
// the kana municipality picker (a bad code is an error tied to its field), renames it, an HQ analyst
// picks it on /hq and sees its figures (a suppressed member as 「10未満（秘匿）」), the admin deletes it.
// axe-core (wcag2a + wcag2aa), labels and 44 px targets on every state.
// After web source changes run `npm run build:web` first: the test exercises apps/web/dist.
import { readFileSync } from 'node:fs';
import { createUser, type TestUser } from '../support/identity';
import { login, openPage, seedRegistrations, startWebSuite, type WebSuite } from '../support/web-browser';

jest.setTimeout(240_000);

describe('web: 広域リージョン on the admin page and the HQ dashboard (Chromium)', () => {
  let web: WebSuite;
  let baseUrl: string;
  let admin: TestUser;
  let hq: TestUser;

  beforeAll(async () => {
    web = await startWebSuite({ LOGIN_RATE_LIMIT_PER_IP: '10000' });
    baseUrl = web.baseUrl;
    [admin, hq] = await Promise.all([createUser(web.api, { role: 'admin' }), createUser(web.api, { role: 'hq_analyst' })]);
    // 12 persons registered with 長野市 and 3 with 松本市 before the region exists (backfilled on create).
    await seedRegistrations(web.api, { idPrefix: 'web-regions', uuidBlock: '9100' }, [
      { residence: '131121', municipality: '202011', count: 12 },
      { residence: '131121', municipality: '202029', count: 3 },
    ]);
  });

  afterAll(async () => {
    await web?.close();
  });

  afterEach(() => {
    expect(web.pageErrors.splice(0)).toEqual([]);
  });

  it('an admin defines, lists, renames and deletes a region; an HQ analyst sees its figures', async () => {
    const page = await openPage(await web.person(), web.pageErrors);
    await page.setViewportSize({ width: 1280, height: 900 });
    await login(page, baseUrl, admin.email, admin.password);
    await page.goto(`${baseUrl}/admin`);
    await page.getByRole('heading', { level: 2, name: '広域リージョン' }).waitFor();
    await page.getByText('広域リージョンはまだありません').waitFor();
    await page.getByText('保存すると、そのリージョンの集計をすべての日付について計算し直します。').waitFor();
    await web.a11y(page);

    // Nothing chosen: an error on the municipality picker, before any request.
    await page.getByRole('button', { name: 'リージョンを作成' }).click();
    await page.locator('#region-munis[aria-invalid="true"]').waitFor();
    expect(await page.locator('#region-munis').getAttribute('aria-describedby')).toContain('region-munis-error');
    await web.a11y(page);

    // Two municipalities through the kana picker: one by keyboard, one by pointer.
    const picker = page.getByRole('combobox', { name: '構成自治体を追加' });
    await picker.fill('ながのし');
    await page.getByRole('option', { name: /^長野市/ }).waitFor();
    await picker.press('ArrowDown');
    await picker.press('Enter');
    await page.getByRole('list', { name: '構成する市区町村' }).getByText('長野市').waitFor();
    await picker.fill('まつもと');
    await page.getByRole('option', { name: /^松本市/ }).click();
    await page.getByRole('list', { name: '構成する市区町村' }).getByText('松本市').waitFor();
    expect(await page.locator('#region-munis-summary').innerText()).toBe('2 市区町村');

    // A malformed code: the API's 400, shown on the code field and linked from the summary.
    await page.getByLabel('リージョンコード').fill('Bad Code');
    await page.locator('#region-name').fill('信州テストリージョン');
    await page.getByRole('button', { name: 'リージョンを作成' }).click();
    await page.locator('#region-code[aria-invalid="true"]').waitFor();
    expect(await page.locator('#region-code').getAttribute('aria-describedby')).toContain('region-code-error');
    expect(await page.locator('#region-code-error').innerText()).toContain('英小文字');
    await page.locator('.error-summary a[href="#region-code"]').waitFor();
    await web.a11y(page);

    await page.getByLabel('リージョンコード').fill('shinshu_test');
    await page.getByRole('button', { name: 'リージョンを作成' }).click();
    await page.getByText('「信州テストリージョン」（shinshu_test）を作成しました。15人の履歴を集計に反映しました。').waitFor();
    const table = page.getByTestId('regions-table');
    const row = () => table.locator('tbody tr').first();
    await table.waitFor();
    await row().getByText('長野市、松本市').waitFor();
    expect(await row().innerText()).toMatch(/信州テストリージョン\s+shinshu_test\s+2\s+長野市、松本市/);
    await web.a11y(page);

    // Rename: the code is fixed, the name and members can change.
    await page.getByRole('button', { name: '「信州テストリージョン」を編集' }).click();
    await page.getByRole('heading', { level: 3, name: '「信州テストリージョン」を編集' }).waitFor();
    expect(await page.getByText('リージョンコード：shinshu_test（変更できません）').count()).toBe(1);
    await page.locator('#region-edit-name').fill('信州北中部リージョン');
    await page.getByRole('button', { name: '変更を保存' }).click();
    await page.getByText('「信州北中部リージョン」を保存しました。', { exact: false }).waitFor();
    await table.getByRole('rowheader', { name: '信州北中部リージョン' }).waitFor();
    await web.a11y(page);
    await page.getByRole('button', { name: '編集を閉じる' }).click();

    // The HQ analyst picks it on the dashboard: its figures and its municipalities'.
    const hqPage = await openPage(await web.person(), web.pageErrors);
    await hqPage.setViewportSize({ width: 1280, height: 900 });
    await login(hqPage, baseUrl, hq.email, hq.password);
    await hqPage.waitForURL(/\/hq$/);
    const select = hqPage.getByLabel('広域リージョン', { exact: true });
    await select.locator('option', { hasText: '信州北中部リージョン' }).waitFor({ state: 'attached' });
    await select.selectOption('shinshu_test');
    const figures = hqPage.getByTestId('region-figures');
    await figures.waitFor();
    expect(await figures.innerText()).toMatch(/実人数\s+15人/);
    expect(await figures.innerText()).toMatch(/延べ人数\s+15人/);
    const members = hqPage.getByRole('table', { name: /^信州北中部リージョン：市区町村別の実人数/ });
    await members.waitFor();
    expect(await members.locator('tbody tr').count()).toBe(2);
    // 松本市's 3 is suppressed, and so is 長野市's 12 (next to the region's 15 it would reveal the 3).
    expect(await members.getByRole('row', { name: /長野市/ }).innerText()).toMatch(/202011\s+長野市\s+10未満（秘匿）/);
    expect(await members.getByRole('row', { name: /松本市/ }).innerText()).toMatch(/202029\s+松本市\s+10未満（秘匿）/);
    await web.a11y(hqPage);
    // Its CSV comes from the same scope.
    const button = hqPage.getByRole('button', { name: '信州北中部リージョンの市区町村別CSVをダウンロード' });
    const [download] = await Promise.all([hqPage.waitForEvent('download'), button.click()]);
    const csv = readFileSync((await download.path())!).toString('utf8');
    expect(csv).toContain('202011,長野市');

    // The admin deletes it after confirming; the list is empty again and HQ no longer offers it.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '「信州北中部リージョン」を削除' }).click();
    await page.getByText('広域リージョン「信州北中部リージョン」を削除しました。').waitFor();
    await page.getByText('広域リージョンはまだありません').waitFor();
    await web.a11y(page);
    await hqPage.reload();
    await hqPage.getByTestId('national-kpis').waitFor();
    expect(await hqPage.locator('#hq-region').count()).toBe(0);
    await page.close();
    await hqPage.close();
  });
});
