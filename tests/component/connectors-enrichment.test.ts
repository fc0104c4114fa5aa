import { Types } from 'mongoose';
import request from 'supertest';
import { createTestConnector, type TestConnector } from '../support/connectors/test-connector';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
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
import { postDelivery } from '../support/connectors/delivery';
import { startFreshdeskApi, type FreshdeskApi } from '../support/connectors/freshdesk-api';
import { freshdeskWebhook } from '../support/connectors/freshdesk-webhooks';
import { startHelpscoutApi, type HelpscoutApi } from '../support/connectors/helpscout-api';
import { helpscoutConversation, helpscoutWebhook } from '../support/connectors/helpscout-webhooks';
import {
  acmeIntercomAccount,
  startIntercomApi,
  type IntercomApi,
} from '../support/connectors/intercom-api';
import { INTERCOM_CLIENT_SECRET, intercomDelivery } from '../support/connectors/intercom-webhooks';
import { startZendeskApi, type ZendeskApi } from '../support/connectors/zendesk-api';
import {
  signedZendeskDelivery,
  zendeskStatusChangedBody,
} from '../support/connectors/zendesk-webhooks';
import { startTestContext, type TestContext } from '../support/harness';
import { waitFor } from '../support/wait-for';

let ctx: TestContext;
let workers: RunningWorkers;
let zendesk: ZendeskApi;
let intercom: IntercomApi;
let helpscout: HelpscoutApi;
let chatwoot: ChatwootApi;
let freshdesk: FreshdeskApi;

const ZENDESK_SECRET = 'zendesk-webhook-signing-secret-revealed-in-admin-center';
const HELPSCOUT_SECRET = 'f3a9c1d2e4b5a6978877665544332211aabbccdd';

beforeAll(async () => {
  ctx = await startTestContext('connectors-enrichment');
  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
  zendesk = await startZendeskApi({
    email: 'retour-bot@acme.test',
    token: 'zendesk-api-token-0123456789abcdef',
    users: [
      {
        id: 8447388090494,
        name: 'Rhea Park',
        email: 'rhea@example.com',
        phone: '+33 6 12 34 56 78',
        locale: 'fr-FR',
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
  intercom = await startIntercomApi(acmeIntercomAccount('fr'));
  helpscout = await startHelpscoutApi({
    appId: 'hs-app-id-1234567890',
    appSecret: 'hs-app-secret-abcdefghijklmnop',
    customers: [
      {
        id: 33,
        firstName: 'Rhea',
        lastName: 'Park',
        emails: ['rhea@example.com'],
        phones: ['+44 7911 123456'],
      },
    ],
    mailboxes: [{ id: 85, name: 'Support EU', email: 'support@acme.test' }],
  });
  chatwoot = await startChatwootApi(acmeChatwootAccount());
  freshdesk = await startFreshdeskApi({
    apiKey: 'freshdesk-agent-api-key-abc',
    contacts: [
      {
        id: 103000456789,
        name: 'Rhea Park',
        email: 'rhea@example.com',
        phone: null,
        mobile: '+44 7911 123456',
        language: 'fr',
      },
    ],
  });
});
afterAll(async () => {
  await workers.close();
  await ctx.close();
  await Promise.all([zendesk, intercom, helpscout, chatwoot, freshdesk].map((api) => api.close()));
});

const db = () => ctx.container.mongo;

type Connector = TestConnector;

const connector = (body: Record<string, unknown>): Promise<Connector> =>
  createTestConnector(ctx, { survey: { type: 'csat', channels: ['email'] }, ...body });

const zendeskConnector = (token = zendesk.token) =>
  connector({
    provider: 'zendesk',
    signingSecret: ZENDESK_SECRET,
    api: { baseUrl: zendesk.baseUrl, email: zendesk.email, token },
  });

async function settled(c: Connector) {
  const [delivery] = await waitFor(
    async () => {
      const rows = await db()
        .collection('connector_deliveries')
        .find({ connectorId: new Types.ObjectId(c.id) })
        .toArray();
      return rows.length > 0 && rows.every((r) => r.outcome !== 'queued') ? rows : null;
    },
    'the connector job',
    30_000,
  );
  return delivery!;
}

const interactionsOf = (c: Connector) =>
  db().collection('interactions').find({ workspaceId: c.ws.workspaceId }).toArray();
const invitationsOf = (c: Connector) =>
  db().collection('invitations').find({ workspaceId: c.ws.workspaceId }).toArray();
const requestsTo = <R extends { path: string }>(api: { requests: R[] }, prefix: string) =>
  api.requests.filter((r) => r.path.startsWith(prefix));

let ticket = 6000;
function solvedZendeskEvent() {
  ticket += 1;
  const body = zendeskStatusChangedBody({ ticketId: ticket, status: 'SOLVED' });
  return { id: String(ticket), delivery: signedZendeskDelivery(body, { secret: ZENDESK_SECRET }) };
}

describe('connector enrichment from the provider API', () => {
  it('when a Zendesk event webhook carries ids only, then requester, assignee and group are fetched and one survey goes out', async () => {
    const c = await zendeskConnector();
    const before = zendesk.requests.length;
    const { id, delivery } = solvedZendeskEvent();
    await postDelivery(ctx.app, c.url, delivery).expect(202);

    const row = await settled(c);
    expect(row).toMatchObject({
      outcome: 'accepted',
      enrichment: 'fetched: customer, agent, team',
    });
    const calls = zendesk.requests.slice(before);
    expect(calls.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /api/v2/groups/8447320466430.json',
      'GET /api/v2/users/8447388090494.json',
      'GET /api/v2/users/8447388090496.json',
    ]);
    const basic = Buffer.from(`${zendesk.email}/token:${zendesk.token}`).toString('base64');
    expect(calls.every((r) => r.headers.authorization === `Basic ${basic}`)).toBe(true);

    const interactions = await interactionsOf(c);
    expect(interactions).toHaveLength(1);
    expect(interactions[0]).toMatchObject({
      externalId: `zendesk:${id}`,
      customer: {
        id: '8447388090494',
        name: 'Rhea Park',
        email: 'rhea@example.com',
        phone: '+33612345678',
        locale: 'fr-FR',
      },
      agent: { name: 'Ada Lovelace', email: 'ada@acme.test' },
      team: 'Billing',
    });
    const invitations = await invitationsOf(c);
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({ channel: 'email' });
  });

  it('when Zendesk answers 429 once, then the job waits at least its Retry-After, retries and records one interaction', async () => {
    const c = await zendeskConnector();
    const before = zendesk.requests.length;
    zendesk.rateLimitUsers(1, 3);
    const { delivery } = solvedZendeskEvent();
    await postDelivery(ctx.app, c.url, delivery).expect(202);

    const row = await settled(c);
    expect(row).toMatchObject({
      outcome: 'accepted',
      enrichment: 'fetched: customer, agent, team',
    });
    const userCalls = requestsTo({ requests: zendesk.requests.slice(before) }, '/api/v2/users/');
    const requester = userCalls.filter((r) => r.path === '/api/v2/users/8447388090494.json');
    expect(requester).toHaveLength(2);
    // Retry-After: 3 is longer than the first exponential step (2 s): the retry honoured it.
    expect(requester[1]!.at - requester[0]!.at).toBeGreaterThanOrEqual(3000);
    expect(await interactionsOf(c)).toHaveLength(1);
    expect(await invitationsOf(c)).toHaveLength(1);
  });

  it('when the Zendesk API token is wrong, then the delivery is rejected for want of a contact address, with the 401 in the log, and not retried', async () => {
    const c = await zendeskConnector('not-the-zendesk-api-token');
    const before = zendesk.requests.length;
    const { delivery } = solvedZendeskEvent();
    await postDelivery(ctx.app, c.url, delivery).expect(202);

    const row = await settled(c);
    expect(row.outcome).toBe('rejected');
    expect(row.reason).toMatch(/^customer: needs a phone or an email/);
    expect(row.enrichment).toBe('not done: customer, agent, team (zendesk answered 401)');
    expect(zendesk.requests.slice(before)).toHaveLength(3);
    expect(await interactionsOf(c)).toHaveLength(0);

    const res = await request(ctx.app)
      .get(`/api/v1/connectors/${c.id}/deliveries`)
      .set(c.ws.auth)
      .expect(200);
    expect(res.body.deliveries[0]).toMatchObject({
      outcome: 'rejected',
      enrichment: 'not done: customer, agent, team (zendesk answered 401)',
    });
  });

  it('when an Intercom conversation closes with a contact without phone, then the contact, its team and language are fetched', async () => {
    const c = await connector({
      provider: 'intercom',
      signingSecret: INTERCOM_CLIENT_SECRET,
      api: { baseUrl: intercom.baseUrl, token: intercom.token },
    });
    const before = intercom.requests.length;
    await postDelivery(ctx.app, c.url, intercomDelivery()).expect(202);

    const row = await settled(c);
    expect(row).toMatchObject({
      outcome: 'accepted',
      enrichment: 'fetched: customer.phone, customer.locale, team',
    });
    const calls = intercom.requests.slice(before);
    expect(calls.map((r) => r.path).sort()).toEqual([
      '/contacts/6762f1a21bb69f9f2193bb3a',
      '/teams/5017691',
    ]);
    expect(
      calls.every(
        (r) =>
          r.headers.authorization === `Bearer ${intercom.token}` &&
          r.headers['intercom-version'] === '2.11',
      ),
    ).toBe(true);
    const [interaction] = await interactionsOf(c);
    expect(interaction).toMatchObject({
      externalId: 'intercom:503',
      customer: { email: 'ana@example.com', phone: '+33612345678', locale: 'fr' },
      team: 'Billing EU',
    });
  });

  it('when a Help Scout conversation closes, then an OAuth token is obtained and the customer phone and mailbox are fetched', async () => {
    const c = await connector({
      provider: 'helpscout',
      signingSecret: HELPSCOUT_SECRET,
      api: { baseUrl: helpscout.baseUrl, accountId: helpscout.appId, token: helpscout.appSecret },
    });
    const before = helpscout.requests.length;
    const delivery = helpscoutWebhook('convo.status', helpscoutConversation(), HELPSCOUT_SECRET);
    await postDelivery(ctx.app, c.url, delivery).expect(202);

    const row = await settled(c);
    expect(row).toMatchObject({ outcome: 'accepted', enrichment: 'fetched: customer.phone, team' });
    const calls = helpscout.requests.slice(before);
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v2/oauth2/token',
      'GET /v2/customers/33',
      'GET /v2/mailboxes/85',
    ]);
    const [interaction] = await interactionsOf(c);
    expect(interaction).toMatchObject({
      customer: { email: 'rhea@example.com', phone: '+447911123456' },
      team: 'Support EU',
    });
  });

  it("when a Chatwoot conversation is resolved, then the assignee's email is fetched from the account's agents", async () => {
    const c = await connector({
      provider: 'chatwoot',
      signingSecret: CHATWOOT_WEBHOOK_SECRET,
      api: { baseUrl: chatwoot.baseUrl, token: chatwoot.token, accountId: chatwoot.accountId },
    });
    const before = chatwoot.requests.length;
    const delivery = chatwootDelivery({ conversation: chatwootConversation({ id: 4242 }) });
    await postDelivery(ctx.app, c.url, delivery).expect(202);

    const row = await settled(c);
    expect(row).toMatchObject({ outcome: 'accepted', enrichment: 'fetched: agent.email' });
    const calls = chatwoot.requests.slice(before);
    expect(calls.map((r) => r.path)).toEqual(['/api/v1/accounts/1/agents']);
    expect(calls[0]!.headers.api_access_token).toBe(chatwoot.token);
    const [interaction] = await interactionsOf(c);
    expect(interaction).toMatchObject({
      externalId: 'chatwoot:4242',
      agent: { name: 'Ben', email: 'ben@acme.test' },
      team: 'Support',
    });
  });

  it("when a Freshdesk rule's webhook arrives, then the contact's language is read from the API and the survey is in it", async () => {
    const c = await connector({
      provider: 'freshdesk',
      api: { baseUrl: freshdesk.baseUrl, token: freshdesk.apiKey },
    });
    const before = freshdesk.requests.length;
    await postDelivery(ctx.app, c.url, freshdeskWebhook({ token: c.secret! })).expect(202);

    const row = await settled(c);
    expect(row).toMatchObject({ outcome: 'accepted', enrichment: 'fetched: customer.locale' });
    const calls = freshdesk.requests.slice(before);
    expect(calls.map((r) => r.path)).toEqual(['/api/v2/contacts/103000456789']);
    expect(calls[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from(`${freshdesk.apiKey}:X`).toString('base64')}`,
    );
    const [interaction] = await interactionsOf(c);
    expect(interaction).toMatchObject({
      externalId: 'freshdesk:812',
      customer: { email: 'rhea@example.com', locale: 'fr' },
    });
    const [invitation] = await invitationsOf(c);
    expect(invitation).toMatchObject({ locale: 'fr' });
  });
});
