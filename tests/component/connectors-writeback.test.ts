import request from 'supertest';
import { createTestConnector, type TestConnector } from '../support/connectors/test-connector';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import { postDelivery } from '../support/connectors/delivery';
import {
  acmeChatwootAccount,
  startChatwootApi,
  type ChatwootApi,
} from '../support/connectors/chatwoot-api';
import {
  CHATWOOT_WEBHOOK_SECRET,
  chatwootConversation,
  chatwootDelivery,
} from '../support/connectors/chatwoot-webhooks';
import { startFreshdeskApi, type FreshdeskApi } from '../support/connectors/freshdesk-api';
import { freshdeskWebhook } from '../support/connectors/freshdesk-webhooks';
import { startHelpscoutApi, type HelpscoutApi } from '../support/connectors/helpscout-api';
import { helpscoutConversation, helpscoutWebhook } from '../support/connectors/helpscout-webhooks';
import {
  acmeIntercomAccount,
  startIntercomApi,
  type IntercomApi,
} from '../support/connectors/intercom-api';
import {
  INTERCOM_CLIENT_SECRET,
  intercomConversation,
  intercomDelivery,
} from '../support/connectors/intercom-webhooks';
import { startShopifyApi, type ShopifyApi } from '../support/connectors/shopify-api';
import {
  SHOPIFY_APP_SECRET,
  SHOPIFY_ORDER_ID,
  shopifyDelivery,
  shopifyOrder,
} from '../support/connectors/shopify-webhooks';
import { startZendeskApi, type ZendeskApi } from '../support/connectors/zendesk-api';
import {
  signedZendeskDelivery,
  zendeskStatusChangedBody,
} from '../support/connectors/zendesk-webhooks';
import { startTestContext, type TestContext } from '../support/harness';
import { waitFor } from '../support/wait-for';
import { answer, type TestInvitation } from './landing-helpers';

let ctx: TestContext;
let workers: RunningWorkers;
let zendesk: ZendeskApi;
let freshdesk: FreshdeskApi;
let intercom: IntercomApi;
let helpscout: HelpscoutApi;
let chatwoot: ChatwootApi;
let shopify: ShopifyApi;

const ZENDESK_SECRET = 'zendesk-webhook-signing-secret-revealed-in-admin-center';
const HELPSCOUT_SECRET = 'f3a9c1d2e4b5a6978877665544332211aabbccdd';
const WAIT_MS = 30_000;
const nowSeconds = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  ctx = await startTestContext('connectors-writeback');
  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
  zendesk = await startZendeskApi({
    email: 'retour-bot@acme.test',
    token: 'zendesk-api-token-0123456789abcdef',
    users: [
      {
        id: 8447388090494,
        name: 'Rhea Park',
        email: 'rhea@example.com',
        phone: null,
        locale: 'en-US',
        role: 'end-user',
      },
      {
        id: 8447388090496,
        name: 'Ada Lovelace',
        email: 'ada@acme.test',
        phone: null,
        locale: 'en-US',
        role: 'agent',
      },
    ],
    groups: [{ id: 8447320466430, name: 'Billing' }],
  });
  freshdesk = await startFreshdeskApi({
    apiKey: 'freshdesk-agent-api-key-abc',
    contacts: [
      {
        id: 103000456789,
        name: 'Rhea Park',
        email: 'rhea@example.com',
        phone: null,
        mobile: null,
        language: 'en',
      },
    ],
  });
  intercom = await startIntercomApi(acmeIntercomAccount('en'));
  helpscout = await startHelpscoutApi({
    appId: 'hs-app-id-1234567890',
    appSecret: 'hs-app-secret-abcdefghijklmnop',
    customers: [
      { id: 33, firstName: 'Rhea', lastName: 'Park', emails: ['rhea@example.com'], phones: [] },
    ],
    mailboxes: [{ id: 85, name: 'Support EU', email: 'support@acme.test' }],
  });
  chatwoot = await startChatwootApi(acmeChatwootAccount());
  shopify = await startShopifyApi({
    token: 'shpat_0123456789abcdef',
    orders: [{ id: SHOPIFY_ORDER_ID, tags: ['wholesale'] }],
  });
});
afterAll(async () => {
  await workers.close();
  await ctx.close();
  await Promise.all(
    [zendesk, freshdesk, intercom, helpscout, chatwoot, shopify].map((api) => api.close()),
  );
});

const db = () => ctx.container.mongo;
const queue = () => ctx.container.queues['connector-writeback'];

type Connector = TestConnector;

const connector = (body: Record<string, unknown>): Promise<Connector> =>
  createTestConnector(ctx, { survey: { type: 'nps', channels: ['link'] }, ...body });

const ON = { note: true, tags: true };

/** `false`: no writeBack setting at all. */
const zendeskConnector = (writeBack: Record<string, boolean> | false = ON) =>
  connector({
    provider: 'zendesk',
    signingSecret: ZENDESK_SECRET,
    api: { baseUrl: zendesk.baseUrl, email: zendesk.email, token: zendesk.token },
    ...(writeBack ? { writeBack } : {}),
  });

const freshdeskConnector = (writeBack: Record<string, boolean> = ON) =>
  connector({
    provider: 'freshdesk',
    api: { baseUrl: freshdesk.baseUrl, token: freshdesk.apiKey },
    writeBack,
  });

/** The one survey link of the interaction the connector's delivery recorded. */
async function surveyLink(c: Connector): Promise<TestInvitation> {
  const interaction = await waitFor(
    () =>
      db()
        .collection('interactions')
        .findOne({ workspaceId: c.ws.workspaceId, result: { $ne: null } }),
    'the interaction',
    WAIT_MS,
  );
  const invitation = (interaction.result as { invitations: { id: string; url: string }[] })
    .invitations[0]!;
  const path = new URL(invitation.url).pathname;
  return { id: invitation.id, token: path.split('/')[2]!, path };
}

let ticket = 7000;
async function zendeskSolved(c: Connector): Promise<{ ticketId: string; inv: TestInvitation }> {
  ticket += 1;
  const body = zendeskStatusChangedBody({ ticketId: ticket, status: 'SOLVED' });
  await postDelivery(
    ctx.app,
    c.url,
    signedZendeskDelivery(body, { secret: ZENDESK_SECRET }),
  ).expect(202);
  return { ticketId: String(ticket), inv: await surveyLink(c) };
}

let fdTicket = 900;
async function freshdeskResolved(c: Connector): Promise<{ ticketId: string; inv: TestInvitation }> {
  fdTicket += 1;
  const delivery = freshdeskWebhook({
    token: c.secret!,
    placeholders: { 'ticket.id': String(fdTicket) },
  });
  await postDelivery(ctx.app, c.url, delivery).expect(202);
  return { ticketId: String(fdTicket), inv: await surveyLink(c) };
}

const updatesOf = (ticketId: string) =>
  zendesk.ticketUpdates.filter((u) => u.ticketId === ticketId);
const notesOf = (ticketId: string) => freshdesk.notes.filter((n) => n.ticketId === ticketId);

interface Entry {
  state: string;
  outcome: string;
  status: number | null;
  detail: string | null;
}
async function writeBackLog(c: Connector): Promise<Entry[]> {
  const res = await request(ctx.app)
    .get(`/api/v1/connectors/${c.id}/deliveries`)
    .set(c.ws.auth)
    .expect(200);
  return (res.body.deliveries as { writeBack: Entry[] }[]).flatMap((d) => d.writeBack);
}
const settledLog = (c: Connector, what: string, done: (log: Entry[]) => boolean) =>
  waitFor(
    async () => {
      const log = await writeBackLog(c);
      return done(log) ? log : null;
    },
    what,
    WAIT_MS,
  );

async function theTask(c: Connector) {
  return waitFor(
    () => db().collection('tasks').findOne({ workspaceId: c.ws.workspaceId }),
    'the follow-up task',
    WAIT_MS,
  );
}

async function resolve(c: Connector, taskId: string) {
  await request(ctx.app)
    .patch(`/api/v1/tasks/${taskId}`)
    .set(c.ws.auth)
    .send({
      status: 'resolved',
      outcome: {
        reachedCustomer: true,
        problemFixed: 'yes',
        sentiment: 'positive',
        comment: 'Refund sent',
      },
    })
    .expect(200);
}

/** Waits for a write-back job to finish and answers what it returned. */
async function jobResult(jobId: string): Promise<unknown> {
  return waitFor(
    async () => {
      // State first, then the job: a job read while active and its state read after it
      // completed would pair "completed" with no return value yet.
      if ((await queue().getJobState(jobId)) !== 'completed') return null;
      const job = await queue().getJob(jobId);
      return job ? { value: job.returnvalue as unknown } : null;
    },
    `write-back job ${jobId}`,
    WAIT_MS,
  ).then((r) => r.value);
}

async function responseOf(c: Connector) {
  return waitFor(
    () => db().collection('responses').findOne({ workspaceId: c.ws.workspaceId }),
    'the response',
  );
}

describe('write-back to Zendesk', () => {
  it('when a detractor answers, then one private note per state (answered, task created, task resolved) lands on the ticket, with tags', async () => {
    const c = await zendeskConnector();
    const { ticketId, inv } = await zendeskSolved(c);
    await answer(ctx, inv, { score: '3', comment: 'The refund took three weeks' }, 303);

    const task = await theTask(c);
    await waitFor(() => updatesOf(ticketId).length >= 2, 'the answer and task notes', WAIT_MS);
    const [answered, created] = updatesOf(ticketId);
    expect(answered!.comment).toEqual({
      body: 'Retour survey answer: NPS 3/10 (detractor)\nComment: “The refund took three weeks”',
      public: false,
    });
    expect(answered!.additionalTags).toEqual(['retour', 'retour-nps-detractor']);
    expect(created!.comment!.public).toBe(false);
    expect(created!.comment!.body).toContain('follow-up task created for NPS 3/10 (detractor)');
    expect(created!.comment!.body).toContain(
      `${ctx.container.config.PUBLIC_URL}/app/tasks/${String(task._id)}`,
    );

    await resolve(c, String(task._id));
    await waitFor(() => updatesOf(ticketId).length >= 3, 'the resolution note', WAIT_MS);
    const resolved = updatesOf(ticketId)[2]!;
    expect(resolved.comment!.public).toBe(false);
    expect(resolved.comment!.body).toContain('follow-up task resolved');
    expect(resolved.comment!.body).toContain('Customer reached: yes. Problem fixed: yes.');
    expect(resolved.comment!.body).toContain('“Refund sent”');

    const log = await settledLog(c, 'three written entries', (l) => l.length >= 3);
    expect(log.map((e) => [e.state, e.outcome, e.status])).toEqual([
      ['answered', 'written', 200],
      ['task_created', 'written', 200],
      ['task_resolved', 'written', 200],
    ]);

    // The same jobs again (a retried or duplicated job): nothing more is written.
    const response = await responseOf(c);
    const data = { workspaceId: String(c.ws.workspaceId), responseId: String(response._id) };
    await queue().add('write-back', { ...data, state: 'answered', version: 1 }, { jobId: 'dup-a' });
    await queue().add(
      'write-back',
      { ...data, state: 'task_resolved', taskId: String(task._id) },
      { jobId: 'dup-r' },
    );
    expect(await jobResult('dup-a')).toBe('already');
    expect(await jobResult('dup-r')).toBe('already');
    expect(updatesOf(ticketId)).toHaveLength(3);
    expect(await writeBackLog(c)).toHaveLength(3);
  });

  it('when Zendesk answers 429 once, then the note is retried after Retry-After and written once', async () => {
    const c = await zendeskConnector();
    const { ticketId, inv } = await zendeskSolved(c);
    zendesk.rateLimitTicketUpdates(1, 1);
    await answer(ctx, inv, { score: '9', comment: 'Quick and kind' }, 303);

    const log = await settledLog(c, 'the written note', (l) =>
      l.some((e) => e.outcome === 'written'),
    );
    expect(log.map((e) => [e.state, e.outcome, e.status])).toEqual([
      ['answered', 'retrying', 429],
      ['answered', 'written', 200],
    ]);
    const puts = zendesk.requests.filter(
      (r) => r.method === 'PUT' && r.path === `/api/v2/tickets/${ticketId}.json`,
    );
    expect(puts).toHaveLength(2);
    expect(puts[1]!.at - puts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(updatesOf(ticketId)).toHaveLength(1);
    expect(updatesOf(ticketId)[0]!.additionalTags).toEqual(['retour', 'retour-nps-promoter']);
  });

  it('when the ticket is closed, then the 422 is recorded as refused with Zendesk’s message and not retried', async () => {
    const c = await zendeskConnector();
    const { ticketId, inv } = await zendeskSolved(c);
    zendesk.closeTicket(ticketId);
    await answer(ctx, inv, { score: '10' }, 303);

    const response = await responseOf(c);
    expect(await jobResult(`wb-${String(response._id)}-answered-v1`)).toBe('refused');
    const log = await writeBackLog(c);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ state: 'answered', outcome: 'refused', status: 422 });
    expect(log[0]!.detail).toContain('Status: closed prevents ticket update');
    expect(
      zendesk.requests.filter((r) => r.path === `/api/v2/tickets/${ticketId}.json`),
    ).toHaveLength(1);
    expect(updatesOf(ticketId)).toHaveLength(0);
  });

  it('when the connector has write-back off, then Zendesk is never called', async () => {
    const c = await zendeskConnector(false);
    const { ticketId, inv } = await zendeskSolved(c);
    await answer(ctx, inv, { score: '9' }, 303);

    const response = await responseOf(c);
    expect(await jobResult(`wb-${String(response._id)}-answered-v1`)).toBe('off');
    expect(
      zendesk.requests.filter((r) => r.path.startsWith(`/api/v2/tickets/${ticketId}`)),
    ).toEqual([]);
    expect(await writeBackLog(c)).toEqual([]);
  });

  it('when only tags are on, then the update adds the tags and carries no comment', async () => {
    const c = await zendeskConnector({ note: false, tags: true });
    const { ticketId, inv } = await zendeskSolved(c);
    await answer(ctx, inv, { score: '7' }, 303);

    await waitFor(() => updatesOf(ticketId).length === 1, 'the tags update', WAIT_MS);
    expect(updatesOf(ticketId)[0]).toEqual({
      ticketId,
      comment: null,
      additionalTags: ['retour', 'retour-nps-passive'],
    });
  });
});

describe('write-back to Freshdesk', () => {
  it('when a detractor answers, then private notes per state, and the retour tags merged into the ticket’s own', async () => {
    const c = await freshdeskConnector();
    const { ticketId, inv } = await freshdeskResolved(c);
    await answer(ctx, inv, { score: '2', comment: 'Nobody <b>listened</b>' }, 303);

    const task = await theTask(c);
    await waitFor(() => notesOf(ticketId).length >= 2, 'the answer and task notes', WAIT_MS);
    const [answered, created] = notesOf(ticketId);
    expect(answered).toEqual({
      ticketId,
      body: '<p>Retour survey answer: NPS 2/10 (detractor)</p><p>Comment: “Nobody &lt;b&gt;listened&lt;/b&gt;”</p>',
      private: true,
    });
    expect(created!.private).toBe(true);
    expect(created!.body).toContain(`/app/tasks/${String(task._id)}`);
    expect(freshdesk.tagsOf(ticketId)).toEqual(['refund', 'vip', 'retour', 'retour-nps-detractor']);

    await resolve(c, String(task._id));
    await waitFor(() => notesOf(ticketId).length >= 3, 'the resolution note', WAIT_MS);
    expect(notesOf(ticketId)[2]!.body).toContain('follow-up task resolved');

    const log = await settledLog(c, 'three written entries', (l) => l.length >= 3);
    expect(log.map((e) => [e.state, e.outcome])).toEqual([
      ['answered', 'written'],
      ['task_created', 'written'],
      ['task_resolved', 'written'],
    ]);
    // Tags already there: the task states read the ticket and skip the PUT.
    const puts = freshdesk.requests.filter(
      (r) => r.method === 'PUT' && r.path === `/api/v2/tickets/${ticketId}`,
    );
    expect(puts).toHaveLength(1);

    const response = await responseOf(c);
    await queue().add(
      'write-back',
      {
        workspaceId: String(c.ws.workspaceId),
        responseId: String(response._id),
        state: 'answered',
        version: 1,
      },
      { jobId: 'fd-dup-a' },
    );
    expect(await jobResult('fd-dup-a')).toBe('already');
    expect(notesOf(ticketId)).toHaveLength(3);
  });

  it('when the note is rate limited after the tags were written, then the retry writes only the note', async () => {
    const c = await freshdeskConnector();
    const { ticketId, inv } = await freshdeskResolved(c);
    freshdesk.rateLimitNotes(1, 1);
    await answer(ctx, inv, { score: '10', comment: 'Great' }, 303);

    const log = await settledLog(c, 'the written note', (l) =>
      l.some((e) => e.outcome === 'written'),
    );
    expect(log.map((e) => [e.outcome, e.status])).toEqual([
      ['retrying', 429],
      // The last call of the retry: the note's 201.
      ['written', 201],
    ]);
    expect(notesOf(ticketId)).toHaveLength(1);
    expect(freshdesk.tagsOf(ticketId)).toEqual(['refund', 'vip', 'retour', 'retour-nps-promoter']);
    const tagWrites = freshdesk.requests.filter(
      (r) => r.path === `/api/v2/tickets/${ticketId}` && r.method !== 'POST',
    );
    expect(tagWrites.map((r) => r.method)).toEqual(['GET', 'PUT']);
  });

  it('when Freshdesk answers 429 on the note once, then it is retried and written once', async () => {
    const c = await freshdeskConnector({ note: true, tags: false });
    const { ticketId, inv } = await freshdeskResolved(c);
    freshdesk.rateLimitNotes(1, 1);
    await answer(ctx, inv, { score: '9' }, 303);

    await settledLog(c, 'the written note', (l) => l.some((e) => e.outcome === 'written'));
    expect(notesOf(ticketId)).toHaveLength(1);
    expect(notesOf(ticketId)[0]!.body).toBe(
      '<p>Retour survey answer: NPS 9/10 (promoter)</p><p>No comment.</p>',
    );
    expect(freshdesk.tagsOf(ticketId)).toEqual(['refund', 'vip']);
  });

  it('when the ticket is gone, then the 404 is recorded as refused and not retried', async () => {
    const c = await freshdeskConnector();
    const { ticketId, inv } = await freshdeskResolved(c);
    freshdesk.deleteTicket(ticketId);
    await answer(ctx, inv, { score: '8' }, 303);

    const response = await responseOf(c);
    expect(await jobResult(`wb-${String(response._id)}-answered-v1`)).toBe('refused');
    const log = await writeBackLog(c);
    expect(log).toEqual([
      expect.objectContaining({ state: 'answered', outcome: 'refused', status: 404 }),
    ]);
    expect(
      freshdesk.requests.filter((r) => r.path.startsWith(`/api/v2/tickets/${ticketId}`)),
    ).toHaveLength(1);
  });

  it('when write-back is off, then Freshdesk is never called', async () => {
    const c = await freshdeskConnector({ note: false, tags: false });
    const { ticketId, inv } = await freshdeskResolved(c);
    await answer(ctx, inv, { score: '9' }, 303);

    const response = await responseOf(c);
    expect(await jobResult(`wb-${String(response._id)}-answered-v1`)).toBe('off');
    expect(
      freshdesk.requests.filter((r) => r.path.startsWith(`/api/v2/tickets/${ticketId}`)),
    ).toEqual([]);
  });
});

describe('write-back to Intercom, Help Scout, Chatwoot and Shopify', () => {
  it('when an Intercom conversation’s customer answers, then a note as the token’s admin and the retour tags are added', async () => {
    const c = await connector({
      provider: 'intercom',
      signingSecret: INTERCOM_CLIENT_SECRET,
      api: { baseUrl: intercom.baseUrl, token: intercom.token },
      writeBack: ON,
    });
    // Closed just now: the fixture's January close would have the link expire at once.
    const item = intercomConversation({ updated_at: nowSeconds() });
    (item.statistics as Record<string, unknown>).last_close_at = nowSeconds();
    await postDelivery(ctx.app, c.url, intercomDelivery({ item })).expect(202);
    const inv = await surveyLink(c);
    await answer(ctx, inv, { score: '9', comment: 'Fast' }, 303);

    await settledLog(c, 'the written note', (l) => l.some((e) => e.outcome === 'written'));
    expect(intercom.replies.filter((r) => r.conversationId === '503')).toEqual([
      {
        conversationId: '503',
        messageType: 'note',
        adminId: '991267715',
        body: '<p>Retour survey answer: NPS 9/10 (promoter)</p><p>Comment: “Fast”</p>',
      },
    ]);
    expect(intercom.tagsOf('503')).toEqual(['retour', 'retour-nps-promoter']);
  });

  it('when a Help Scout customer answers, then (with the revoked token renewed) the tags are merged into the conversation’s and a note is added', async () => {
    const c = await connector({
      provider: 'helpscout',
      signingSecret: HELPSCOUT_SECRET,
      api: { baseUrl: helpscout.baseUrl, accountId: helpscout.appId, token: helpscout.appSecret },
      writeBack: ON,
    });
    const conversation = helpscoutConversation({
      id: 2391938200,
      closedAt: new Date().toISOString(),
    });
    await postDelivery(
      ctx.app,
      c.url,
      helpscoutWebhook('convo.status', conversation, HELPSCOUT_SECRET),
    ).expect(202);
    const inv = await surveyLink(c);
    helpscout.revokeTokens();
    await answer(ctx, inv, { score: '10' }, 303);

    await settledLog(c, 'the written note', (l) => l.some((e) => e.outcome === 'written'));
    expect(helpscout.notes.filter((n) => n.conversationId === '2391938200')).toEqual([
      {
        conversationId: '2391938200',
        text: '<p>Retour survey answer: NPS 10/10 (promoter)</p><p>No comment.</p>',
      },
    ]);
    expect(helpscout.tagsOf('2391938200')).toEqual(['billing', 'retour', 'retour-nps-promoter']);
    const writes = helpscout.requests.filter(
      (r) => r.path.startsWith('/v2/conversations/2391938200') || r.path === '/v2/oauth2/token',
    );
    expect(writes.map((r) => `${r.method} ${r.path}`).slice(-5)).toEqual([
      'GET /v2/conversations/2391938200',
      'POST /v2/oauth2/token',
      'GET /v2/conversations/2391938200',
      'PUT /v2/conversations/2391938200/tags',
      'POST /v2/conversations/2391938200/notes',
    ]);
  });

  it('when a Chatwoot customer answers, then a private message and the retour labels are added', async () => {
    const c = await connector({
      provider: 'chatwoot',
      signingSecret: CHATWOOT_WEBHOOK_SECRET,
      api: { baseUrl: chatwoot.baseUrl, token: chatwoot.token, accountId: chatwoot.accountId },
      writeBack: ON,
    });
    const delivery = chatwootDelivery({
      conversation: chatwootConversation({ id: 4343, updated_at: nowSeconds() }),
    });
    await postDelivery(ctx.app, c.url, delivery).expect(202);
    const inv = await surveyLink(c);
    await answer(ctx, inv, { score: '8', comment: 'ok' }, 303);

    await settledLog(c, 'the written note', (l) => l.some((e) => e.outcome === 'written'));
    expect(chatwoot.messages.filter((m) => m.conversationId === '4343')).toEqual([
      {
        conversationId: '4343',
        content: 'Retour survey answer: NPS 8/10 (passive)\nComment: “ok”',
        private: true,
        messageType: 'outgoing',
      },
    ]);
    expect(chatwoot.labelsOf('4343')).toEqual(['billing', 'retour', 'retour-nps-passive']);
  });

  it('when a Shopify order’s customer answers, then tagsAdd is retried after THROTTLED and the order gets the tags', async () => {
    const c = await connector({
      provider: 'shopify',
      signingSecret: SHOPIFY_APP_SECRET,
      api: { baseUrl: shopify.baseUrl, token: shopify.token },
      writeBack: { tags: true },
    });
    const fulfilled = new Date().toISOString();
    const order = shopifyOrder({
      updated_at: fulfilled,
      fulfillments: [{ id: 255858046, status: 'success', created_at: fulfilled }],
    });
    await postDelivery(ctx.app, c.url, shopifyDelivery({ order })).expect(202);
    const inv = await surveyLink(c);
    shopify.throttleNext();
    await answer(ctx, inv, { score: '10' }, 303);

    const log = await settledLog(c, 'the written tags', (l) =>
      l.some((e) => e.outcome === 'written'),
    );
    expect(log.map((e) => [e.outcome, e.detail])).toEqual([
      ['retrying', 'tags: shopify answered THROTTLED'],
      ['written', 'tags'],
    ]);
    expect(shopify.tagsOf(SHOPIFY_ORDER_ID)).toEqual([
      'wholesale',
      'retour',
      'retour-nps-promoter',
    ]);
    const mutation = shopify.requests.find((r) => r.path.endsWith('/graphql.json'))!;
    expect(mutation.path).toBe('/admin/api/2025-07/graphql.json');
    expect(JSON.parse(mutation.body).variables).toEqual({
      id: `gid://shopify/Order/${SHOPIFY_ORDER_ID}`,
      tags: ['retour', 'retour-nps-promoter'],
    });
  });
});
