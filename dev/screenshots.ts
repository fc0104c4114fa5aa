/**
 * Screenshots of the console's main pages at 360 px and 1280 px, for docs/screenshots/ and the
 * README. Start the service first (`npm run dev`: demo workspace and history), then:
 *
 *   node --import tsx dev/screenshots.ts [baseUrl=http://localhost:3000] [out=docs/screenshots]
 *
 * Uses Debian's chromium (CHROMIUM_PATH to override), never a downloaded browser. A page that
 * answers an error is reported and skipped, so the script also tells which pages are missing.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_USERS } from '../src/workspaces/users/demo-users';

const BASE = process.argv[2] ?? 'http://localhost:3000';
const OUT = path.resolve(process.argv[3] ?? 'docs/screenshots');
const WIDTHS = [360, 1280] as const;

interface Shot {
  name: string;
  role: 'admin' | 'manager' | 'agent';
  /** A path, or a function finding it from an index page (the first detail link). */
  path: string | ((page: Page) => Promise<string | null>);
  locale?: 'en' | 'fr';
}

const firstLink = (indexPath: string, selector: string) => async (page: Page) => {
  await page.goto(`${BASE}${indexPath}`);
  const href = await page
    .locator(selector)
    .first()
    .getAttribute('href')
    .catch(() => null);
  return href;
};

const SHOTS: Shot[] = [
  { name: 'home', role: 'manager', path: '/app' },
  { name: 'inbox', role: 'agent', path: '/app/inbox' },
  { name: 'task', role: 'agent', path: firstLink('/app/inbox', 'main a[href^="/app/tasks/"]') },
  { name: 'reports', role: 'manager', path: '/app/reports' },
  { name: 'reports-fr', role: 'manager', path: '/app/reports', locale: 'fr' },
  { name: 'surveys', role: 'manager', path: '/app/surveys' },
  { name: 'survey-editor', role: 'manager', path: firstLink('/app/surveys', 'main a[href^="/app/surveys/"]:not([href$="/new"])') },
  { name: 'rules', role: 'manager', path: '/app/rules' },
  { name: 'rule-builder', role: 'manager', path: '/app/rules/new' },
  { name: 'triggers', role: 'manager', path: '/app/triggers' },
  { name: 'invitations', role: 'manager', path: '/app/invitations' },
  { name: 'contacts', role: 'admin', path: '/app/contacts' },
  { name: 'settings', role: 'admin', path: '/app/settings' },
  { name: 'settings-fr', role: 'admin', path: '/app/settings', locale: 'fr' },
  { name: 'users', role: 'admin', path: '/app/users' },
  { name: 'api-keys', role: 'admin', path: '/app/api-keys' },
  { name: 'rewards', role: 'admin', path: '/app/rewards' },
  { name: 'connectors', role: 'admin', path: '/app/connectors' },
  { name: 'audit', role: 'admin', path: '/app/audit' },
  { name: 'account', role: 'agent', path: '/app/account' },
]; // prettier-ignore

/** One signed-in browser context per role and language: sign-ins are rate limited per address. */
async function signedIn(browser: Browser, role: Shot['role'], locale: string) {
  const user = DEMO_USERS.find((u) => u.role === role)!;
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: locale === 'fr' ? 'fr-FR' : 'en-GB',
  });
  const page = await context.newPage();
  await page.goto(`${BASE}/login`);
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 10_000 }),
    page.locator('main form button[type="submit"]').first().click(),
  ]).catch(async (err: unknown) => {
    const said = await page.locator('main').innerText();
    throw new Error(`signing in as ${user.email} failed: ${said.slice(0, 200)}`, { cause: err });
  });
  return page;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const pages = new Map<string, Page>();
  const missing: string[] = [];
  try {
    for (const shot of SHOTS) {
      const key = `${shot.role}-${shot.locale ?? 'en'}`;
      if (!pages.has(key)) pages.set(key, await signedIn(browser, shot.role, shot.locale ?? 'en'));
      const page = pages.get(key)!;
      await page.setViewportSize({ width: 1280, height: 900 });
      const target = typeof shot.path === 'string' ? shot.path : await shot.path(page);
      if (!target) {
        missing.push(`${shot.name}: no link found`);
        continue;
      }
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width < 600 ? 800 : 900 });
        const res = await page.goto(`${BASE}${target}`);
        if (!res || res.status() >= 400) {
          missing.push(`${shot.name}: ${target} answered ${res?.status()}`);
          break;
        }
        const file = path.join(OUT, `${shot.name}-${width}.png`);
        // A phone shows its first screen (what the issue asks to put first); a laptop the page.
        await page.screenshot({ path: file, fullPage: width >= 600 });
        console.log(file);
      }
    }
  } finally {
    await browser.close();
  }
  if (missing.length) console.log(`skipped:\n  ${missing.join('\n  ')}`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
