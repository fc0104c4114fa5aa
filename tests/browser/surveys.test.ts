import type { Page } from 'playwright-core';
import { createUser, FAST_HASHING, PASSWORD } from '../component/auth-helpers';
import { createTestWorkspace } from '../support/harness';
import {
  pageWidth,
  screenshot,
  seriousA11yViolations,
  signInPage,
  useBrowserApp,
  VIEWPORTS,
} from './browser';

const app = useBrowserApp('browser-surveys', FAST_HASHING);

const LANGUAGES = [
  {
    lang: 'en',
    acceptLanguage: 'en-GB',
    create: 'New survey',
    save: 'Save survey',
    saved: 'Survey saved.',
    broken: 'This template cannot be used: Parse error',
  },
  {
    lang: 'fr',
    acceptLanguage: 'fr-FR',
    create: 'Nouveau questionnaire',
    save: 'Enregistrer le questionnaire',
    saved: 'Questionnaire enregistré.',
    broken: 'Ce modèle est inutilisable : Parse error',
  },
] as const;

/** axe clean, and nothing wider than the phone, at both console widths. */
async function checkAtBothWidths(page: Page, base: string, lang: string): Promise<void> {
  const name = lang === 'en' ? base : `${base}-${lang}`;
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
    await screenshot(page, `${name}-${viewport.width}`);
  }
}

describe('the survey pages in a browser', () => {
  it.each(LANGUAGES)(
    'when a manager creates a survey in $lang, then its three previews show, and a broken template is shown inline and not saved',
    async (l) => {
      const { ctx, browser, server } = app;
      const ws = await createTestWorkspace(ctx, 'Acme Fibre');
      await ctx.container.services.workspaces.updateSettings(ws.workspaceId, {
        defaultLocale: l.lang,
      });
      const manager = await createUser(ctx, ws, { role: 'manager', name: 'Maud Manager' });
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: l.acceptLanguage,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const cspViolations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
      });
      await signInPage(page, server.baseUrl, manager, PASSWORD, '/app/surveys');
      expect(await page.locator('html').getAttribute('lang')).toBe(l.lang);
      expect(await page.locator('.survey-row').count()).toBe(3);
      await checkAtBothWidths(page, 'surveys-list', l.lang);

      await Promise.all([
        page.waitForURL(/\/app\/surveys\/new$/),
        page.getByRole('link', { name: l.create }).click(),
      ]);
      await checkAtBothWidths(page, 'surveys-new', l.lang);
      await page.locator('input[name="name"]').fill(`Livraison ${l.lang}`);
      await page.locator('input[name="key"]').fill(`delivery-${l.lang}`);
      await page
        .locator(`textarea[name="sms.${l.lang}"]`)
        .fill('{{company}}: how did your delivery go? Rate it 0-10: {{link}}');
      await Promise.all([
        page.waitForURL(/\/app\/surveys\/[0-9a-f]{24}\?saved=1$/),
        page.getByRole('button', { name: l.save }).click(),
      ]);
      expect(await page.getByRole('status').textContent()).toBe(l.saved);
      const stored = await ctx.container.services.surveys.list(ws.workspaceId);
      expect(stored.map((s) => s.key)).toContain(`delivery-${l.lang}`);

      // The three previews of the workspace's language, side by side with its texts.
      const section = page.locator('section.locale').first();
      expect(await section.locator('.sms-bubble').textContent()).toMatch(
        /^Acme Fibre: how did your delivery go\? Rate it 0-10: http:\/\/.+\/s\/\w+$/,
      );
      expect(await section.locator('.sms-facts').textContent()).toMatch(
        /^\d+ caract[eè]res? · GSM-7 · 1 segment$|^\d+ characters? · GSM-7 · 1 segment$/,
      );
      expect(await section.locator('.email-preview .subject').textContent()).toContain(
        'Acme Fibre',
      );
      const email = page.frameLocator('section.locale >> nth=0 >> iframe.email-frame');
      expect(await email.locator('a[href*="?score="]').count()).toBe(11);
      const landing = page.frameLocator('section.locale >> nth=0 >> iframe.landing-frame');
      expect(await landing.locator('h1').textContent()).toContain('Acme Fibre');
      expect(await landing.locator('input[type="radio"]').count()).toBe(11);
      await checkAtBothWidths(page, 'surveys-edit', l.lang);
      await page.setViewportSize({ width: 1280, height: 800 });
      const [texts, previews] = await Promise.all([
        section.locator('.texts').boundingBox(),
        section.locator('.previews').boundingBox(),
      ]);
      expect(previews!.x).toBeGreaterThan(texts!.x + texts!.width - 1);

      // A broken template: the handlebars message next to its field, nothing saved.
      const sms = page.locator(`textarea[name="sms.${l.lang}"]`);
      await sms.fill('Hello {{#if customerName}}{{customerName}}');
      await page.getByRole('button', { name: l.save }).click();
      const error = page.locator(`#f-sms-${l.lang}-error`);
      expect(await error.textContent()).toContain(l.broken);
      expect(await sms.getAttribute('aria-invalid')).toBe('true');
      expect(await sms.inputValue()).toBe('Hello {{#if customerName}}{{customerName}}');
      expect(await section.locator('.previews .field-error').first().textContent()).toContain(
        'Parse error',
      );
      const after = await ctx.container.services.surveys.list(ws.workspaceId);
      expect(after.find((s) => s.key === `delivery-${l.lang}`)!.templates.sms[l.lang]).toBe(
        '{{company}}: how did your delivery go? Rate it 0-10: {{link}}',
      );
      await checkAtBothWidths(page, 'surveys-edit-error', l.lang);
      expect(cspViolations).toEqual([]);
      await context.close();
    },
    60_000,
  );
});
