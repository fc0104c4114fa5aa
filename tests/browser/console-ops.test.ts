import { Types } from 'mongoose';
import request from 'supertest';
import { deliveryModel } from '../../src/connectors/delivery.model';
import { createUser, FAST_HASHING, PASSWORD } from '../component/auth-helpers';
import { detractorTask } from '../component/inbox-helpers';
import { failWithTwilio, sentInvitations } from '../component/ops-helpers';
import { many, seedAnswers } from '../component/reports-helpers';
import { createTestWorkspace } from '../support/harness';
import {
  pageWidth,
  screenshot,
  seriousA11yViolations,
  signInPage,
  useBrowserApp,
  VIEWPORTS,
} from './browser';
import { chartLabelSizes } from './chart-labels';

const app = useBrowserApp('browser-console-ops', FAST_HASHING);

const DAY = 86400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();
const PHONE = { width: 360, height: 800 };

/** A workspace with two weeks of answers, a failed SMS (Twilio 30005) and a connector. */
async function busyWorkspace(name: string) {
  const { ctx } = app;
  const ws = await createTestWorkspace(ctx, name);
  await seedAnswers(ctx, ws, [
    ...many(6, 10, daysAgo(2)),
    ...many(2, 4, daysAgo(3)),
    { score: 3, at: daysAgo(1), comment: 'Waited three weeks for the engineer.' },
    ...many(4, 9, daysAgo(9)),
    ...many(3, 2, daysAgo(10)),
    ...many(5, 8, daysAgo(30), { type: 'csat' }).map((a) => ({ ...a, score: 4 })),
  ]);
  const sent = await sentInvitations(ctx, ws, 3);
  await failWithTwilio(ctx, sent[0]!.providerId, '30005');
  const connector = await request(ctx.app)
    .post('/api/v1/connectors')
    .set(ws.auth)
    .send({ provider: 'zendesk', name: 'Zendesk support', signingSecret: 'zd-secret-123456' })
    .expect(201);
  await deliveryModel(ctx.container.mongo).create({
    workspaceId: ws.workspaceId,
    connectorId: new Types.ObjectId(connector.body.id),
    provider: 'zendesk',
    dedupeKey: 'ticket-1',
    event: 'ticket.solved',
    outcome: 'rejected',
    reason: 'customer: needs an email or a phone',
  });
  return { ws, failedId: sent[0]!.id };
}

describe('the console pages in a browser', () => {
  it('when an agent opens a queue task on a 360 px phone, then the state and claim come first, and claim then resolve land', async () => {
    const { ctx, browser, server } = app;
    const ws = await createTestWorkspace(ctx, 'Acme agents');
    const agent = await createUser(ctx, ws, { role: 'agent', teams: ['billing'], name: 'Alice' });
    const { task } = await detractorTask(ctx, ws.workspaceId, { team: 'billing' });
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInPage(page, server.baseUrl, agent, PASSWORD, `/app/tasks/${task.id}`);

    const claim = page.getByRole('button', { name: 'Claim this task' });
    // The next action is on the first screen of the phone, and resolve is not offered yet.
    expect((await claim.boundingBox())!.y).toBeLessThan(PHONE.height);
    expect(await page.getByRole('button', { name: 'Resolve task' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await Promise.all([page.waitForURL(/done=claimed$/), claim.tap()]);

    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe(
      'Next: reach the customer, then resolve with the outcome',
    );
    const resolve = page.getByRole('button', { name: 'Resolve task' });
    const group = (legend: string) => page.getByRole('group', { name: legend });
    await group('Did you reach the customer?').getByLabel('Yes').check();
    await group('Is the problem fixed?').getByLabel('Yes').check();
    await group("Customer's sentiment after contact").getByLabel('Positive').check();
    expect((await resolve.boundingBox())!.y).toBeLessThan(
      (await page.locator('#answer-h').boundingBox())!.y,
    );
    await screenshot(page, 'task-claimed-360');
    await Promise.all([page.waitForURL(/done=resolved$/), resolve.tap()]);
    expect(await page.getByRole('status').textContent()).toContain('Task resolved');
    expect(await page.getByRole('button', { name: 'Claim this task' }).count()).toBe(0);
    const stored = await ctx.container.services.tasks.get(
      {
        kind: 'user',
        workspaceId: ws.workspaceId,
        role: 'admin',
        userId: null,
        teams: [],
        scopes: [],
      },
      task.id,
    );
    expect(stored.status).toBe('resolved');
    await context.close();
  });

  it('when a manager follows the home page to a failed send, then the log shows it with the Twilio explanation', async () => {
    const { ctx, browser, server } = app;
    const { ws, failedId } = await busyWorkspace('Acme managers');
    const manager = await createUser(ctx, ws, { role: 'manager', name: 'Maud' });
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInPage(page, server.baseUrl, manager, PASSWORD);
    await Promise.all([
      page.waitForURL(/\/app\/invitations\?status=failed$/),
      page.getByRole('link', { name: '1 send failed today' }).tap(),
    ]);
    expect(await page.getByLabel('Status').inputValue()).toBe('failed');
    const rows = page.getByTestId('invitation-log').locator('li.log-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(
      'Error 30005: The number does not exist or is no longer in service.',
    );
    await Promise.all([
      page.waitForURL(new RegExp(`/app/invitations/${failedId}$`)),
      rows.first().getByRole('link').tap(),
    ]);
    expect(await page.getByTestId('history').textContent()).toMatch(/Scheduled[\s\S]*Failed/);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await screenshot(page, 'invitation-failed-360');
    await context.close();
  });

  it.each(
    (['en', 'fr'] as const).flatMap((lang) => VIEWPORTS.map((viewport) => ({ lang, viewport }))),
  )(
    'when an admin opens home, reports, the invitation log and connectors in $lang at $viewport.width px, then axe finds nothing serious and nothing scrolls sideways',
    async ({ lang, viewport }) => {
      const { ctx, browser, server } = app;
      const { ws, failedId } = await busyWorkspace(`Acme ${lang} ${viewport.width}`);
      const admin = await createUser(ctx, ws, { role: 'admin', name: 'Ada' });
      const context = await browser.newContext({
        viewport,
        locale: lang === 'fr' ? 'fr-FR' : 'en-GB',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await signInPage(page, server.baseUrl, admin, PASSWORD);
      const pages = [
        '/app',
        '/app/reports',
        '/app/reports?type=ces&from=2020-01-01&to=2020-01-31',
        '/app/invitations',
        `/app/invitations/${failedId}`,
        '/app/connectors',
      ];
      for (const path of pages) {
        await page.goto(`${server.baseUrl}${path}`);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        expect({ path, violations: await seriousA11yViolations(page) }).toEqual({
          path,
          violations: [],
        });
        const width = await pageWidth(page);
        expect({ path, width }).toEqual({ path, width: Math.min(width, viewport.width) });
      }
      await page.goto(`${server.baseUrl}/app`);
      expect(await page.getByTestId('glance-nps').getByTestId('glance-n').textContent()).toBe('9');
      await screenshot(page, `home-${lang}-${viewport.width}`);
      await page.goto(`${server.baseUrl}/app/reports`);
      const labels = await chartLabelSizes(page);
      expect(labels.length).toBeGreaterThan(10);
      expect(Math.min(...labels)).toBeGreaterThanOrEqual(12);
      // The headline figures come before the filter form.
      const score = (await page.getByTestId('score').boundingBox())!;
      const form = (await page.locator('form.filters').boundingBox())!;
      expect(score.y).toBeLessThan(form.y);
      await screenshot(page, `reports-${lang}-${viewport.width}`);
      await page.goto(`${server.baseUrl}/app/reports?type=ces&from=2020-01-01&to=2020-01-31`);
      expect(await page.getByTestId('empty-state').count()).toBe(1);
      expect(await page.locator('svg').count()).toBe(0);
      await context.close();
    },
    60_000,
  );
});
