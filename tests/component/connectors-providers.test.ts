import request from 'supertest';
import type { ConnectorProvider } from '../../src/connectors/adapter';
import { chatwootConversation, chatwootDelivery } from '../support/connectors/chatwoot-webhooks';
import { postDelivery, withHeaders, type SignedDelivery } from '../support/connectors/delivery';
import { freshdeskWebhook } from '../support/connectors/freshdesk-webhooks';
import { helpscoutConversation, helpscoutWebhook } from '../support/connectors/helpscout-webhooks';
import { intercomDelivery } from '../support/connectors/intercom-webhooks';
import { shopifyDelivery } from '../support/connectors/shopify-webhooks';
import {
  documentedZendeskTriggerTemplate,
  renderZendeskPlaceholders,
  signedZendeskDelivery,
  solvedTicketPlaceholders,
  ZENDESK_DOCUMENTED_TEST_SECRET,
} from '../support/connectors/zendesk-webhooks';
import { useDeliveryApp } from '../support/delivery-env';
import { createAnyTimeWorkspace, type TestWorkspace } from '../support/harness';
import { waitFor } from '../support/wait-for';

/**
 * Each provider's deliveries, signed by its fake exactly as the provider documents, through the
 * real route, the real connectors job and the interactions service: a close gives one
 * interaction and one survey, a retried delivery nothing more, a bad signature a 401 and
 * nothing stored, a non-close event a 200 "ignored".
 */
const app = useDeliveryApp('connectors-providers', { workers: true });
const db = () => app.ctx.container.mongo;

interface ProviderCase {
  provider: Exclude<ConnectorProvider, 'generic'>;
  /** The provider's own secret; null: Retour generates it (Freshdesk). */
  ownSecret: string | null;
  close(secret: string): SignedDelivery;
  notClose(secret: string): SignedDelivery;
  externalId: string;
  type: string;
  /** False where the provider sends a shared token instead of signing the body (Freshdesk). */
  signsBody: boolean;
  /** A signature made too long ago, where the provider signs a timestamp. */
  stale?(secret: string): SignedDelivery;
}

const zendeskBody = () =>
  renderZendeskPlaceholders(documentedZendeskTriggerTemplate(), solvedTicketPlaceholders());

const CASES: ProviderCase[] = [
  {
    provider: 'zendesk',
    signsBody: true,
    ownSecret: 'zendesk-webhook-signing-secret-0123456789',
    close: (secret) => signedZendeskDelivery(zendeskBody(), { secret }),
    notClose: (secret) =>
      signedZendeskDelivery(
        renderZendeskPlaceholders(
          documentedZendeskTriggerTemplate(),
          solvedTicketPlaceholders({ 'ticket.status': 'Open' }),
        ),
        { secret },
      ),
    stale: (secret) =>
      signedZendeskDelivery(zendeskBody(), { secret, signedAt: new Date(Date.now() - 6 * 60_000) }),
    externalId: 'zendesk:5158',
    type: 'ticket.solved',
  },
  {
    provider: 'freshdesk',
    signsBody: false,
    ownSecret: null,
    close: (token) => freshdeskWebhook({ token }),
    notClose: (token) => freshdeskWebhook({ token, placeholders: { 'ticket.status': 'Pending' } }),
    externalId: 'freshdesk:812',
    type: 'ticket.solved',
  },
  {
    provider: 'helpscout',
    signsBody: true,
    ownSecret: 'helpscout-webhook-secret-0123456789',
    close: (secret) => helpscoutWebhook('convo.status', helpscoutConversation(), secret),
    notClose: (secret) =>
      helpscoutWebhook('convo.status', helpscoutConversation({ status: 'active' }), secret),
    externalId: 'helpscout:2391938111',
    type: 'conversation.closed',
  },
  {
    provider: 'intercom',
    signsBody: true,
    ownSecret: 'intercom-client-secret-0123456789',
    close: (secret) => intercomDelivery({ secret, id: 'notif_close_1' }),
    notClose: (secret) => intercomDelivery({ secret, topic: 'ping' }),
    externalId: '',
    type: 'conversation.closed',
  },
  {
    provider: 'chatwoot',
    signsBody: true,
    ownSecret: 'chatwoot-webhook-secret-0123456789',
    close: (secret) => chatwootDelivery({ secret, deliveryId: 'delivery-close-1' }),
    notClose: (secret) =>
      chatwootDelivery({ secret, conversation: chatwootConversation({ status: 'open' }) }),
    stale: (secret) =>
      chatwootDelivery({ secret, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }),
    externalId: '',
    type: 'conversation.closed',
  },
  {
    provider: 'shopify',
    signsBody: true,
    ownSecret: 'shpss_0123456789abcdef0123456789abcdef',
    close: (secret) => shopifyDelivery({ secret, eventId: 'event-close-1' }),
    notClose: (secret) => shopifyDelivery({ secret, topic: 'orders/create' }),
    externalId: '',
    type: 'order.fulfilled',
  },
];

async function connectorFor(ws: TestWorkspace, c: ProviderCase) {
  const res = await request(app.ctx.app)
    .post('/api/v1/connectors')
    .set(ws.auth)
    .send({
      provider: c.provider,
      name: `${c.provider} support`,
      ...(c.ownSecret ? { signingSecret: c.ownSecret } : {}),
      survey: { type: 'nps', channels: ['email'] },
    })
    .expect(201);
  const secret = c.ownSecret ?? (res.body.secret as string);
  return {
    id: res.body.id as string,
    path: new URL(res.body.inboundUrl as string).pathname,
    secret,
  };
}

const countsOf = async (ws: TestWorkspace) => ({
  deliveries: await db()
    .collection('connector_deliveries')
    .countDocuments({ workspaceId: ws.workspaceId }),
  interactions: await db()
    .collection('interactions')
    .countDocuments({ workspaceId: ws.workspaceId }),
});

function tampered(d: SignedDelivery): SignedDelivery {
  const i = d.body.indexOf('"', d.body.length / 2);
  return { headers: d.headers, body: `${d.body.slice(0, i)} ${d.body.slice(i)}` };
}

describe.each(CASES)('$provider', (c) => {
  it('when the close is delivered five times, then one interaction and one survey; a non-close is ignored', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx);
    const connector = await connectorFor(ws, c);
    const delivery = c.close(connector.secret);
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await postDelivery(app.ctx.app, connector.path, delivery));
    expect(answers[0]!.status).toBe(202);
    expect(answers[0]!.body).toEqual({ accepted: true });
    for (const a of answers.slice(1))
      expect([a.status, a.body]).toEqual([200, { duplicate: true }]);

    const interaction = await waitFor(
      () => db().collection('interactions').findOne({ workspaceId: ws.workspaceId }),
      `the ${c.provider} interaction`,
      20_000,
    );
    expect(interaction.externalId).toMatch(new RegExp(`^${c.provider}:.+`));
    if (c.externalId) expect(interaction.externalId).toBe(c.externalId);
    expect(interaction.type).toBe(c.type);
    const invitations = await waitFor(async () => {
      const list = await db()
        .collection('invitations')
        .find({ workspaceId: ws.workspaceId })
        .toArray();
      return list.length ? list : null;
    }, 'the survey invitation');
    expect(invitations).toHaveLength(1);
    const log = await request(app.ctx.app)
      .get(`/api/v1/connectors/${connector.id}/deliveries`)
      .set(ws.auth)
      .expect(200);
    const outcomes = (log.body.deliveries as { outcome: string }[]).map((d) => d.outcome).sort();
    expect(outcomes).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);

    const ignored = await postDelivery(app.ctx.app, connector.path, c.notClose(connector.secret));
    expect(ignored.status).toBe(200);
    expect(typeof ignored.body.ignored).toBe('string');
    expect((await countsOf(ws)).interactions).toBe(1);
  });

  it('when the body is tampered with (where signed), the secret is wrong, the header is missing or the signature stale, then 401 and nothing is stored', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx);
    const connector = await connectorFor(ws, c);
    const good = c.close(connector.secret);
    const signatureHeader = Object.keys(good.headers).find((h) => /signature|hmac|token/i.test(h))!;
    const bad = [
      ...(c.signsBody ? [tampered(good)] : []),
      c.close(`${connector.secret}-wrong`),
      withHeaders(good, { [signatureHeader]: undefined }),
      ...(c.stale ? [c.stale(connector.secret)] : []),
    ];
    for (const delivery of bad) {
      const res = await postDelivery(app.ctx.app, connector.path, delivery);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await countsOf(ws)).toEqual({ deliveries: 0, interactions: 0 });
  });
});

describe('zendesk test deliveries and secrets set later', () => {
  it('when the webhook builder sends a test with Zendesk’s public test secret, then it is ignored as a test delivery', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx);
    const connector = await connectorFor(ws, CASES[0]!);
    const res = await postDelivery(
      app.ctx.app,
      connector.path,
      signedZendeskDelivery(zendeskBody(), { secret: ZENDESK_DOCUMENTED_TEST_SECRET }),
    );
    expect([res.status, res.body]).toEqual([200, { ignored: 'zendesk test delivery' }]);
    expect((await countsOf(ws)).interactions).toBe(0);
  });

  it('when a Zendesk connector is made before its secret exists, then deliveries get 401 until signingSecret is set', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx);
    const created = await request(app.ctx.app)
      .post('/api/v1/connectors')
      .set(ws.auth)
      .send({ provider: 'zendesk', name: 'Zendesk', survey: { type: 'nps', channels: ['email'] } })
      .expect(201);
    expect(created.body.signingSecretSet).toBe(false);
    const path = new URL(created.body.inboundUrl as string).pathname;
    // Signed with an empty key: what anybody could compute for a connector without a secret.
    const forged = await postDelivery(
      app.ctx.app,
      path,
      signedZendeskDelivery(zendeskBody(), { secret: '' }),
    );
    expect(forged.status).toBe(401);
    const secret = 'revealed-after-the-webhook-was-made-0123';
    await request(app.ctx.app)
      .patch(`/api/v1/connectors/${created.body.id as string}`)
      .set(ws.auth)
      .send({ signingSecret: secret })
      .expect(200);
    const res = await postDelivery(
      app.ctx.app,
      path,
      signedZendeskDelivery(zendeskBody(), { secret }),
    );
    expect(res.status).toBe(202);
  });
});

describe('the URL check Intercom makes when the webhook is saved', () => {
  it('when the connector exists, then HEAD answers 200; when it does not, 404', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx);
    const connector = await connectorFor(
      ws,
      CASES.find((c) => c.provider === 'intercom')!,
    );
    await request(app.ctx.app).head(connector.path).expect(200);
    await request(app.ctx.app).head('/webhooks/connectors/0123456789abcdef01234567').expect(404);
  });
});
