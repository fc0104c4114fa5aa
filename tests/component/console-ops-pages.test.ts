import { Types } from 'mongoose';
import request from 'supertest';
import { deliveryModel } from '../../src/connectors/delivery.model';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { createUser, FAST_HASHING, nextIp, signIn } from './auth-helpers';
import { detractorTask } from './inbox-helpers';
import { failWithTwilio, sentInvitations } from './ops-helpers';
import { many, seedAnswers } from './reports-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('console-ops-pages', FAST_HASHING);
});
afterAll(() => ctx.close());

const DAY = 86400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();

async function people() {
  const ws = await createTestWorkspace(ctx, 'Acme');
  const agent = await createUser(ctx, ws, { role: 'agent', teams: ['billing'], name: 'Alice' });
  const manager = await createUser(ctx, ws, { role: 'manager', name: 'Maud' });
  const admin = await createUser(ctx, ws, { role: 'admin', name: 'Ada' });
  const as = async (user: { email: string }) =>
    (await signIn(ctx, user.email, undefined, nextIp())).agent;
  return { ws, agent, manager, admin, as };
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('GET /app (today at a glance)', () => {
  it('when signed out, then it sends to the sign-in page and back', async () => {
    await request(ctx.app).get('/app').expect(303).expect('Location', '/login?next=%2Fapp');
  });

  it('when an agent opens it, then their open and overdue tasks show, and no workspace figures', async () => {
    const { ws, agent, as } = await people();
    await detractorTask(ctx, ws.workspaceId, { userId: agent.id, comment: 'Billed twice' });
    await detractorTask(ctx, ws.workspaceId, {
      userId: agent.id,
      dueAt: new Date(Date.now() - 3 * 3600_000),
      overdue: true,
    });
    await seedAnswers(ctx, ws, many(5, 10, daysAgo(1)));
    const page = await (await as(agent)).get('/app').expect(200);
    expect(page.text).toContain('Hello, Alice');
    expect(page.text).toMatch(/data-testid="tasks-mine">2</);
    expect(page.text).toMatch(/data-testid="tasks-overdue">1</);
    expect(page.text).toContain('“Billed twice”');
    expect(page.text).not.toContain('data-testid="glance-nps"');
    expect(page.text).not.toContain('data-testid="broken"');
    expect(page.text).not.toContain('Latest comments');
  });

  it('when a manager opens it, then each survey type shows this week against the one before with n and interval, the latest comments and failed sends', async () => {
    const { ws, manager, as } = await people();
    await seedAnswers(ctx, ws, [
      ...many(6, 10, daysAgo(2)),
      ...many(2, 3, daysAgo(2)),
      { score: 9, at: daysAgo(1), comment: 'Quick and friendly' },
      ...many(3, 10, daysAgo(10)),
      ...many(5, 2, daysAgo(10)),
      { score: 1, at: daysAgo(20), comment: 'An old grudge' },
    ]);
    const [failing] = await sentInvitations(ctx, ws, 1);
    await failWithTwilio(ctx, failing!.providerId, '30005');
    const browser = await as(manager);
    const page = await browser.get('/app').expect(200);
    const nps = /data-testid="glance-nps"[\s\S]*?<\/li>/.exec(page.text)![0];
    // This week: 7 promoters, 2 detractors of 9 → NPS 56; the week before: 3 and 5 of 8 → −25.
    expect(nps).toMatch(/data-testid="glance-score">56</);
    expect(nps).toMatch(/data-testid="glance-n">9</);
    expect(text(nps)).toContain('95% interval -5.7 to 89.1');
    expect(text(nps)).toContain('7 days before: -25 (n = 8, 95% interval -72 to 35.7)');
    expect(text(nps)).toContain('Change +80.6 (interval +8.8 to +152.3) · better');
    expect(page.text).toContain('data-testid="glance-csat"');
    expect(page.text).toContain('data-testid="glance-ces"');
    expect(page.text).toContain('Quick and friendly');
    expect(page.text).not.toContain('An old grudge');
    expect(page.text).toContain('href="/app/invitations?status&#x3D;failed"');
    expect(text(page.text)).toContain('1 send failed today');
    const fr = text((await browser.get('/app').set('Accept-Language', 'fr').expect(200)).text);
    expect(fr).toContain('intervalle à 95 % de -5,7 à 89,1');
    expect(fr).toContain('Évolution +80,6 (intervalle de +8,8 à +152,3) · en mieux');
    expect(fr).toContain('1 envoi a échoué aujourd’hui');
  });

  it('when an admin opens it, then a connector refusing deliveries today shows, in French too', async () => {
    const { ws, admin, as } = await people();
    const created = await request(ctx.app)
      .post('/api/v1/connectors')
      .set(ws.auth)
      .send({ provider: 'zendesk', name: 'Zendesk support', signingSecret: 'zd-secret-123456' })
      .expect(201);
    await deliveryModel(ctx.container.mongo).create({
      workspaceId: ws.workspaceId,
      connectorId: new Types.ObjectId(created.body.id),
      provider: 'zendesk',
      dedupeKey: 'ticket-1',
      event: 'ticket.solved',
      outcome: 'rejected',
      reason: 'customer: needs an email or a phone',
    });
    const browser = await as(admin);
    const en = await browser.get('/app').expect(200);
    expect(text(en.text)).toContain('Zendesk support could not use 1 delivery today');
    expect(en.text).toContain('customer: needs an email or a phone');
    const fr = await browser.get('/app').set('Accept-Language', 'fr').expect(200);
    expect(fr.text).toContain('<html lang="fr"');
    expect(text(fr.text)).toContain('Zendesk support n’a pas pu utiliser 1 livraison aujourd’hui');
  });
});

describe('GET /app/invitations (the invitation log)', () => {
  it('when an agent asks, then 403; signed out, then the sign-in page', async () => {
    const { agent, as } = await people();
    await (await as(agent)).get('/app/invitations').expect(403);
    await request(ctx.app)
      .get('/app/invitations?status=failed')
      .expect(303)
      .expect('Location', '/login?next=%2Fapp%2Finvitations%3Fstatus%3Dfailed');
  });

  it('when a manager filters on failed, then only the failed send shows, with the provider text and its explanation in the page language', async () => {
    const { ws, manager, as } = await people();
    const sent = await sentInvitations(ctx, ws, 3);
    await failWithTwilio(ctx, sent[1]!.providerId, '30005');
    const browser = await as(manager);
    const all = await browser.get('/app/invitations').expect(200);
    expect(all.text.match(/class="log-row"/g)).toHaveLength(3);
    const failed = await browser.get('/app/invitations?status=failed&channel=sms').expect(200);
    expect(failed.text.match(/class="log-row"/g)).toHaveLength(1);
    expect(failed.text).toContain(`/app/invitations/${sent[1]!.id}`);
    expect(text(failed.text)).toContain(
      'Error 30005: The number does not exist or is no longer in service.',
    );
    expect(text(failed.text)).toContain('The provider said: twilio undelivered 30005');
    expect(text(failed.text)).toContain('History: Scheduled → Sent → Failed');
    expect(failed.text).toMatch(/<option value="failed" selected>/);
    const fr = await browser
      .get('/app/invitations?status=failed')
      .set('Accept-Language', 'fr')
      .expect(200);
    expect(text(fr.text)).toContain('Le numéro n’existe pas ou n’est plus attribué.');

    const detail = await browser.get(`/app/invitations/${sent[1]!.id}`).expect(200);
    const history = /data-testid="history"[\s\S]*?<\/ol>/.exec(detail.text)![0];
    expect(text(history)).toMatch(/Scheduled .* Sent .* Failed/);
    expect(text(detail.text)).toContain('Sending the same message again cannot succeed');
    // The address is half hidden.
    expect(detail.text).not.toContain('+33612340');
  });

  it('when filtering by survey and dates, then the URL holds the view and other days stay out', async () => {
    const { ws, manager, as } = await people();
    const csat = (await ctx.container.services.surveys.findDefault(ws.workspaceId, 'csat'))!;
    const nps = (await ctx.container.services.surveys.findDefault(ws.workspaceId, 'nps'))!;
    await sentInvitations(ctx, ws, 2, { surveyId: csat.id, surveyType: 'csat' });
    await sentInvitations(ctx, ws, 1, { surveyId: nps.id });
    await sentInvitations(ctx, ws, 1, {
      surveyId: csat.id,
      surveyType: 'csat',
      createdAt: new Date(Date.now() - 40 * DAY),
    });
    const browser = await as(manager);
    const bySurvey = await browser.get(`/app/invitations?survey=${csat.id}`).expect(200);
    expect(bySurvey.text.match(/class="log-row"/g)).toHaveLength(3);
    const from = daysAgo(5).slice(0, 10);
    const recent = await browser
      .get(`/app/invitations?survey=${csat.id}&from=${from}&status=&channel=`)
      .expect(200);
    expect(recent.text.match(/class="log-row"/g)).toHaveLength(2);
    expect(recent.text).toContain(`value="${from}"`);
    const none = await browser.get('/app/invitations?status=expired').expect(200);
    expect(none.text).toContain('No invitation matches these filters.');
  });

  it('when a filter is bad, then 400 with the error next to that field and no rows', async () => {
    const { ws, manager, as } = await people();
    await sentInvitations(ctx, ws, 2);
    const browser = await as(manager);
    const bad = await browser
      .get('/app/invitations?status=lost&from=2026-13-40&to=2026-01-01')
      .expect(400);
    expect(bad.text).toMatch(/aria-invalid="true" aria-describedby="f-status-err"/);
    expect(bad.text).toMatch(/id="f-status-err">Choose one of the statuses listed\./);
    expect(bad.text).toMatch(/id="f-from-err">Give a date such as 2026-03-31\./);
    expect(bad.text).not.toContain('class="log-row"');
    const cursor = await browser.get('/app/invitations?cursor=nonsense').expect(400);
    expect(cursor.text).toContain('This page link is no longer valid');
  });

  it('when 30 invitations share one creation time, then two pages list each exactly once', async () => {
    const { ws, manager, as } = await people();
    const sent = await sentInvitations(ctx, ws, 30, { createdAt: new Date(Date.now() - DAY) });
    const browser = await as(manager);
    const ids = (html: string) =>
      [...html.matchAll(/href="\/app\/invitations\/([0-9a-f]{24})"/g)].map((m) => m[1]);
    const first = await browser.get('/app/invitations?channel=sms').expect(200);
    expect(ids(first.text)).toHaveLength(25);
    const next = /href="(\/app\/invitations\?[^"]*cursor[^"]*)" rel="next"/.exec(first.text)![1]!;
    const second = await browser.get(next.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'));
    expect(second.status).toBe(200);
    expect(second.text).not.toContain('rel="next"');
    expect(second.text).toContain('First page');
    const seen = [...ids(first.text), ...ids(second.text)];
    expect(new Set(seen).size).toBe(30);
    expect([...seen].sort()).toEqual(sent.map((s) => s.id).sort());
  });

  it('when the workspace has sent nothing yet, then the log and the home say so once', async () => {
    const { manager, as } = await people();
    const browser = await as(manager);
    const log = await browser.get('/app/invitations').expect(200);
    expect(log.text.match(/data-testid="log-empty"/g)).toHaveLength(1);
    expect(log.text).toContain('No invitation yet');
    expect(log.text).not.toContain('rel="next"');
    const home = text((await browser.get('/app').expect(200)).text);
    expect(home).toContain('Nothing failed today.');
    expect(home).toContain('No comment in the last 7 days.');
    expect(home).toContain('Nothing assigned to you right now.');
  });

  it("when a manager opens another workspace's invitation, then 404", async () => {
    const other = await people();
    const [theirs] = await sentInvitations(ctx, other.ws, 1);
    const { manager, as } = await people();
    await (await as(manager)).get(`/app/invitations/${theirs!.id}`).expect(404);
  });
});

describe('GET /app/connectors', () => {
  it('when a manager asks, then 403', async () => {
    const { manager, as } = await people();
    await (await as(manager)).get('/app/connectors').expect(403);
  });

  it('when there is no connector, then one empty state and every provider’s setup steps', async () => {
    const { admin, as } = await people();
    const page = await (await as(admin)).get('/app/connectors').expect(200);
    expect(page.text).toContain('data-testid="connectors-empty"');
    for (const name of [
      'Zendesk',
      'Freshdesk',
      'Intercom',
      'Help Scout',
      'Chatwoot',
      'Shopify',
      'Signed JSON',
    ])
      expect(page.text).toContain(`<summary>${name}</summary>`);
    expect(page.text).toContain('href="/docs"');
  });

  it('when an admin has a connector, then its inbound URL, its setup steps and its recent deliveries with their outcome show', async () => {
    const { ws, admin, as } = await people();
    const created = await request(ctx.app)
      .post('/api/v1/connectors')
      .set(ws.auth)
      .send({ provider: 'helpscout', name: 'Help Scout EU', signingSecret: 'hs-secret-123456' })
      .expect(201);
    const Deliveries = deliveryModel(ctx.container.mongo);
    const base = {
      workspaceId: ws.workspaceId,
      connectorId: new Types.ObjectId(created.body.id),
      provider: 'helpscout',
    };
    await Deliveries.create({
      ...base,
      dedupeKey: 'a',
      event: 'convo.status',
      outcome: 'accepted',
    });
    await Deliveries.create({
      ...base,
      dedupeKey: 'b',
      event: 'convo.status',
      outcome: 'rejected',
      reason: 'customer: needs an email or a phone',
    });
    const page = await (await as(admin)).get('/app/connectors').expect(200);
    expect(page.text).toContain(`value="${created.body.inboundUrl}"`);
    expect(page.text).toContain('Signing secret set');
    expect(text(page.text)).toContain('How to set up Help Scout');
    expect(page.text).toMatch(/data-outcome="rejected"[\s\S]*?Rejected[\s\S]*?needs an email/);
    expect(page.text).toMatch(/data-outcome="accepted"/);
    expect(text(page.text)).toContain('1 refused');
  });
});
