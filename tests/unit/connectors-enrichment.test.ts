import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EnrichmentNeed, InteractionDraft } from '../../src/connectors/adapter';
import {
  connectorBackoff,
  describeEnrichment,
  enrichDraft,
  EnrichmentRetryError,
  type EnrichConnector,
} from '../../src/connectors/enrichment';
import { createOutboundClient } from '../../src/shared/outbound';
import { startHelpscoutApi, type HelpscoutApi } from '../support/connectors/helpscout-api';
import { startZendeskApi, type ZendeskApi } from '../support/connectors/zendesk-api';

const outbound = createOutboundClient({ allowHosts: ['127.0.0.1'] });
let zendesk: ZendeskApi;
let helpscout: HelpscoutApi;

beforeAll(async () => {
  zendesk = await startZendeskApi({
    email: 'bot@acme.test',
    token: 'zendesk-token-0123456789',
    users: [
      {
        id: 11,
        name: 'Rhea Park',
        email: 'rhea@example.com',
        phone: '06 12 34 56 78',
        locale: 'fr',
        role: 'end-user',
      },
    ],
    groups: [],
  });
  helpscout = await startHelpscoutApi({
    appId: 'app-id',
    appSecret: 'app-secret-0123456789',
    customers: [{ id: 33, firstName: 'Rhea', lastName: 'Park', emails: [], phones: [] }],
    mailboxes: [],
  });
});
afterAll(async () => {
  await Promise.all([zendesk.close(), helpscout.close()]);
});

const zendeskDraft = (requester = '11'): InteractionDraft => ({
  id: 'zendesk:1',
  type: 'ticket.solved',
  customer: { id: requester },
  attributes: { group_id: '99' },
});
const zendeskConnector = (
  api: Partial<NonNullable<EnrichConnector['api']>> = {},
): EnrichConnector => ({
  provider: 'zendesk',
  api: {
    baseUrl: zendesk.baseUrl,
    email: zendesk.email,
    accountId: null,
    token: zendesk.token,
    ...api,
  },
});

describe('enrichDraft', () => {
  it('keeps what it fetched, leaves out a phone without country code, and names a 404 per need', async () => {
    const result = await enrichDraft(
      zendeskDraft(),
      ['customer', 'team'],
      zendeskConnector(),
      outbound,
      false,
    );
    expect(result.draft.customer).toEqual({
      id: '11',
      name: 'Rhea Park',
      email: 'rhea@example.com',
      locale: 'fr',
    });
    expect(describeEnrichment(result)).toBe(
      'fetched: customer; not done: team (zendesk answered 404)',
    );
  });

  it('throws a retryable error carrying Retry-After for a 429, and records it as not done on the last attempt', async () => {
    zendesk.rateLimitUsers(2, 7);
    const attempt = enrichDraft(zendeskDraft(), ['customer'], zendeskConnector(), outbound, false);
    await expect(attempt).rejects.toBeInstanceOf(EnrichmentRetryError);
    await expect(attempt).rejects.toMatchObject({ retryAfterMs: 7000 });
    const last = await enrichDraft(
      zendeskDraft(),
      ['customer'],
      zendeskConnector(),
      outbound,
      true,
    );
    expect(describeEnrichment(last)).toBe(
      'not done: customer (zendesk answered 429, retries used up)',
    );
    expect(last.draft).toEqual(zendeskDraft());
  });

  it.each<[string, EnrichConnector, string]>([
    [
      'no api credentials',
      { provider: 'zendesk', api: null },
      'the connector has no api credentials',
    ],
    [
      'a Zendesk connector without baseUrl',
      {
        provider: 'zendesk',
        api: { baseUrl: null, email: 'a@b.test', accountId: null, token: 't' },
      },
      'zendesk needs api.baseUrl',
    ],
    [
      'a Chatwoot connector without baseUrl',
      { provider: 'chatwoot', api: { baseUrl: null, email: null, accountId: '1', token: 't' } },
      'chatwoot needs api.baseUrl',
    ],
    [
      'a Zendesk connector without the token user email',
      {
        provider: 'zendesk',
        api: { baseUrl: 'http://127.0.0.1:9', email: null, accountId: null, token: 't' },
      },
      "zendesk needs api.email (the token's user)",
    ],
    [
      'a provider without enrichment',
      { provider: 'shopify', api: { baseUrl: null, email: null, accountId: null, token: 't' } },
      'no enrichment for shopify',
    ],
  ])(
    'with %s, records every need as not done and calls nothing',
    async (_what, connector, reason) => {
      const before = zendesk.requests.length;
      const needs: EnrichmentNeed[] = ['customer', 'agent'];
      const result = await enrichDraft(zendeskDraft(), needs, connector, outbound, false);
      expect(describeEnrichment(result)).toBe(`not done: customer, agent (${reason})`);
      expect(zendesk.requests.length).toBe(before);
    },
  );

  it('when a Help Scout token stops working, gets one new token and tries once more', async () => {
    const connector: EnrichConnector = {
      provider: 'helpscout',
      api: {
        baseUrl: helpscout.baseUrl,
        email: null,
        accountId: helpscout.appId,
        token: helpscout.appSecret,
      },
    };
    const draft: InteractionDraft = {
      id: 'helpscout:1',
      type: 'conversation.closed',
      customer: { id: '33', email: 'rhea@example.com' },
    };
    await enrichDraft(draft, ['customer.phone'], connector, outbound, false);
    helpscout.revokeTokens();
    const before = helpscout.requests.length;
    const result = await enrichDraft(draft, ['customer.phone'], connector, outbound, false);
    expect(helpscout.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v2/customers/33',
      'POST /v2/oauth2/token',
      'GET /v2/customers/33',
    ]);
    expect(describeEnrichment(result)).toBe(
      'not done: customer.phone (the helpscout customer has no phone in E.164 form)',
    );
  });

  it('when the Help Scout App Secret is wrong, says the token was refused', async () => {
    const connector: EnrichConnector = {
      provider: 'helpscout',
      api: {
        baseUrl: helpscout.baseUrl,
        email: null,
        accountId: helpscout.appId,
        token: 'wrong-secret',
      },
    };
    const draft: InteractionDraft = {
      id: 'helpscout:2',
      type: 'conversation.closed',
      customer: { id: '33' },
    };
    const result = await enrichDraft(draft, ['customer'], connector, outbound, false);
    expect(describeEnrichment(result)).toBe(
      'not done: customer (helpscout answered 401 for a token)',
    );
  });

  it('when the API does not answer within 5 s, throws a retryable error', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const attempt = enrichDraft(
        zendeskDraft(),
        ['customer'],
        zendeskConnector({ baseUrl: `http://127.0.0.1:${port}` }),
        outbound,
        false,
      );
      await expect(attempt).rejects.toThrow('zendesk did not answer within 5 s');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 15_000);
});

describe('connectorBackoff', () => {
  it('is exponential from 2 s, never sooner than a Retry-After, which is capped at 15 minutes', () => {
    expect([1, 2, 3, 4].map((n) => connectorBackoff(n))).toEqual([2000, 4000, 8000, 16000]);
    expect(connectorBackoff(1, 'x', new EnrichmentRetryError('429', 30_000))).toBe(30_000);
    expect(connectorBackoff(4, 'x', new EnrichmentRetryError('429', 1000))).toBe(16_000);
    expect(connectorBackoff(1, 'x', new EnrichmentRetryError('429', 3_600_000))).toBe(900_000);
    expect(connectorBackoff(2, 'x', new Error('mongo down'))).toBe(4000);
  });
});
