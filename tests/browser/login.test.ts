import { join } from 'node:path';
import { createUser, FAST_HASHING, PASSWORD } from '../component/auth-helpers';
import { createTestWorkspace } from '../support/harness';
import { ARTIFACTS, seriousA11yViolations, signInPage, useBrowserApp, VIEWPORTS } from './browser';

const app = useBrowserApp('browser-login', FAST_HASHING);

describe('signing in on a phone', () => {
  it('when an agent signs in at 390×844, then /app greets them, fits the screen, and signing out works', async () => {
    const { ctx, browser, server } = app;
    const ws = await createTestWorkspace(ctx, 'Acme');
    const user = await createUser(ctx, ws, {
      role: 'agent',
      name: 'Alice Agent',
      teams: ['billing'],
    });
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });

    page.setDefaultTimeout(10_000);
    await page.goto(`${server.baseUrl}/app`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.screenshot({ path: join(ARTIFACTS, 'login-390.png'), fullPage: true });
    await Promise.all([
      page.waitForURL(/\/app$/),
      page.getByRole('button', { name: 'Sign in' }).tap(),
    ]);

    await expect(page.locator('h1').textContent()).resolves.toBe('Hello, Alice Agent');
    expect(await page.getByRole('link', { name: 'Inbox' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Reports' }).count()).toBe(0);
    const styled = await page.evaluate<string>(
      'getComputedStyle(document.querySelector("header.bar")).borderBottomStyle',
    );
    expect(styled).toBe('solid');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'app-home-390.png'), fullPage: true });

    await Promise.all([
      page.waitForURL(/\/login\?signed-out$/),
      page.getByRole('button', { name: /Sign out/ }).tap(),
    ]);
    await expect(page.locator('[role="status"]').textContent()).resolves.toBe(
      'You are signed out.',
    );
    expect(violations).toEqual([]);
    await context.close();
  });

  it('when a signed-in agent taps "Français" with JavaScript off at 360 px, then the pages turn French and stay so', async () => {
    const { ctx, browser, server } = app;
    const ws = await createTestWorkspace(ctx, 'Acme');
    const user = await createUser(ctx, ws, { role: 'agent', name: 'Alice Agent' });
    const context = await browser.newContext({
      viewport: { width: 360, height: 800 },
      isMobile: true,
      hasTouch: true,
      javaScriptEnabled: false,
      locale: 'en-US',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/app$/),
      page.getByRole('button', { name: 'Sign in' }).tap(),
    ]);
    // Already on /app: the switcher's post comes back to the same URL, so wait for the new page.
    await page.getByRole('button', { name: 'Français' }).tap();
    await page.waitForSelector('html[lang="fr"]');
    await expect(page.locator('h1').textContent()).resolves.toBe('Bonjour, Alice Agent');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      360,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'app-home-fr-360.png'), fullPage: true });
    await page.goto(`${server.baseUrl}/app/inbox`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Boîte de suivi');
    await page.goto(`${server.baseUrl}/app/nowhere`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page introuvable');
    await context.close();
  });

  it.each(VIEWPORTS)(
    'when someone signs in at $width px in French, then the sign-in page and the home page pass axe',
    async (viewport) => {
      const { ctx, browser, server } = app;
      const ws = await createTestWorkspace(ctx, `Axe ${viewport.name}`);
      const user = await createUser(ctx, ws, { role: 'admin', name: 'Anne Admin' });
      const context = await browser.newContext({ viewport, locale: 'fr-FR' });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/login`);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await signInPage(page, server.baseUrl, user, PASSWORD);
      expect(new URL(page.url()).pathname).toBe('/app');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await context.close();
    },
  );

  it('when a page breaks a rule, then the axe check reports it (the check itself works)', async () => {
    const page = await app.browser.newPage();
    await page.setContent('<html lang="en"><title>t</title><body><img src="x.png"></body></html>');
    expect((await seriousA11yViolations(page)).join()).toContain('image-alt (critical)');
    await page.close();
  });
});
