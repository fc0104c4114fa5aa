import { helpscoutAdapter } from '../../src/connectors/adapters/helpscout';
import { interactionInput } from '../../src/interactions/interactions.schema';
import { asInbound, withoutHeader, type SignedDelivery } from '../support/connectors/delivery';
import { hmacOf } from '../support/connectors/hmac';
import {
  helpscoutConversation,
  helpscoutWebhook,
  type ConversationShape,
} from '../support/connectors/helpscout-webhooks';

const SECRET = 'hs-webhook-secret-0123456789abcdefghij';
const settings = { secret: SECRET };
const NOW = new Date('2026-01-08T12:16:00Z');

const statusDelivery = (c: ConversationShape = {}, secret = SECRET) =>
  helpscoutWebhook('convo.status', helpscoutConversation(c), secret);
const verify = (d: SignedDelivery) => helpscoutAdapter.verify(asInbound(d), settings, NOW);
const classify = (d: SignedDelivery) => helpscoutAdapter.classify(asInbound(d), settings);

function closedPayload(d: SignedDelivery): unknown {
  const c = classify(d);
  if (c.kind !== 'close') throw new Error(`expected a close, got ${JSON.stringify(c)}`);
  return c.payload;
}

describe('helpscout adapter: verify', () => {
  it('accepts base64 HMAC-SHA1 of the raw body with the webhook secret', () => {
    expect(verify(statusDelivery())).toEqual({ ok: true });
  });

  it('refuses a body changed after signing', () => {
    const d = statusDelivery();
    expect(verify({ ...d, body: d.body.replace('"closed"', '"active"') })).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
  });

  it('refuses the same JSON re-serialised with other spacing (the signature is over the bytes)', () => {
    const d = statusDelivery();
    expect(verify({ ...d, body: JSON.stringify(JSON.parse(d.body), null, 2) }).ok).toBe(false);
  });

  it('refuses a delivery signed with another secret', () => {
    expect(verify(statusDelivery({}, 'another-secret'))).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
  });

  it('refuses an HMAC-SHA256 signature (the wrong scheme)', () => {
    const d = statusDelivery();
    const sha256 = hmacOf('sha256', SECRET, d.body, 'base64');
    expect(verify({ ...d, headers: { ...d.headers, 'X-HelpScout-Signature': sha256 } }).ok).toBe(
      false,
    );
  });

  it('refuses a delivery without the signature header', () => {
    expect(verify(withoutHeader(statusDelivery(), 'X-HelpScout-Signature'))).toEqual({
      ok: false,
      reason: 'missing x-helpscout-signature header',
    });
  });

  it('refuses everything while the connector has no secret, even an empty-key signature', () => {
    const emptyKey = asInbound(statusDelivery({}, ''));
    expect(helpscoutAdapter.verify(emptyKey, { secret: '' }, NOW)).toEqual({
      ok: false,
      reason: 'the connector has no Help Scout webhook secret',
    });
  });
});

describe('helpscout adapter: classify', () => {
  it('convo.status with status closed is a close, deduped on conversation id + closedAt', () => {
    expect(classify(statusDelivery())).toMatchObject({
      kind: 'close',
      event: 'convo.status',
      dedupeKey: 'conversation:2391938111:2026-01-08T12:15:45Z',
      externalId: '2391938111',
    });
  });

  it('closing again later is another delivery of the same interaction', () => {
    const again = statusDelivery({ closedAt: '2026-01-20T08:00:00Z' });
    expect(classify(again)).toMatchObject({
      dedupeKey: 'conversation:2391938111:2026-01-20T08:00:00Z',
    });
    const first = helpscoutAdapter.toInteraction(closedPayload(statusDelivery()), settings);
    expect(helpscoutAdapter.toInteraction(closedPayload(again), settings).draft.id).toBe(
      first.draft.id,
    );
  });

  it.each([['active'], ['pending'], ['spam']])(
    'convo.status with status %s is ignored',
    (status) => {
      expect(classify(statusDelivery({ status }))).toEqual({
        kind: 'ignored',
        event: 'convo.status',
        reason: `status ${status} is not closed`,
      });
    },
  );

  it.each([['convo.tags'], ['convo.assigned'], ['satisfaction.ratings']])(
    'event %s is ignored',
    (event) => {
      const d = helpscoutWebhook(event, helpscoutConversation(), SECRET);
      expect(classify(d)).toEqual({
        kind: 'ignored',
        event,
        reason: `${event} is not a status change`,
      });
    },
  );

  it('a delivery without X-HelpScout-Event is invalid', () => {
    expect(classify(withoutHeader(statusDelivery(), 'X-HelpScout-Event'))).toEqual({
      kind: 'invalid',
      reason: 'missing x-helpscout-event header',
    });
  });

  it.each([
    ['a body that is not JSON', 'id=1&status=closed', 'body is not a JSON object'],
    ['a conversation without id', JSON.stringify({ status: 'closed' }), 'id is missing'],
    ['a conversation without status', JSON.stringify({ id: 5 }), 'status is missing'],
  ])('%s is invalid', (_, body, reason) => {
    const d = helpscoutWebhook('convo.status', {}, SECRET);
    expect(classify({ ...d, body })).toEqual({ kind: 'invalid', reason });
  });
});

describe('helpscout adapter: toInteraction', () => {
  it('maps a closed conversation; the phone and the mailbox name are left to the job', () => {
    const { draft, needs } = helpscoutAdapter.toInteraction(
      closedPayload(statusDelivery()),
      settings,
    );
    expect(draft).toEqual({
      id: 'helpscout:2391938111',
      type: 'conversation.closed',
      occurredAt: '2026-01-08T12:15:45.000Z',
      customer: { id: '33', name: 'Rhea Park', email: 'rhea@example.com' },
      agent: { id: '44', name: 'Ada Lovelace', email: 'ada@acme.test' },
      channel: 'email',
      attributes: {
        tags: 'billing,vip',
        mailbox_id: '85',
        conversation_number: '1043',
        conversation_url: 'https://secure.helpscout.net/conversation/2391938111/1043/',
      },
    });
    expect(needs).toEqual(['customer.phone', 'team']);
    expect(interactionInput.safeParse(draft).success).toBe(true);
  });

  it('takes the team from the mailbox name when the payload has one', () => {
    const conversation = { ...helpscoutConversation(), mailbox: { id: 85, name: 'Support FR' } };
    const d = helpscoutWebhook('convo.status', conversation, SECRET);
    const { draft, needs } = helpscoutAdapter.toInteraction(closedPayload(d), settings);
    expect(draft.team).toBe('Support FR');
    expect(needs).toEqual(['customer.phone']);
  });

  it('keeps a phone and a locale tag such as fr-FR when the customer carries them', () => {
    const d = statusDelivery({
      customer: {
        id: 33,
        first: 'Rhea',
        last: 'Park',
        email: 'rhea@example.com',
        phone: '+33 6 12 34 56 78',
        locale: 'fr-FR',
      },
    });
    const { draft, needs } = helpscoutAdapter.toInteraction(closedPayload(d), settings);
    expect(draft.customer).toEqual({
      id: '33',
      name: 'Rhea Park',
      email: 'rhea@example.com',
      phone: '+33612345678',
      locale: 'fr-FR',
    });
    expect(interactionInput.parse(draft).customer.locale).toBe('fr-FR');
    expect(needs).toEqual(['team']);
  });

  it('an unassigned conversation takes the agent who closed it', () => {
    const d = statusDelivery({
      assignee: null,
      closedByUser: { id: 51, type: 'user', first: 'Clo', last: 'Ser', email: 'closer@acme.test' },
    });
    const { draft } = helpscoutAdapter.toInteraction(closedPayload(d), settings);
    expect(draft.agent).toEqual({ id: '51', name: 'Clo Ser', email: 'closer@acme.test' });
  });

  it('a conversation closed by a workflow and unassigned has no agent', () => {
    const d = statusDelivery({ assignee: null, closedByUser: { id: 0, type: 'system' } });
    expect(helpscoutAdapter.toInteraction(closedPayload(d), settings).draft.agent).toBeUndefined();
  });

  it('a chat with a customer known by id only asks for the customer', () => {
    const d = statusDelivery({
      type: 'chat',
      customer: { id: 77, type: 'customer', first: 'Visitor' },
    });
    const { draft, needs } = helpscoutAdapter.toInteraction(closedPayload(d), settings);
    expect(draft.channel).toBe('chat');
    expect(draft.customer).toEqual({ id: '77', name: 'Visitor' });
    expect(needs).toEqual(['customer', 'team']);
  });
});
