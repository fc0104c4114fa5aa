import { createUser, FAST_HASHING, PASSWORD } from '../component/auth-helpers';
import { many, seedAnswers, seedUnanswered } from '../component/reports-helpers';
import { createTestWorkspace, type TestContext } from '../support/harness';
import { pageWidth, screenshot, useBrowserApp } from './browser';

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
    const chart = page.locator('svg.trend-chart');
    expect(await chart.count()).toBe(1);
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.locator('path.line').count()).toBeGreaterThan(0);
    expect(await chart.locator('polygon.band').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.distribution-chart rect.bar').count()).toBe(11);
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(400);

    const table = page.getByTestId('breakdown');
    expect(await table.locator('thead th').first().textContent()).toBe('Team');
    expect(await table.locator('tbody th').allTextContents()).toEqual(
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
    const agents = (await table.locator('tbody th').allTextContents()).map((t) => t.trim());
    expect(agents).toEqual(expect.arrayContaining(['Alice', 'Bob', 'Chloé']));
    expect(agents).not.toContain('Sales');

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
    expect(await mobile.locator('svg.trend-chart').count()).toBe(1);
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(390);
    await screenshot(mobile, 'reports-390');

    expect(violations).toEqual([]);
    await phone.close();
    await context.close();
  }, 60_000);
});
