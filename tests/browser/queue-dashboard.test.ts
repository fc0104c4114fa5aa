import { createUser, FAST_HASHING, PASSWORD } from '../component/auth-helpers';
import { startWorkers } from '../../workers/run-workers';
import { webhooksProcessor } from '../../workers/webhooks.processor';
import { createTestWorkspace } from '../support/harness';
import { waitFor } from '../support/wait-for';
import { screenshot, useBrowserApp } from './browser';

const app = useBrowserApp('browser-queue-dashboard', {
  ...FAST_HASHING,
  OPERATOR_EMAILS: 'ops@example.com',
});

describe('the queue dashboard in Chromium', () => {
  it('when an operator signs in from /app/queues, then Bull Board runs under its CSP and its Retry button puts a failed job back', async () => {
    const { ctx, browser, server } = app;
    const ws = await createTestWorkspace(ctx, 'Ops');
    await createUser(ctx, ws, { role: 'agent', email: 'ops@example.com' });
    const running = startWorkers(ctx.container, {
      webhooks: { processor: webhooksProcessor(ctx.container) },
    });
    const webhooks = ctx.container.queues.webhooks;
    const job = await webhooks.add('notify', { not: 'a webhook job' });
    await waitFor(async () => (await webhooks.getJobState(job.id!)) === 'failed', 'job failed');
    await running.close();

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    });
    const failedOwn: string[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(server.baseUrl) && r.status() >= 400)
        failedOwn.push(`${r.status()} ${r.url()}`);
    });

    await page.goto(`${server.baseUrl}/app/queues`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Email').fill('ops@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/app\/queues$/),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    // The single-page app rendered from its own bundle: the queues are listed.
    await page.getByText('dispatch-sms').first().waitFor();
    await page.getByText('connector-writeback').first().waitFor();
    await screenshot(page, 'queue-dashboard-overview');

    await page.goto(`${server.baseUrl}/app/queues/queue/webhooks?status=failed`);
    await page.getByText('bad webhook job').first().waitFor();
    await page.getByRole('button', { name: 'Retry' }).first().click();
    // Bull Board asks to confirm in a dialog.
    const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    if (await dialog.count()) await dialog.getByRole('button', { name: /Retry|Confirm/ }).click();
    await waitFor(async () => (await webhooks.getJobState(job.id!)) === 'waiting', 'job retried');
    await screenshot(page, 'queue-dashboard-retried');

    // Only the Google Fonts stylesheet its page links to is refused; our own assets all load.
    expect(blocked.filter((m) => !m.includes('fonts.googleapis.com'))).toEqual([]);
    expect(failedOwn).toEqual([]);
    await context.close();
  });
});
