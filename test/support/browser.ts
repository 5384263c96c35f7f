// Browser helpers for the web e2e tests: Debian's Chromium driven by playwright-core, axe-core
// (wcag2a + wcag2aa) on the current page, and a tab that records page and console errors.
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = join(__dirname, '..', '..');
export const WEB_DIST = join(ROOT, 'apps', 'web', 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

// The root tsconfig has no DOM lib; the browser globals used inside page.evaluate are typed here.
interface BrowserGlobals {
  axe?: { run(ctx: unknown, opts: object): Promise<{ violations: AxeViolation[] }> };
  document: {
    activeElement: { id: string; tagName: string; textContent: string | null; getAttribute(n: string): string | null } | null;
  };
}

/** Builds apps/web/dist once when it is missing (after source changes run `npm run build:web`). */
export function ensureWebBuild(): void {
  if (!existsSync(join(WEB_DIST, 'index.html'))) execSync('npm run --silent build:web', { cwd: ROOT, stdio: 'inherit' });
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

/** The focused element's data-* / aria-label, for keyboard tests. */
export function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.getAttribute('aria-label') ?? '');
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'kakawari-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=ja-JP'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** A tab that records uncaught page errors and console errors (4xx answers are designed states). */
export async function openPage(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return page;
}

/** Logs in through the login form and waits until the app has navigated away from /login. */
export async function login(page: Page, baseUrl: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('メールアドレス').fill(user.email);
  await page.getByLabel('パスワード').fill(user.password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).last().click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
