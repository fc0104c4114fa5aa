import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Express } from 'express';
import { startTestContext, type TestContext } from '../support/harness';

/** Debian's chromium, installed by .ci/run with apt-get; never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'browser');

/** Fails loudly when Chromium is missing: a skipped browser test must never count as passing. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** The real app on a free local port, as a browser reaches it. */
export async function listen(app: Express): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export interface BrowserApp {
  ctx: TestContext;
  browser: Browser;
  server: Awaited<ReturnType<typeof listen>>;
}

/**
 * For a browser test file: the real app on a free port and Debian's Chromium, started before
 * the file's tests and closed after them. Read the fields inside tests, once beforeAll ran.
 */
export function useBrowserApp(label: string, env: Record<string, string> = {}): BrowserApp {
  const app = {} as BrowserApp;
  beforeAll(async () => {
    app.ctx = await startTestContext(label, env);
    app.server = await listen(app.ctx.app);
    app.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.close();
    await app.ctx?.close();
  });
  return app;
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

export const pageWidth = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth');

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) in the page and returns its serious and critical
 * violations, one line each, so a test can `expect(await seriousA11yViolations(page)).toEqual([])`.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: an inline <script> tag would break the page's CSP.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<AxeViolation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
}

/** The phone and laptop widths every console page is checked at. */
export const VIEWPORTS = [
  { name: 'phone', width: 360, height: 800 },
  { name: 'laptop', width: 1280, height: 800 },
] as const;

/** Signs in through the real login form, in the given app language (the user's own choice wins). */
export async function signInPage(
  page: Page,
  baseUrl: string,
  user: { email: string },
  password: string,
  next = '/app',
): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login')),
    page.locator('main form button[type="submit"]').first().click(),
  ]);
}
