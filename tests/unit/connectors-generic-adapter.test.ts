import { genericAdapter } from '../../src/connectors/adapters/generic';
import type { AdapterSettings, InboundDelivery } from '../../src/connectors/adapter';
import { signGenericDelivery } from '../support/connectors/generic-signer';

const settings: AdapterSettings = {
  secret: 'whsec_test',
  mapping: {
    id: 'conversation.id',
    'customer.email': 'conversation.contact.email',
    'customer.phone': 'conversation.contact.phone',
    'agent.email': 'conversation.agent.email',
    team: 'conversation.inbox',
    'attributes.tags': 'conversation.tags.0',
    'attributes.amount': 'conversation.amount',
  },
  when: { path: 'conversation.state', equals: 'closed' },
};
const payload = {
  conversation: {
    id: 9001,
    state: 'closed',
    inbox: 'Support FR',
    amount: 42.5,
    tags: ['vip'],
    contact: { email: 'alice@example.com', phone: null },
    agent: { email: 'bruno@example.com' },
  },
};
const now = new Date('2026-12-03T12:00:00Z');

function delivery(body: string, headers: Record<string, string>): InboundDelivery {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  return { headers: lower, rawBody: Buffer.from(body) };
}

describe('generic adapter', () => {
  const body = JSON.stringify(payload);

  it('when the signature is right and within 5 minutes either way, then it verifies', () => {
    for (const skew of [0, -299_000, 299_000]) {
      const d = delivery(
        body,
        signGenericDelivery(settings.secret, body, { at: new Date(now.getTime() + skew) }),
      );
      expect(genericAdapter.verify(d, settings, now)).toEqual({ ok: true });
    }
  });

  it.each([
    [
      'older than 5 minutes',
      { at: new Date(now.getTime() - 301_000) },
      settings.secret,
      /tolerance/,
    ],
    [
      'more than 5 minutes ahead',
      { at: new Date(now.getTime() + 301_000) },
      settings.secret,
      /tolerance/,
    ],
    ['signed with another secret', { at: now }, 'whsec_other', /does not match/],
  ])('when the signature is %s, then it fails', (_what, options, secret, reason) => {
    const d = delivery(body, signGenericDelivery(secret, body, options));
    const result = genericAdapter.verify(d, settings, now);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('when the header is missing or malformed, or a second v1 matches, then it says so', () => {
    const headers = signGenericDelivery(settings.secret, body, { at: now });
    const good = headers['Retour-Signature']!;
    expect(genericAdapter.verify(delivery(body, {}), settings, now).ok).toBe(false);
    expect(
      genericAdapter.verify(delivery(body, { 'Retour-Signature': 'v1=abc' }), settings, now).ok,
    ).toBe(false);
    const rotated = `${good.split(',')[0]},v1=${'0'.repeat(64)},${good.split(',')[1]}`;
    expect(
      genericAdapter.verify(delivery(body, { 'Retour-Signature': rotated }), settings, now),
    ).toEqual({ ok: true });
  });

  it('when the when condition holds, then a close keyed by Retour-Delivery, else by the mapped id', () => {
    expect(
      genericAdapter.classify(delivery(body, { 'Retour-Delivery': 'd-1' }), settings),
    ).toMatchObject({
      kind: 'close',
      dedupeKey: 'd-1',
      externalId: '9001',
      event: 'conversation.state="closed"',
    });
    expect(genericAdapter.classify(delivery(body, {}), settings)).toMatchObject({
      dedupeKey: 'id:9001',
    });
  });

  it('when the when condition does not hold, then ignored with the value found', () => {
    const open = JSON.stringify({ conversation: { ...payload.conversation, state: 'open' } });
    expect(genericAdapter.classify(delivery(open, {}), settings)).toEqual({
      kind: 'ignored',
      event: 'conversation.state="open"',
      reason: 'conversation.state is "open", not "closed"',
    });
    const inList = { ...settings, when: { path: 'conversation.state', in: ['solved', 'closed'] } };
    expect(genericAdapter.classify(delivery(body, {}), inList).kind).toBe('close');
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['a JSON array', '[1]', /not a JSON object/],
    [
      'without the mapped id',
      JSON.stringify({ conversation: { state: 'closed' } }),
      /conversation\.id/,
    ],
  ])('when the body is %s, then invalid', (_what, text, reason) => {
    const result = genericAdapter.classify(delivery(text, {}), settings);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.reason).toMatch(reason);
  });

  it('when mapped, then dot paths fill the interaction, numbers become text except in attributes, nulls are left out', () => {
    expect(genericAdapter.toInteraction(payload, settings)).toEqual({
      draft: {
        id: '9001',
        type: 'ticket.solved',
        customer: { email: 'alice@example.com' },
        agent: { email: 'bruno@example.com' },
        team: 'Support FR',
        attributes: { tags: 'vip', amount: 42.5 },
      },
      needs: [],
    });
  });

  it('when a path walks into the prototype, then nothing is read', () => {
    const evil = { ...settings, mapping: { id: 'conversation.id', team: 'constructor.name' } };
    expect(genericAdapter.toInteraction(payload, evil).draft).not.toHaveProperty('team');
  });
});
