// Browser helpers for the web e2e tests: Debian's Chromium through playwright-core, axe-core
// (wcag2a + wcag2aa), label and target-size checks, a page that records script errors, and
// startWebSuite: the api serving the built SPA plus a browser, shared by the test/e2e/web* suites.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { RelationshipsService } from '@app/relationships';
import { startTestApi, type TestApi } from './api-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The root tsconfig has no DOM lib; the few browser globals used in page.evaluate are typed here.
interface BrowserElement {
  id: string;
  tagName: string;
  type?: string;
  offsetParent: unknown;
  outerHTML: string;
  textContent: string | null;
  labels?: { length: number } | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
}
interface BrowserGlobals {
  axe?: { run(ctx: unknown, opts: object): Promise<{ violations: AxeViolation[] }> };
  document: {
    activeElement: BrowserElement | null;
    cookie: string;
    documentElement: { scrollWidth: number };
    querySelectorAll(selector: string): ArrayLike<BrowserElement>;
  };
  localStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null };
  sessionStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null };
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=ja-JP'],
  });
}

/** One person's browser: its own cookie jar and storage. */
export function newPerson(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
}

/** axe-core (WCAG 2 A + AA rules) on the current page; returns the violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const g = globalThis as unknown as BrowserGlobals;
    const result = await g.axe!.run(g.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/** Every visible form control has an accessible name from a <label> or ARIA. */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from((globalThis as unknown as BrowserGlobals).document.querySelectorAll('input, select, textarea'))
      .filter((el) => el.type !== 'hidden' && el.offsetParent !== null)
      .filter((el) => !(el.labels && el.labels.length > 0) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

/** Visible buttons and form controls in <main> smaller than 44 × 44 CSS px (inline text links are exempt). */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from((globalThis as unknown as BrowserGlobals).document.querySelectorAll('main button, main input:not([type=checkbox]):not([type=radio]), main select'))
      .filter((el) => el.offsetParent !== null && !el.getAttribute('class')?.includes('btn--inline'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.height < 44 || r.width < 44;
      })
      .map((el) => `${el.outerHTML.slice(0, 100)} ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`),
  );
}

/** Width of the page's content in CSS px (more than the viewport means sideways scrolling). */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.documentElement.scrollWidth);
}

/** Everything scripts on the page can read from cookies and web storage, joined. */
export function scriptReadableState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const g = globalThis as unknown as BrowserGlobals;
    const dump = (s: BrowserGlobals['localStorage']) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`).join(';');
    return [g.document.cookie, dump(g.localStorage), dump(g.sessionStorage)].join('|');
  });
}

/** Id and text of the focused element. */
export function focused(page: Page): Promise<{ id: string; text: string; tag: string }> {
  return page.evaluate(() => {
    const el = (globalThis as unknown as BrowserGlobals).document.activeElement;
    return { id: el?.id ?? '', text: el?.textContent?.trim() ?? '', tag: el?.tagName ?? '' };
  });
}

/** Presses Tab until the predicate holds (or fails after `max` presses). */
export async function tabUntil(page: Page, predicate: (f: { id: string; text: string; tag: string }) => boolean, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (predicate(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`focus never reached the target (last: ${JSON.stringify(await focused(page))})`);
}

/** A tab that records uncaught page errors and console errors other than 4xx answers. */
export async function openPage(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // 4xx answers are designed states (validation, rate limits); 5xx and script errors are not.
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return page;
}

/** Signs in through the login page; `remember` ticks 「ログインしたままにする」. */
export async function login(page: Page, baseUrl: string, email: string, password: string, { remember = false } = {}): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  if (remember) await page.getByLabel('ログインしたままにする').check();
  await page.getByRole('button', { name: 'ログイン', exact: true }).last().click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const ROOT = join(__dirname, '..', '..');

export interface WebSuite {
  /** The real api on its own database, serving the built SPA. */
  api: TestApi;
  /** http://127.0.0.1:<port> of that api. */
  baseUrl: string;
  browser: Browser;
  /** Script and console errors of pages opened with openPage(…, pageErrors); assert empty after each test. */
  pageErrors: string[];
  /** A new person: their own browser context (cookie jar, storage), closed by close(). */
  person(): Promise<BrowserContext>;
  /** axe-core, labels, 44 px targets, and no sideways scrolling of the page itself (wide tables scroll inside their wrapper). */
  a11y(page: Page): Promise<void>;
  /** Closes every person's context, the browser and the api. */
  close(): Promise<void>;
}

/**
 * The set-up of a browser suite: builds apps/web (or WEB_DIST_DIR) when its index.html is missing,
 * starts the api with `env` (see startTestApi) on a free local port and launches Chromium.
 */
export async function startWebSuite(env: Record<string, string> = {}): Promise<WebSuite> {
  const dist = env.WEB_DIST_DIR ?? join(ROOT, 'apps', 'web', 'dist');
  if (!existsSync(join(dist, 'index.html'))) execSync('npm run --silent build:web', { cwd: ROOT, stdio: 'inherit' });
  const api = await startTestApi(env);
  const browser = await api.app
    .listen({ port: 0, host: '127.0.0.1' })
    .then(() => launchBrowser())
    .catch(async (e: unknown) => {
      await api.close();
      throw e;
    });
  const contexts: BrowserContext[] = [];
  return {
    api,
    baseUrl: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`,
    browser,
    pageErrors: [],
    person: async () => {
      const c = await newPerson(browser);
      contexts.push(c);
      return c;
    },
    a11y: async (page) => {
      expect(await axe(page)).toEqual([]);
      expect(await unlabelledControls(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      expect(await pageWidth(page)).toBeLessThanOrEqual(page.viewportSize()?.width ?? 1280);
    },
    close: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await api.close();
    },
  };
}

/**
 * Registrations (ふるさと住民登録) written straight through RelationshipsService, all at
 * 2025-06-01T01:00Z by workers: `count` persons living in `residence` per row, numbered from 1 across
 * the rows as registration ids `<idPrefix>-<n>` and user ids 00000000-0000-4000-<uuidBlock>-<n, 12 digits>.
 */
export async function seedRegistrations(
  api: TestApi,
  ids: { idPrefix: string; uuidBlock: string },
  rows: { residence: string; municipality: string; count: number }[],
): Promise<void> {
  const svc = api.app.get(RelationshipsService);
  let n = 0;
  const writes: Promise<unknown>[] = [];
  for (const { residence, municipality, count } of rows) {
    for (let i = 0; i < count; i++) {
      n++;
      writes.push(
        svc.recordRegistration({
          registrationId: `${ids.idPrefix}-${n}`,
          userId: `00000000-0000-4000-${ids.uuidBlock}-${String(n).padStart(12, '0')}`,
          municipalityCode: municipality,
          registeredAt: '2025-06-01T01:00:00Z',
          profile: { residenceMunicipalityCode: residence, participantType: 'worker' },
        }),
      );
    }
  }
  await Promise.all(writes);
}
