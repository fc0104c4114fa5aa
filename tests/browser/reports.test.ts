import { createUser, FAST_HASHING, PASSWORD } from '../component/auth-helpers';
import { many, seedAnswers, seedUnanswered } from '../component/reports-helpers';
import { seedDemoPeopleAndHistory } from '../../src/demo/seed-history-fixture';
import { createTestWorkspace, type TestContext } from '../support/harness';
import { pageWidth, screenshot, useBrowserApp } from './browser';
import { chartLabelSizes } from './chart-labels';

const app = useBrowserApp('browser-reports', FAST_HASHING);

const DAY = 86400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();

/** Eight weeks of NPS answers for three agents in two teams, with a dip four weeks ago. */
async function seedWeeks(ctx: TestContext, ws: Awaited<ReturnType<typeof createTestWorkspace>>) {
  const people = [
    { agentId: 'a1', agentName: 'Alice', team: 'Support', product: 'Fibre' },
    { agentId: 'b2', agentName: 'Bob', team: 'Support', product: 'Mobile' },
    { agentId: 'c3', agentName: 'Chloé', team: 'Sales', product: 'Fibre' },
  ];
  const answers = [];
  for (let week = 0; week < 8; week += 1) {
    const at = daysAgo(week * 7 + 2);
    const dip = week === 4;
    for (const [i, segment] of people.entries()) {
      answers.push(
        ...many(dip ? 2 : 6 + i, 10, at, { segment }),
        ...many(2, 8, at, { segment }),
        ...many(dip ? 8 : 2, 3, at, { segment }),
      );
    }
  }
  answers.push(
    { score: 2, at: daysAgo(1), comment: 'Waited <b>three</b> weeks for the engineer.' },
    { score: 10, at: daysAgo(1), comment: 'Quick and friendly, thank you!' },
  );
  await seedAnswers(ctx, ws, answers);
  await seedUnanswered(ctx, ws, 40, daysAgo(10));
}

describe('the manager reports in a browser', () => {
  it('when a manager opens the dashboard, then the score, chart and breakdown show; changing the breakdown updates the table', async () => {
    const { ctx, browser, server } = app;
    const ws = await createTestWorkspace(ctx, 'Acme');
    const manager = await createUser(ctx, ws, { role: 'manager', name: 'Maud Manager' });
    await seedWeeks(ctx, ws);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });

    await page.goto(`${server.baseUrl}/app/reports`);
    await page.getByLabel('Email').fill(manager.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/app\/reports$/),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Reports');
    const n = Number(await page.getByTestId('n').textContent());
    expect(n).toBe(269);
    expect(await page.getByTestId('score').textContent()).toMatch(/^-?\d+$/);
    const chart = page.locator('svg.trend-chart:visible');
    expect(await chart.count()).toBe(1);
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.locator('path.line').count()).toBeGreaterThan(0);
    expect(await chart.locator('polygon.band').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.distribution-chart:visible rect.bar').count()).toBe(11);
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(400);

    // Follow-up funnel: its first step counts the same detractors as the headline.
    const funnel = page.locator('svg.funnel-chart');
    expect(await funnel.getAttribute('role')).toBe('img');
    const detractors = await page
      .locator('.figures div', { hasText: 'Detractors' })
      .locator('dd')
      .textContent();
    expect(await funnel.locator('text.step-figure').first().textContent()).toBe(detractors);
    expect(Number(detractors)).toBe(67);
    expect(await page.getByTestId('sla-breaches').textContent()).toBe('0');

    // Heat map: 7 weekdays × 24 hours, each cell with hover text, and a legend.
    const heat = page.getByTestId('heatmap').locator('svg.heatmap-chart');
    expect(await heat.locator('rect.cell').count()).toBe(7 * 24);
    expect(await heat.locator('rect.cell.level-4').count()).toBeGreaterThan(0);
    expect(await heat.locator('rect.cell title').first().textContent()).toMatch(
      /^Mon 00:00–01:00: \d+ answers?, \d+ invitations? sent$/,
    );
    expect(await heat.locator('rect.legend-swatch').count()).toBeGreaterThan(1);
    expect((await heat.boundingBox())!.width).toBeGreaterThan(600);
    expect(await page.getByTestId('heatmap-narrow').isVisible()).toBe(false);

    const table = page.getByTestId('breakdown');
    expect(await table.locator('thead th').first().textContent()).toBe('Team');
    expect(await table.locator('tbody th .row-label').allTextContents()).toEqual(
      expect.arrayContaining(['Support', 'Sales']),
    );
    expect(await page.locator('.comments').textContent()).toContain(
      'Waited <b>three</b> weeks for the engineer.',
    );
    expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
    await screenshot(page, 'reports-1280');

    await page.getByLabel('Breakdown by').selectOption('agent');
    await Promise.all([
      page.waitForURL(/by=agent/),
      page.getByRole('button', { name: 'Show' }).click(),
    ]);
    expect(await table.locator('thead th').first().textContent()).toBe('Agent');
    const agents = (await table.locator('tbody th .row-label').allTextContents()).map((t) =>
      t.trim(),
    );
    expect(agents).toEqual(expect.arrayContaining(['Alice', 'Bob', 'Chloé']));
    expect(agents).not.toContain('Sales');

    // A breakdown row leads to that agent's comments; the segment stays in the URL.
    await Promise.all([
      page.waitForURL(/cdim=agent&cval=a1/),
      table.getByRole('link', { name: 'Alice' }).click(),
    ]);
    expect(await page.getByTestId('comment-segment').textContent()).toContain('Agent: Alice');
    expect(await page.locator('.comments').textContent()).toContain('Quick and friendly');
    expect(await page.locator('select[name="cdim"]').inputValue()).toBe('agent');
    expect(await page.getByRole('combobox', { name: 'Value' }).inputValue()).toBe('a1');

    // The segment form: Chloé's team has no comments.
    await page.locator('select[name="cdim"]').selectOption('team');
    await page.getByRole('combobox', { name: 'Value' }).fill('Sales');
    await Promise.all([
      page.waitForURL(/cdim=team&cval=Sales/),
      page.getByRole('button', { name: 'Filter comments' }).click(),
    ]);
    expect(await page.getByTestId('comment-segment').textContent()).toContain('Team: Sales');
    expect(await page.locator('.comments').count()).toBe(0);
    expect(await page.getByText('No comments here.').count()).toBe(1);
    await page.goBack();

    // The URL is the view: a phone opening it sees the same table, in one column.
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await phone.addCookies(await context.cookies());
    const mobile = await phone.newPage();
    await mobile.goto(page.url());
    expect(await mobile.getByTestId('breakdown').locator('thead th').first().textContent()).toBe(
      'Agent',
    );
    expect(await mobile.locator('svg.trend-chart:visible').count()).toBe(1);
    expect(await mobile.locator('svg.funnel-chart').count()).toBe(1);
    // On a phone the heat map shows 3-hour blocks that fit the screen; hours need a wider one.
    expect(await mobile.getByTestId('heatmap').isVisible()).toBe(false);
    const blocks = mobile.getByTestId('heatmap-narrow').locator('svg.heatmap-chart');
    expect(await blocks.locator('rect.cell').count()).toBe(7 * 8);
    const blocksBox = (await blocks.boundingBox())!;
    expect(blocksBox.x).toBeGreaterThanOrEqual(0);
    expect(blocksBox.x + blocksBox.width).toBeLessThanOrEqual(390);
    expect(blocksBox.width).toBeGreaterThan(300);
    expect(await mobile.getByTestId('comment-segment').textContent()).toContain('Agent: Alice');
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(390);
    await screenshot(mobile, 'reports-390');

    // At 360 px every visible chart label is drawn at 12 px or more.
    const small = await browser.newContext({ viewport: { width: 360, height: 800 } });
    await small.addCookies(await context.cookies());
    const narrow = await small.newPage();
    await narrow.goto(page.url());
    const labels = await chartLabelSizes(narrow);
    expect(labels.length).toBeGreaterThan(20);
    expect(Math.min(...labels)).toBeGreaterThanOrEqual(12);
    expect(await pageWidth(narrow)).toBeLessThanOrEqual(360);
    await small.close();

    expect(violations).toEqual([]);
    await phone.close();
    await context.close();
  }, 60_000);

  it('when a manager opens the dashboard of a workspace with the demo history, then the demo banner, the chart and a breakdown that follows the chosen dimension show', async () => {
    const { ctx, browser, server } = app;
    const ws = await createTestWorkspace(ctx, 'Acme (demo)');
    const { users, history } = await seedDemoPeopleAndHistory(
      { users: ctx.container.services.users, conn: ctx.container.mongo },
      ws.workspaceId,
    );
    expect(history.responses).toBeGreaterThan(2000);
    const manager = users.find((u) => u.role === 'manager')!;

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}/app/reports`);
    await page.getByLabel('Email').fill(manager.email);
    await page.getByLabel('Password').fill(manager.password);
    await Promise.all([
      page.waitForURL(/\/app\/reports$/),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    expect(await page.getByTestId('demo-banner').textContent()).toContain('Demo data.');
    expect(Number(await page.getByTestId('n').textContent())).toBeGreaterThan(500);
    const chart = page.locator('svg.trend-chart:visible');
    expect(await chart.locator('path.line').count()).toBeGreaterThan(0);
    expect(await chart.locator('polygon.band').count()).toBeGreaterThan(0);

    const table = page.getByTestId('breakdown');
    const teams = (await table.locator('tbody th .row-label').allTextContents()).sort();
    expect(teams.length).toBeGreaterThan(1);
    await screenshot(page, 'reports-demo-1280');

    await page.getByLabel('Breakdown by').selectOption('agent');
    await Promise.all([
      page.waitForURL(/by=agent/),
      page.getByRole('button', { name: 'Show' }).click(),
    ]);
    expect(await table.locator('thead th').first().textContent()).toBe('Agent');
    const agents = (await table.locator('tbody th .row-label').allTextContents()).sort();
    const demoAgents = users.filter((u) => u.role === 'agent').map((u) => u.name);
    expect(agents).toEqual(expect.arrayContaining(demoAgents));
    expect(agents).not.toEqual(teams);

    // "only this" filters the whole page to one agent; the chip removes it again.
    await Promise.all([
      page.waitForURL(/filter%5Bagent%5D=/),
      table.locator('a.drill').first().click(),
    ]);
    const filtered = Number(await page.getByTestId('n').textContent());
    expect(await page.getByTestId('active-filters').textContent()).toContain('Agent:');
    expect(filtered).toBeGreaterThan(0);

    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await phone.addCookies(await context.cookies());
    const mobile = await phone.newPage();
    await mobile.goto(page.url());
    expect(Number(await mobile.getByTestId('n').textContent())).toBe(filtered);
    expect(await mobile.getByTestId('demo-banner').isVisible()).toBe(true);
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(390);
    await screenshot(mobile, 'reports-demo-390');
    await phone.close();
    await context.close();
  }, 90_000);
});
