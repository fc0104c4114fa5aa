import type { Page } from 'playwright-core';
import { createUser, FAST_HASHING, PASSWORD } from '../component/auth-helpers';
import { createTestWorkspace } from '../support/harness';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { waitFor } from '../support/wait-for';
import {
  pageWidth,
  screenshot,
  seriousA11yViolations,
  signInPage,
  useBrowserApp,
  VIEWPORTS,
} from './browser';

// The sink must listen before the app starts: this hook runs before useBrowserApp's.
let sink: SmtpSink;
const env: Record<string, string> = { ...FAST_HASHING };
beforeAll(async () => {
  sink = await startSmtpSink();
  env.SMTP_URL = sink.url;
});
afterAll(() => sink?.close());
const app = useBrowserApp('browser-people', env);

const INVITED_PASSWORD = 'my first long password';
const CHANGED_PASSWORD = 'my second long password';

/** Every page: no serious axe violation, and at 360 px nothing wider than the screen. */
async function checkPage(page: Page, width: number, name: string) {
  expect(await seriousA11yViolations(page)).toEqual([]);
  if (width === 360) expect(await pageWidth(page)).toBeLessThanOrEqual(360);
  await screenshot(page, name);
}

const submit = (page: Page, action: string, url: RegExp) =>
  Promise.all([
    page.waitForURL(url),
    page.locator(`main form[action="${action}"] button[type="submit"]`).click(),
  ]);

const LANGUAGES = [
  { lang: 'en', locale: 'en-GB', notice: 'Invitation sent', copied: 'Copied.' },
  { lang: 'fr', locale: 'fr-FR', notice: 'Invitation envoyée', copied: 'Copié.' },
] as const;

const RUNS = LANGUAGES.flatMap((language) =>
  VIEWPORTS.map((viewport) => ({ ...language, viewport, width: viewport.width })),
);

describe('people and access pages in a browser', () => {
  it.each(RUNS)(
    'when an admin works in $lang at $width px, then inviting, a new key and its revocation, and a password change all work and pass axe',
    async ({ lang, locale, notice, copied, viewport, width }) => {
      const { ctx, browser, server } = app;
      const base = server.baseUrl;
      const ws = await createTestWorkspace(ctx, `People ${lang} ${width}`);
      const admin = await createUser(ctx, ws, { role: 'admin', name: 'Ada Admin' });
      const context = await browser.newContext({ viewport, locale });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const cspErrors: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
      });
      await signInPage(page, base, admin, PASSWORD, '/app/users');
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await checkPage(page, width, `people-users-${lang}-${width}`);

      // A wrong invitation first: the errors sit next to their fields.
      await page.locator('#invite-email').fill('not an email');
      await submit(page, '/app/users', /\/app\/users$/);
      expect(await page.locator('#invite-email').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#invite-name-err').count()).toBe(1);
      // Error states are checked once per language, on the phone.
      if (width === 360) await checkPage(page, width, `people-users-errors-${lang}-${width}`);

      const email = `invitee-${lang}-${width}-${Date.now()}@example.com`;
      await page.locator('#invite-email').fill(email);
      await page.locator('#invite-name').fill('Iris Invitee');
      await page.locator('#invite-role').selectOption('agent');
      await page.locator('#invite-teams').fill('support');
      await page.locator('#invite-locale').selectOption(lang);
      await submit(page, '/app/users', /done=invited/);
      expect(await page.getByRole('status').textContent()).toContain(notice);
      await Promise.all([
        page.waitForURL(/\/app\/users\/[0-9a-f]{24}$/),
        page.getByRole('link', { name: 'Iris Invitee' }).click(),
      ]);
      await checkPage(page, width, `people-user-${lang}-${width}`);

      // The invitee sets a password through the emailed link, then changes it on /app/account.
      const mail = await waitFor(() => sink.messages.find((m) => m.to.includes(email)), 'invite');
      const link = /http:\/\/retour\.test(\/reset\/[\w-]{43})/.exec(mail.text ?? '')![1]!;
      const invitee = await browser.newContext({ viewport, locale });
      const theirs = await invitee.newPage();
      theirs.setDefaultTimeout(10_000);
      await theirs.goto(`${base}${link}`);
      await theirs.locator('#password').fill(INVITED_PASSWORD);
      await theirs.locator('#confirm').fill(INVITED_PASSWORD);
      await Promise.all([
        theirs.waitForURL(/\/login\?password-set$/),
        theirs.locator('main form button[type="submit"]').click(),
      ]);
      await signInPage(theirs, base, { email }, INVITED_PASSWORD, '/app/account');
      expect(new URL(theirs.url()).pathname).toBe('/app/account');
      await checkPage(theirs, width, `people-account-${lang}-${width}`);
      await theirs.locator('#current').fill('not the password');
      await theirs.locator('#password').fill(CHANGED_PASSWORD);
      await theirs.locator('#confirm').fill(CHANGED_PASSWORD);
      await submit(theirs, '/app/account/password', /\/app\/account\/password$/);
      expect(await theirs.locator('#current').getAttribute('aria-invalid')).toBe('true');
      if (width === 360) await checkPage(theirs, width, `people-account-error-${lang}-${width}`);
      await theirs.locator('#current').fill(INVITED_PASSWORD);
      await theirs.locator('#password').fill(CHANGED_PASSWORD);
      await theirs.locator('#confirm').fill(CHANGED_PASSWORD);
      await submit(theirs, '/app/account/password', /done=password$/);
      await Promise.all([
        theirs.waitForURL(/\/login\?signed-out$/),
        theirs.locator('form.signout button').click(),
      ]);
      await signInPage(theirs, base, { email }, CHANGED_PASSWORD, '/app/account');
      expect(new URL(theirs.url()).pathname).toBe('/app/account');
      await invitee.close();

      // A key with two scopes: its secret is shown once, then revoked through the confirmation.
      await page.goto(`${base}/app/api-keys`);
      await checkPage(page, width, `people-api-keys-${lang}-${width}`);
      await page.locator('#key-name').fill('Helpdesk');
      await page.locator('#scope-interactions-write').check();
      await page.locator('#scope-reports-read').check();
      await submit(page, '/app/api-keys', /\/app\/api-keys$/);
      const secret = (await page.locator('#new-secret').textContent())!.trim();
      expect(secret).toMatch(/^rtr_/);
      await page.locator('button[data-copy="new-secret"]').click();
      await page.waitForFunction(
        `document.querySelector('[data-copy-status]').textContent === ${JSON.stringify(copied)}`,
      );
      expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(secret);
      await checkPage(page, width, `people-api-key-created-${lang}-${width}`);
      const bearer = { Authorization: `Bearer ${secret}` };
      expect((await fetch(`${base}/api/v1/workspace`, { headers: bearer })).status).toBe(200);

      await page.goto(`${base}/app/api-keys`);
      await Promise.all([
        page.waitForURL(/\/revoke$/),
        page.locator('a[href$="/revoke"]').filter({ hasText: 'Helpdesk' }).click(),
      ]);
      await checkPage(page, width, `people-api-key-revoke-${lang}-${width}`);
      await Promise.all([
        page.waitForURL(/done=revoked/),
        page.locator('main form button[type="submit"]').click(),
      ]);
      expect(await page.getByRole('status').textContent()).toContain('Helpdesk');
      expect((await fetch(`${base}/api/v1/workspace`, { headers: bearer })).status).toBe(401);
      expect(cspErrors).toEqual([]);
      await context.close();
    },
    40_000,
  );

  it('when JavaScript is off on a phone, then the new secret is plain selectable text and revoking still asks first', async () => {
    const { ctx, browser, server } = app;
    const ws = await createTestWorkspace(ctx, 'No JS');
    const admin = await createUser(ctx, ws, { role: 'admin', name: 'Ada Admin' });
    const context = await browser.newContext({
      viewport: { width: 360, height: 800 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInPage(page, server.baseUrl, admin, PASSWORD, '/app/api-keys');
    await page.locator('#key-name').fill('Script');
    await page.locator('#scope-admin').check();
    await submit(page, '/app/api-keys', /\/app\/api-keys$/);
    expect(await page.locator('button[data-copy="new-secret"]').isVisible()).toBe(false);
    expect(await page.locator('#new-secret').isVisible()).toBe(true);
    const secret = (await page.locator('#new-secret').textContent())!.trim();
    const bearer = { Authorization: `Bearer ${secret}` };
    await page.goto(`${server.baseUrl}/app/api-keys`);
    await Promise.all([
      page.waitForURL(/\/revoke$/),
      page.locator('a[href$="/revoke"]').filter({ hasText: 'Script' }).click(),
    ]);
    // Still usable until the confirmation is sent.
    expect((await fetch(`${server.baseUrl}/api/v1/me`, { headers: bearer })).status).toBe(200);
    await Promise.all([
      page.waitForURL(/done=revoked/),
      page.locator('main form button[type="submit"]').click(),
    ]);
    expect((await fetch(`${server.baseUrl}/api/v1/me`, { headers: bearer })).status).toBe(401);
    await context.close();
  });
});
