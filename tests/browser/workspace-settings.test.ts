import type { Page } from 'playwright-core';
import { createUser, FAST_HASHING, PASSWORD } from '../component/auth-helpers';
import { answer, linkInvitation } from '../component/landing-helpers';
import { createTestWorkspace } from '../support/harness';
import {
  pageWidth,
  screenshot,
  seriousA11yViolations,
  signInPage,
  useBrowserApp,
  VIEWPORTS,
} from './browser';

const app = useBrowserApp('browser-workspace', FAST_HASHING);

const TEXT = {
  en: {
    save: 'Save settings',
    saved: 'Settings saved.',
    search: 'Search',
    optOut: 'Opt out of SMS',
    optedOut: 'Opt-out set.',
    byHand: 'by Ada Admin in the console',
    find: 'Find a contact',
  },
  fr: {
    save: 'Enregistrer les réglages',
    saved: 'Réglages enregistrés.',
    search: 'Rechercher',
    optOut: 'Désinscrire du canal SMS',
    optedOut: 'Désinscription enregistrée.',
    byHand: 'par Ada Admin dans la console',
    find: 'Trouver un contact',
  },
} as const;

/** axe finds nothing serious, and nothing scrolls sideways (at 360 px nor at 1280 px). */
async function checkPage(page: Page, width: number, name: string) {
  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(await pageWidth(page)).toBeLessThanOrEqual(width);
  await screenshot(page, `${name}-${width}`);
}

describe('workspace pages in a browser', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`when an admin (${lang}) changes the time zone, finds a contact by phone and opts it out, then each lands; every page passes axe at 360 and 1280 px`, async () => {
      const { ctx, browser, server } = app;
      const ws = await createTestWorkspace(ctx, 'Acme');
      const admin = await createUser(ctx, ws, { role: 'admin', name: 'Ada Admin' });
      const phone = lang === 'en' ? '+33612345601' : '+33612345602';
      const inv = await linkInvitation(ctx, ws, {
        extra: {
          customer: {
            id: `cust-${lang}`,
            name: `Zoé ${lang}`,
            phone,
            email: `zoe-${lang}@example.org`,
          },
          agent: { id: 'a-1', name: 'Bruno Agent' },
        },
      });
      await answer(ctx, inv, { score: '4', comment: 'Slow refund' }, 303);
      await ctx.container.services.rules.rewards.add(ws.workspaceId, 'promoter-coupons', [
        'C-1',
        'C-2',
      ]);

      const context = await browser.newContext({
        viewport: { width: 360, height: 800 },
        isMobile: true,
        hasTouch: true,
        locale: lang === 'en' ? 'en-GB' : 'fr-FR',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const cspErrors: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
      });
      const text = TEXT[lang];
      await signInPage(page, server.baseUrl, admin, PASSWORD, '/app/settings');
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);

      // The time zone: picked from the grouped list, saved, and then used for dates.
      await checkPage(page, 360, `settings-${lang}`);
      await page.locator('#timezone').selectOption('Asia/Tokyo');
      await Promise.all([
        page.waitForURL(/\/app\/settings\?saved=1$/),
        page.getByRole('button', { name: text.save }).tap(),
      ]);
      expect(await page.getByRole('status').textContent()).toBe(text.saved);
      expect(await page.locator('#timezone').inputValue()).toBe('Asia/Tokyo');
      expect((await ctx.container.services.workspaces.getWorkspace(ws.workspaceId)).timezone).toBe(
        'Asia/Tokyo',
      );

      // The contact, found by its number as a person types it, then opted out of SMS.
      await page.goto(`${server.baseUrl}/app/contacts`);
      await checkPage(page, 360, `contacts-${lang}`);
      await page
        .getByLabel(text.find)
        .fill(phone.replace(/^\+33(\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, '+33 $1 $2 $3 $4 $5'));
      await Promise.all([
        page.waitForURL(/\/app\/contacts\?q=/),
        page.getByRole('button', { name: text.search }).tap(),
      ]);
      await Promise.all([
        page.waitForURL(/\/app\/contacts\/[0-9a-f]{24}$/),
        page.getByRole('link', { name: `Zoé ${lang}` }).tap(),
      ]);
      const contactUrl = page.url();
      await checkPage(page, 360, `contact-${lang}`);
      await Promise.all([
        page.waitForURL(/done=optedOut$/),
        page.getByRole('button', { name: text.optOut }).tap(),
      ]);
      expect(await page.getByRole('status').textContent()).toContain(text.optedOut);
      const entry = page.locator('.history li').first();
      expect(await entry.textContent()).toContain(text.byHand);
      // Its time is shown in the workspace's new zone.
      const at = await entry.locator('time').getAttribute('datetime');
      const tokyo = new Intl.DateTimeFormat(lang, {
        timeZone: 'Asia/Tokyo',
        hour: 'numeric',
        minute: '2-digit',
      }).format(new Date(at!));
      expect(await entry.locator('time').textContent()).toContain(tokyo);
      const contact = await ctx.container.services.contacts.findAll(ws.workspaceId, { phone });
      expect(contact[0]?.optOut).toMatchObject({ sms: true });
      await checkPage(page, 360, `contact-opted-out-${lang}`);

      await page.goto(`${contactUrl}/erase`);
      await checkPage(page, 360, `contact-erase-${lang}`);
      await page.goto(`${server.baseUrl}/app/rewards`);
      await checkPage(page, 360, `rewards-${lang}`);

      // The same pages on a laptop: a desktop context, signed in with the same session cookie.
      const laptop = VIEWPORTS.find((v) => v.width === 1280)!;
      const desk = await browser.newContext({
        viewport: { width: laptop.width, height: laptop.height },
        locale: lang === 'en' ? 'en-GB' : 'fr-FR',
        storageState: await context.storageState(),
      });
      await context.close();
      const wide = await desk.newPage();
      wide.setDefaultTimeout(10_000);
      for (const [path, name] of [
        ['/app/settings', 'settings'],
        [`/app/contacts?q=${encodeURIComponent(phone)}`, 'contacts'],
        [new URL(contactUrl).pathname, 'contact'],
        [`${new URL(contactUrl).pathname}/erase`, 'contact-erase'],
        ['/app/rewards', 'rewards'],
      ] as const) {
        await wide.goto(`${server.baseUrl}${path}`);
        expect(await wide.locator('html').getAttribute('lang')).toBe(lang);
        await checkPage(wide, laptop.width, `${name}-${lang}`);
      }
      expect(cspErrors).toEqual([]);
      await desk.close();
    }, 60_000);
  }
});
