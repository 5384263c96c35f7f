// HQ and staff statistics views in a real browser (Debian's Chromium via playwright-core) against
// the real api: the boundary choropleth (with ../shared/data/japan-prefectures.topo.json configured
// through WEB_TOPOJSON_FILE; that test is skipped only when the file is absent), origin →
// destination flows with suppressed cells, server-side CSV export (UTF-8 BOM and CP932) and the
// staff counts / KPI progress page. axe-core (wcag2a + wcag2aa) on every view and state.
// After web source changes run `npm run build:web` first: the test exercises apps/web/dist.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser, type TestUser } from '../support/identity';
import { axe, login as loginWith, openPage, seedRegistrations, smallTargets, startWebSuite, type WebSuite } from '../support/web-browser';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');
const TOPOJSON = join(ROOT, '..', 'shared', 'data', 'japan-prefectures.topo.json');
const HAS_TOPOJSON = existsSync(TOPOJSON);

describe('web statistics views in Chromium', () => {
  let web: WebSuite;
  let baseUrl: string;
  let context: BrowserContext;
  let hq: TestUser;
  let naganoStaff: TestUser;
  let naganoPrefStaff: TestUser;

  beforeAll(async () => {
    web = await startWebSuite(HAS_TOPOJSON ? { WEB_TOPOJSON_FILE: TOPOJSON } : {});
    baseUrl = web.baseUrl;
    [hq, naganoStaff, naganoPrefStaff] = await Promise.all([
      createUser(web.api, { role: 'hq_analyst' }),
      createUser(web.api, { role: 'municipality_staff', municipalityCode: '202011' }),
      createUser(web.api, { role: 'prefecture_staff', prefectureCode: '20' }),
    ]);
    // Relationships: residents of 世田谷区 (東京圏) ×25, 横浜市 ×4 and 大阪市 ×12 registered with
    // 長野市; 世田谷区 ×15 with 中央区 (東京圏 → 東京圏).
    await seedRegistrations(web.api, { idPrefix: 'web-stats', uuidBlock: '9000' }, [
      { residence: '131121', municipality: '202011', count: 25 },
      { residence: '141003', municipality: '202011', count: 4 },
      { residence: '271004', municipality: '202011', count: 12 },
      { residence: '131121', municipality: '131024', count: 15 },
    ]);
  });

  afterAll(async () => {
    await web?.close();
  });

  const login = (page: Page, user: TestUser) => loginWith(page, baseUrl, user.email, user.password);
  const focusedLabel = (page: Page) => page.locator(':focus').getAttribute('aria-label');

  beforeEach(async () => {
    context = await web.person();
  });

  afterEach(async () => {
    await context.close();
    const seen = web.pageErrors.splice(0);
    expect(seen).toEqual([]);
  });

  async function downloadBytes(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: readFileSync(path!) };
  }

  (HAS_TOPOJSON ? it : it.skip)('HQ: a true choropleth from the configured TopoJSON, keyboard drill-down, tile map and table alternatives', async () => {
    const topo = await fetch(`${baseUrl}/geo/prefectures.topo.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(topo.status).toBe(200);
    expect(topo.headers.get('content-encoding')).toBe('gzip');
    expect(((await topo.json()) as { type: string }).type).toBe('Topology');

    const page = await openPage(context, web.pageErrors);
    await page.setViewportSize({ width: 1280, height: 1000 });
    await login(page, hq);
    await page.waitForURL(/\/hq$/);
    const areas = page.locator('svg.choropleth__svg path[data-prefecture]');
    await areas.first().waitFor();
    expect(await areas.count()).toBe(47);
    // Every path is drawn (non-empty geometry) and 長野県 is coloured by its 41 persons.
    const ds = await areas.evaluateAll((els) => (els as unknown as Array<{ getAttribute(n: string): string | null }>).map((e) => e.getAttribute('d') ?? ''));
    expect(ds.filter((d) => d.length < 20)).toEqual([]);
    await page.locator('path[data-prefecture="20"][aria-label="長野県：41人"]').waitFor();
    expect(await page.locator('path[data-prefecture="13"]').getAttribute('aria-label')).toBe('東京都：15人');
    await page.getByText('出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/kakawari-hq-choropleth.png', fullPage: true });

    // Keyboard: a skip button jumps over the 47 map stops; focus moves between prefectures with
    // Tab; Enter opens the drill-down.
    const skip = page.getByRole('button', { name: '地図の47都道府県を飛ばす' });
    await skip.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator(':focus').getAttribute('id')).toBe('choropleth-after');
    await page.locator('path[data-prefecture="19"]').focus();
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('長野県：41人');
    await page.locator('.choropleth__focus').getByText('長野県：41人').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('path[data-prefecture="20"][aria-pressed="true"]').waitFor();
    const drill = page.getByRole('table', { name: /長野県：市区町村別/ });
    await drill.waitFor();
    expect(await drill.getByRole('row', { name: /長野市/ }).innerText()).toContain('41');
    expect(await axe(page)).toEqual([]);

    // The built-in tile map stays one click away, and the table alternative has the 47 rows.
    await page.getByRole('button', { name: 'タイル地図', exact: true }).click();
    expect(await page.locator('.tilemap button[data-prefecture]').count()).toBe(47);
    await page.getByRole('button', { name: '表', exact: true }).click();
    expect(await page.getByRole('table', { name: /^都道府県別の実人数/ }).locator('tbody tr').count()).toBe(47);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('HQ: server-side CSV export carries the auth: UTF-8 with BOM by default, CP932 on request', async () => {
    const page = await openPage(context, web.pageErrors);
    await page.setViewportSize({ width: 1280, height: 1000 });
    await login(page, hq);
    await page.waitForURL(/\/hq$/);
    const button = page.getByRole('button', { name: '都道府県別CSVをダウンロード' });
    await button.waitFor();
    const utf8 = await downloadBytes(page, () => button.click());
    expect(utf8.name).toMatch(/\.csv$/);
    expect([...utf8.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = utf8.bytes.toString('utf8');
    expect(text).toContain('地方公共団体コード');
    expect(text).toMatch(/200000,長野県,\d{4},\d{4}-\d{2}-\d{2},real_persons,1,41\r\n/);
    await page.getByText(/をダウンロードしました。/).waitFor();
    expect(await axe(page)).toEqual([]);

    await page.getByLabel('文字コード').first().selectOption('cp932');
    const sjis = await downloadBytes(page, () => button.click());
    expect([...sjis.bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('shift_jis').decode(sjis.bytes)).toContain('長野県');
    await page.close();
  });

  it('HQ: origin → destination flows (東京圏 → 地方) as a chart and tables; suppressed cells are 秘匿, never 0', async () => {
    const page = await openPage(context, web.pageErrors);
    await page.setViewportSize({ width: 1280, height: 1000 });
    await login(page, hq);
    await page.waitForURL(/\/hq$/);
    await page.getByRole('link', { name: /人の流れ/ }).click();
    await page.getByRole('heading', { level: 1, name: '人の流れ（居住地 → 関わり先）' }).waitFor();
    // 長野県's row: 東京都 25, 神奈川県 4 (秘匿) and 大阪府 12 (secondary suppression).
    await page.getByTestId('tokyo-to-regions').getByText('25人以上').waitFor();
    expect(await page.locator('.kpi__exact').innerText()).toBe('25人以上（秘匿 1件を含む）');
    const bars = page.getByTestId('area-bars');
    expect(await bars.innerText()).toContain('東京圏 → 東京圏');
    expect(await bars.innerText()).toContain('大阪圏 → 地方');
    expect(await bars.innerText()).toContain('秘匿（10未満 × 1件）');
    expect(await axe(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/kakawari-hq-flows.png', fullPage: true });

    await page.getByRole('button', { name: '表で見る' }).first().click();
    const areaTable = page.getByTestId('area-table');
    await areaTable.waitFor();
    expect(await areaTable.getByRole('row', { name: /^東京圏/ }).innerText()).toMatch(/15人\s+0人\s+0人\s+25人以上（秘匿 1件を含む）/);

    await page.getByLabel('居住地（出発地）').selectOption('');
    await page.getByRole('button', { name: '表で見る' }).click();
    const pairs = page.getByTestId('pair-table');
    await pairs.waitFor();
    const row = (from: string, to: string) => pairs.locator('tr', { has: page.locator(`th:text-is("${from}")`) }).filter({ hasText: to });
    expect(await row('神奈川県', '長野県').locator('td.num').innerText()).toBe('10未満（秘匿）');
    expect(await row('大阪府', '長野県').locator('td.num').innerText()).toBe('10未満（秘匿）');
    expect(await row('東京都', '長野県').locator('td.num').innerText()).toBe('25人');
    for (const cell of await pairs.locator('td.num').allInnerTexts()) expect(cell).not.toMatch(/^0/);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/kakawari-hq-flows-table.png', fullPage: true });
    // The same pairs as CSV (6-digit 地方公共団体コード), suppressed cells as in the table.
    const flowsCsv = await downloadBytes(page, () => page.getByRole('button', { name: '都道府県間の流れをCSVでダウンロード' }).click());
    const flowsText = flowsCsv.bytes.toString('utf8');
    expect(flowsText).toMatch(/\r\n130001,東京都,200000,長野県,\d{4},\d{4}-\d{2}-\d{2},real_persons,1,25\r\n/);
    expect(flowsText).toMatch(/\r\n140007,神奈川県,200000,長野県,\d{4},\d{4}-\d{2}-\d{2},real_persons,1,10未満\r\n/);

    // Empty state: before any relationship existed.
    await page.getByLabel('基準日').fill('2025-05-01');
    await page.getByText('この日付の人の流れはまだありません').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('prefecture staff see flows into their own prefecture and their municipalities’ counts', async () => {
    const page = await openPage(context, web.pageErrors);
    await page.setViewportSize({ width: 1280, height: 1000 });
    await login(page, naganoPrefStaff);
    await page.goto(`${baseUrl}/hq/flows`);
    await page.getByRole('button', { name: '表で見る' }).first().click();
    const areaTable = page.getByTestId('area-table');
    await areaTable.waitFor();
    // Only 長野県 as destination: 東京圏 → 東京圏 (中央区) is not theirs to see.
    expect(await areaTable.getByRole('row', { name: /^東京圏/ }).innerText()).toMatch(/^東京圏\s+0人\s+0人\s+0人\s+25人以上/);
    expect(await axe(page)).toEqual([]);
    // English is one toggle away on the new views too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Flows (residence → related prefecture)' }).waitFor();
    expect(await areaTable.getByRole('row', { name: /^Tokyo area/ }).innerText()).toContain('at least 25 (incl. 1 suppressed)');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { level: 1, name: '人の流れ（居住地 → 関わり先）' }).waitFor();

    await page.getByRole('link', { name: '集計・KPI' }).click();
    await page.getByRole('heading', { level: 1, name: '関係人口の集計とKPI' }).waitFor();
    const children = page.getByTestId('scope-children');
    await children.waitFor();
    expect(await children.getByRole('row', { name: /長野市/ }).innerText()).toMatch(/202011\s+長野市\s+41人\s+41人/);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('municipality staff: counts, KPI progress against the straight-line path with 1/3/5-year milestones, CSV; error and empty states', async () => {
    const page = await openPage(context, web.pageErrors);
    await page.setViewportSize({ width: 1280, height: 1000 });
    await login(page, naganoStaff);
    // Flows are not for municipality staff: a designed error state, still accessible.
    await page.goto(`${baseUrl}/hq/flows`);
    await page.getByText('このページを表示する権限がありません').waitFor();
    expect(await axe(page)).toEqual([]);

    await page.goto(`${baseUrl}/staff`);
    await page.getByRole('link', { name: '集計・KPI' }).click();
    await page.getByRole('heading', { level: 1, name: '関係人口の集計とKPI' }).waitFor();
    await page.getByText('長野県長野市', { exact: true }).waitFor();
    const counts = page.getByTestId('scope-counts');
    await counts.getByText('41人').first().waitFor();
    expect(await counts.innerText()).toMatch(/実人数\s+41人/);
    expect(await page.locator('#kpi-date-hint').innerText()).toMatch(/^\d{4}年度（令和(元|\d+)年度）$/);

    // No target yet: empty state with the form; a missing value is an error tied to its field.
    await page.getByText('目標がまだ設定されていません').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: '目標を保存する' }).click();
    await page.locator('#kpi-target-value[aria-invalid="true"]').waitFor();
    expect(await page.getByLabel('目標値（人）').getAttribute('aria-describedby')).toContain('kpi-target-value-error');
    expect(await axe(page)).toEqual([]);

    await page.getByLabel('目標値（人）').fill('25000');
    await page.getByRole('button', { name: '目標を保存する' }).click();
    await page.getByText('目標を保存しました。', { exact: false }).waitFor();
    const card = page.getByTestId('target-real_persons');
    await card.waitFor();
    expect(await card.getByRole('heading').innerText()).toMatch(/^実人数：\d{4}年度（令和\d+年度）までに2\.5万人（25,000人）$/);
    expect(await card.getByTestId('target-gap').innerText()).toBe('直線経路どおりです');
    const milestones = page.getByTestId('milestones-real_persons');
    expect(await milestones.locator('tbody tr').count()).toBe(4);
    expect(await milestones.innerText()).toMatch(/1年後\s+\d{4}年度（令和\d+年度）/);
    expect(await milestones.innerText()).toContain('直線経路から算出');
    expect(await axe(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/kakawari-staff-kpi.png', fullPage: true });

    // Before the relationships began, the actual (0) is behind the path (the baseline 41): gap stated.
    await page.getByLabel('基準日').fill('2025-05-01');
    await page.getByTestId('target-gap').getByText('直線経路を 41人 下回っています').waitFor();
    expect(await axe(page)).toEqual([]);

    const button = page.getByRole('button', { name: '集計のCSVをダウンロード' });
    const csv = await downloadBytes(page, () => button.click());
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bytes.toString('utf8')).toContain('202011,長野市');
    await page.close();
  });
});
