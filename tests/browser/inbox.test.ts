import { createUser, FAST_HASHING, PASSWORD } from '../component/auth-helpers';
import { detractorTask } from '../component/inbox-helpers';
import { createTestWorkspace } from '../support/harness';
import { pageWidth, screenshot, useBrowserApp } from './browser';

const app = useBrowserApp('browser-inbox', FAST_HASHING);

describe('the agent inbox in a browser', () => {
  it('when an agent works an overdue detractor task on a phone, then claim, note and resolve all land; the pages fit 390 and 1280 px', async () => {
    const { ctx, browser, server } = app;
    const ws = await createTestWorkspace(ctx, 'Acme');
    const user = await createUser(ctx, ws, {
      role: 'agent',
      name: 'Alice Agent',
      teams: ['billing'],
    });
    const { task } = await detractorTask(ctx, ws.workspaceId, {
      team: 'billing',
      dueAt: new Date(Date.now() - 5 * 3600_000),
      overdue: true,
      comment: 'Nobody came to install the fibre, I took a day off for nothing.',
    });
    await detractorTask(ctx, ws.workspaceId, { userId: user.id, comment: 'Billed twice' });

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });

    await page.goto(`${server.baseUrl}/app/inbox?tab=overdue`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/app\/inbox\?tab=overdue$/),
      page.getByRole('button', { name: 'Sign in' }).tap(),
    ]);
    const current = page.locator('.tabs a[aria-current="page"]');
    expect((await current.textContent())?.replace(/\s+/g, ' ').trim()).toBe('Overdue 1 tasks');
    expect(await page.locator('.task-row').count()).toBe(1);
    expect(await page.locator('.task-row').textContent()).toContain('Overdue by 5 h');
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await screenshot(page, 'inbox-overdue-390');

    await Promise.all([
      page.waitForURL(new RegExp(`/app/tasks/${task.id}$`)),
      page.locator('.task-row a').tap(),
    ]);
    expect(await page.locator('a[href^="tel:"]').count()).toBe(1);
    await Promise.all([
      page.waitForURL(/done=claimed$/),
      page.getByRole('button', { name: 'Claim this task' }).tap(),
    ]);
    expect(await page.getByRole('status').textContent()).toBe('You have this task now.');

    await page.getByLabel('Add a note').fill('Called her, the visit is rebooked for Monday.');
    await Promise.all([
      page.waitForURL(/done=note$/),
      page.getByRole('button', { name: 'Add note' }).tap(),
    ]);
    expect(await page.locator('.notes').textContent()).toContain('rebooked for Monday');

    const group = (legend: string) => page.getByRole('group', { name: legend });
    await group('Did you reach the customer?').getByLabel('Yes').check();
    await group('Is the problem fixed?').getByLabel('Partly').check();
    await group("Customer's sentiment after contact").getByLabel('Positive').check();
    await page.getByLabel('Outcome comment (optional)').fill('Thanked us for calling.');
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await screenshot(page, 'task-390');
    await Promise.all([
      page.waitForURL(/done=resolved$/),
      page.getByRole('button', { name: 'Resolve task' }).tap(),
    ]);
    expect(await page.locator('h1 .badge').textContent()).toBe('Resolved');
    expect(await page.locator('.task-now').textContent()).toMatch(
      /Customer's sentiment after contact:?\s*Positive/,
    );
    await screenshot(page, 'task-resolved-390');

    const wide = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await wide.addCookies(await context.cookies());
    const desk = await wide.newPage();
    await desk.goto(`${server.baseUrl}/app/inbox?tab=mine`);
    // The resolved task has left the inbox; the other one is still there.
    expect(await desk.locator('.task-row').count()).toBe(1);
    expect(await pageWidth(desk)).toBeLessThanOrEqual(1280);
    await screenshot(desk, 'inbox-mine-1280');
    await desk.goto(`${server.baseUrl}/app/tasks/${task.id}`);
    const columns = await desk.evaluate<string>(
      'getComputedStyle(document.querySelector(".task-grid")).gridTemplateColumns',
    );
    expect(columns.split(' ')).toHaveLength(2);
    await screenshot(desk, 'task-1280');

    const stored = await ctx.container.services.tasks.get(
      {
        kind: 'user',
        workspaceId: ws.workspaceId,
        role: 'manager',
        userId: null,
        teams: [],
        scopes: [],
      },
      task.id,
    );
    expect(stored.status).toBe('resolved');
    expect(stored.assignee?.name).toBe('Alice Agent');
    expect(stored.notes.map((n) => n.text)).toEqual([
      'Called her, the visit is rebooked for Monday.',
    ]);
    expect(stored.outcome).toEqual({
      reachedCustomer: true,
      problemFixed: 'partly',
      sentiment: 'positive',
      comment: 'Thanked us for calling.',
    });
    expect(violations).toEqual([]);
    await wide.close();
    await context.close();
  }, 60_000);
});
