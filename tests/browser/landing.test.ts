import { join } from 'node:path';
import { Types } from 'mongoose';
import type { Browser, BrowserContext } from 'playwright-core';
import { responseModel } from '../../src/responses';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { linkInvitation } from '../component/landing-helpers';
import { ARTIFACTS, launchChromium, listen, pageWidth, seriousA11yViolations } from './browser';

let ctx: TestContext;
let browser: Browser;
let server: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  ctx = await startTestContext('browser-landing');
  server = await listen(ctx.app);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await ctx?.close();
});

const phone = (n: number) => `+3361234570${n}`;

function mobile(javaScriptEnabled = true): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 640 },
    isMobile: true,
    hasTouch: true,
    locale: 'fr-FR',
    javaScriptEnabled,
  });
}

const responsesOf = (invitationId: string) =>
  responseModel(ctx.container.mongo)
    .find({ invitationId: new Types.ObjectId(invitationId) })
    .lean();

describe('the survey page in a phone browser', () => {
  it.each([
    ['with JavaScript', true, 1],
    ['with JavaScript disabled', false, 2],
  ])(
    'when a French customer opens the SMS link %s, taps 3, writes a comment and sends, then the French thank-you shows',
    async (label, javaScriptEnabled, n) => {
      const ws = await createTestWorkspace(ctx, 'Acme');
      const inv = await linkInvitation(ctx, ws, {
        phone: phone(n),
        locale: 'fr',
        channels: ['sms'],
      });
      const context = await mobile(javaScriptEnabled);
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`${server.baseUrl}${inv.path}`);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(360);
      await page.locator('label[for="score-3"]').tap();
      expect(await page.isChecked('#score-3')).toBe(true);
      await page.locator('#comment').fill('Trop long à obtenir une réponse');
      await page.screenshot({ path: join(ARTIFACTS, `landing-filled-${n}.png`), fullPage: true });
      await Promise.all([
        page.waitForURL(/\/thanks$/),
        page.locator('button[type="submit"]').tap(),
      ]);
      await expect(page.locator('h1').textContent()).resolves.toBe('Merci pour votre retour !');
      await page.screenshot({ path: join(ARTIFACTS, `landing-thanks-${n}.png`), fullPage: true });
      expect(requests.every((url) => url.startsWith(server.baseUrl))).toBe(true);
      const [stored] = await responsesOf(inv.id);
      expect(stored).toMatchObject({
        score: 3,
        category: 'detractor',
        comment: 'Trop long à obtenir une réponse',
        source: 'web',
      });
      await context.close();
      expect(label).toBeTruthy();
    },
  );

  it('when an email button opens ?score=10, then the score is preselected and noted, and Send records it', async () => {
    const ws = await createTestWorkspace(ctx, 'Acme');
    const inv = await linkInvitation(ctx, ws, { locale: 'en', channels: ['link'] });
    const context = await mobile();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${inv.path}?score=10`);
    expect(await page.isChecked('#score-10')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'landing-email-click.png'), fullPage: true });
    const clicks = await ctx.container.mongo
      .collection('email_clicks')
      .find({ invitationId: new Types.ObjectId(inv.id) })
      .toArray();
    expect(clicks).toEqual([expect.objectContaining({ score: 10, state: 'pending' })]);
    await Promise.all([page.waitForURL(/\/thanks$/), page.locator('button[type="submit"]').tap()]);
    const [stored] = await responsesOf(inv.id);
    expect(stored).toMatchObject({ score: 10, category: 'promoter', source: 'web' });
    await context.close();
  });

  it('when an NPS survey opens on a 360 px phone, then its question is the page h1 and 0–10 wrap as two even rows (0–5, 6–10)', async () => {
    const ws = await createTestWorkspace(ctx, 'Acme');
    const inv = await linkInvitation(ctx, ws, { locale: 'en', channels: ['link'] });
    const context = await mobile();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${inv.path}`);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('legend h1').textContent()).toContain('recommend');
    const tops = await page
      .locator('.opt label')
      .evaluateAll((labels) => labels.map((l) => Math.round(l.getBoundingClientRect().top)));
    const rows = [...new Set(tops)];
    expect(rows).toHaveLength(2);
    expect(tops.filter((t) => t === rows[0])).toHaveLength(6);
    expect(tops.filter((t) => t === rows[1])).toHaveLength(5);
    await context.close();
  });

  it('when only the keyboard is used, then a score can be chosen and sent', async () => {
    const ws = await createTestWorkspace(ctx, 'Acme');
    const inv = await linkInvitation(ctx, ws, { locale: 'en', type: 'csat' });
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${inv.path}`);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      320,
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#score-4')).toBe(true);
    const outline = await page.evaluate<string>(
      `getComputedStyle(document.querySelector('label[for="score-4"]')).outlineStyle`,
    );
    expect(outline).toBe('solid');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/\/thanks$/), page.keyboard.press('Enter')]);
    expect((await responsesOf(inv.id))[0]).toMatchObject({ score: 4, category: 'satisfied' });
    await context.close();
  });
});

describe('the survey page in other languages', () => {
  it.each([
    ['ar', 'nps', 'rtl', 'إرسال'],
    ['ar', 'csat', 'rtl', 'إرسال'],
    ['de', 'ces', null, 'Senden'],
    ['de', 'nps', null, 'Senden'],
  ] as const)(
    'when a %s customer opens a default %s survey at 360 px, then it is in that language and direction, fits the screen and passes axe',
    async (locale, type, dir, send) => {
      const ws = await createTestWorkspace(ctx, 'Stadtwerke Süd-Ost Kundenzufriedenheitsbefragung');
      const inv = await linkInvitation(ctx, ws, { locale, type });
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 },
        isMobile: true,
      });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}${inv.path}`);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await page.getAttribute('html', 'dir')).toBe(dir);
      await expect(page.getByRole('button', { name: send }).count()).resolves.toBe(1);
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      if (dir === 'rtl') {
        // Right to left: the lowest score sits at the right edge, the highest at the left.
        const first = await page
          .locator(`label[for="score-${type === 'nps' ? 0 : 1}"]`)
          .boundingBox();
        const last = await page
          .locator(`label[for="score-${type === 'nps' ? 10 : 5}"]`)
          .boundingBox();
        const csatRows = type === 'csat';
        if (csatRows) expect(first!.y).toBeLessThan(last!.y);
        else expect(first!.x).toBeGreaterThan(last!.x);
      }
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.screenshot({
        path: join(ARTIFACTS, `landing-${locale}-${type}-360.png`),
        fullPage: true,
      });
      await context.close();
    },
  );
});
