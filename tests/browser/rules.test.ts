import type { Page } from 'playwright-core';
import { createUser, FAST_HASHING, PASSWORD } from '../component/auth-helpers';
import { storedResponse } from '../component/rules-helpers';
import { createTestWorkspace } from '../support/harness';
import {
  pageWidth,
  screenshot,
  seriousA11yViolations,
  signInPage,
  useBrowserApp,
  VIEWPORTS,
} from './browser';

const app = useBrowserApp('browser-rules', FAST_HASHING);

const LANGUAGES = [
  {
    locale: 'en',
    acceptLanguage: 'en-GB',
    summary: '2 of the last 3 answers would match.',
    rulesTitle: 'Rules',
    triggersTitle: 'Triggers',
    task: 'Create a high task for Bob',
  },
  {
    locale: 'fr',
    acceptLanguage: 'fr-FR',
    summary: '2 des 3 dernières réponses correspondraient.',
    rulesTitle: 'Règles',
    triggersTitle: 'Déclencheurs',
    task: 'Créer une tâche de priorité haute pour Bob',
  },
] as const;

/** A form button that re-renders the page (no JavaScript needed): press it and wait. */
async function press(page: Page, selector: string) {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).click()]);
  await page.waitForLoadState('load');
}

async function checkPage(page: Page, width: number, name: string) {
  expect(await seriousA11yViolations(page)).toEqual([]);
  if (width === 360) expect(await pageWidth(page)).toBeLessThanOrEqual(360);
  await screenshot(page, name);
}

describe('rules and triggers in a browser', () => {
  it('when a manager builds a nested rule, tries it, saves it and creates a trigger, then every page is accessible in French and English at 360 and 1280 px', async () => {
    const { ctx, browser, server } = app;
    const ws = await createTestWorkspace(ctx, 'Acme');
    const manager = await createUser(ctx, ws, { role: 'manager', name: 'Maud Manager' });
    await storedResponse(ctx, ws.workspaceId, {
      score: 2,
      team: 'Sales',
      comment: 'Nobody called back',
      segment: { agentName: 'Bob' },
    });
    await storedResponse(ctx, ws.workspaceId, {
      score: 4,
      team: 'Support',
      segment: { region: 'FR', agentName: 'Bob' },
    });
    await storedResponse(ctx, ws.workspaceId, { score: 9, team: 'Sales' });

    for (const language of LANGUAGES) {
      for (const viewport of VIEWPORTS) {
        const tag = `${language.locale}-${viewport.width}`;
        const context = await browser.newContext({
          viewport: { width: viewport.width, height: viewport.height },
          locale: language.acceptLanguage,
        });
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        const cspErrors: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
        });
        await signInPage(page, server.baseUrl, manager, PASSWORD, '/app/rules/new');
        expect(new URL(page.url()).pathname).toBe('/app/rules/new');
        expect(await page.locator('html').getAttribute('lang')).toBe(language.locale);

        // If score ≤ 6 and (team is Sales or region is FR), then a task.
        await page.locator('#rule-name').fill(`Unhappy ${tag}`);
        await page.locator('select[name="conditions[0][field]"]').selectOption('score');
        await page.locator('select[name="conditions[0][op]"]').selectOption('lte');
        await page.locator('input[name="conditions[0][value]"]').fill('6');
        await press(page, 'button[value="add-group:"]');
        await page.locator('select[name="conditions[1][join]"]').selectOption('any');
        await page.locator('select[name="conditions[1][0][field]"]').selectOption('team');
        await page.locator('input[name="conditions[1][0][value]"]').fill('Sales');
        await press(page, 'button[value="add-condition:1"]');
        await page.locator('select[name="conditions[1][1][field]"]').selectOption('region');
        await page.locator('input[name="conditions[1][1][value]"]').fill('FR');
        await press(page, 'button[value="add-action:task"]');
        await page.locator('select[name="actions[0][priority]"]').selectOption('high');
        // What was typed before each button is still there.
        expect(await page.locator('input[name="conditions[0][value]"]').inputValue()).toBe('6');
        expect(await page.locator('#rule-name').inputValue()).toBe(`Unhappy ${tag}`);

        await press(page, 'button[value="try"]');
        expect(await page.getByTestId('dry-run-summary').textContent()).toBe(language.summary);
        expect(await page.locator('.matches > li').count()).toBe(2);
        expect(await page.locator('.matches').textContent()).toContain(language.task);
        await checkPage(page, viewport.width, `rule-dry-run-${tag}`);

        await press(page, 'form.rule-form button[value="save"]:not(.sr)');
        expect(new URL(page.url()).pathname).toBe('/app/rules');
        expect(await page.locator('h1').textContent()).toBe(language.rulesTitle);
        expect(await page.locator('.rule-list').textContent()).toContain(`Unhappy ${tag}`);
        await checkPage(page, viewport.width, `rules-${tag}`);

        await page.goto(`${server.baseUrl}/app/triggers/new`);
        await page.locator('#t-name').fill(`Solved ${tag}`);
        await page.locator('#t-event').fill('ticket.solved');
        await page.locator('#t-survey').selectOption({ index: 1 });
        await page.locator('#t-channel-0').selectOption('sms');
        await page.locator('#t-channel-1').selectOption('email');
        await page.locator('#t-delay').fill('2');
        await page.locator('#t-unit').selectOption('hours');
        await press(page, 'button[value="add-condition:"]');
        await page.locator('select[name="conditions[0][field]"]').selectOption('team');
        await page.locator('input[name="conditions[0][value]"]').fill('Support');
        await checkPage(page, viewport.width, `trigger-form-${tag}`);
        await press(page, 'form.rule-form button[value="save"]:not(.sr)');
        expect(new URL(page.url()).pathname).toBe('/app/triggers');
        expect(await page.locator('h1').textContent()).toBe(language.triggersTitle);
        expect(await page.locator('.trigger-list').textContent()).toContain(`Solved ${tag}`);
        await checkPage(page, viewport.width, `triggers-${tag}`);

        expect(cspErrors).toEqual([]);
        await context.close();
      }
    }
    const triggers = await ctx.container.services.triggers.list(ws.workspaceId);
    expect(triggers.map((t) => t.name).sort()).toEqual(
      ['en-1280', 'en-360', 'fr-1280', 'fr-360'].map((tag) => `Solved ${tag}`),
    );
    expect(triggers[0]!.conditions).toEqual({
      all: [{ field: 'team', op: 'eq', value: 'Support' }],
    });
    const rule = (await ctx.container.services.rules.list(ws.workspaceId)).find(
      (r) => r.name === 'Unhappy en-360',
    );
    expect(rule!.conditions).toEqual({
      all: [
        { field: 'score', op: 'lte', value: 6 },
        {
          any: [
            { field: 'team', op: 'eq', value: 'Sales' },
            { field: 'region', op: 'eq', value: 'FR' },
          ],
        },
      ],
    });
  }, 120_000);
});
