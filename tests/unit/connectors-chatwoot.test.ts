import { SIGNATURE_TOLERANCE_MS } from '../../src/connectors/adapter';
import { chatwootAdapter } from '../../src/connectors/adapters/chatwoot';
import { interactionInput } from '../../src/interactions/interactions.schema';
import {
  CHATWOOT_WEBHOOK_SECRET,
  chatwootConversation,
  chatwootDelivery,
  chatwootPayload,
} from '../support/connectors/chatwoot-webhooks';
import { asInbound, withHeaders } from '../support/connectors/delivery';
import { hmacOf } from '../support/connectors/hmac';

const settings = { secret: CHATWOOT_WEBHOOK_SECRET };
const now = new Date('2026-01-08T12:05:50Z');
const nowSeconds = now.getTime() / 1000;

function verify(delivery = chatwootDelivery({ timestamp: nowSeconds }), at = now) {
  return chatwootAdapter.verify(asInbound(delivery), settings, at);
}

function classify(options: Parameters<typeof chatwootDelivery>[0] = {}) {
  return chatwootAdapter.classify(asInbound(chatwootDelivery(options)), settings);
}

function closed(conversation = chatwootConversation()) {
  const c = classify({ conversation });
  if (c.kind !== 'close') throw new Error(`expected a close, got ${JSON.stringify(c)}`);
  return chatwootAdapter.toInteraction(c.payload, settings);
}

describe('Chatwoot adapter: signature', () => {
  it('accepts a delivery signed over "<timestamp>.<body>" with the webhook secret', () => {
    expect(verify()).toEqual({ ok: true });
  });

  it('verifies the bytes as sent, with Rails escaping <, > and &', () => {
    const delivery = chatwootDelivery({ timestamp: nowSeconds });
    expect(delivery.body).toContain('Thanks \\u003c3 \\u0026 bye');
    expect(verify(delivery)).toEqual({ ok: true });
  });

  it('refuses a body changed after signing', () => {
    const good = chatwootDelivery({ timestamp: nowSeconds });
    const tampered = { ...good, body: good.body.replace('"status":"resolved"', '"status":"open"') };
    expect(tampered.body).not.toBe(good.body);
    expect(verify(tampered)).toEqual({
      ok: false,
      reason: expect.stringMatching(/does not match/),
    });
  });

  it('refuses a delivery signed with another secret', () => {
    const other = chatwootDelivery({ timestamp: nowSeconds, secret: 'another-webhook-secret' });
    expect(verify(other)).toEqual({ ok: false, reason: expect.stringMatching(/does not match/) });
  });

  it('refuses a fresh timestamp swapped onto an old signature', () => {
    const old = chatwootDelivery({ timestamp: nowSeconds - 3600 });
    const replayed = withHeaders(old, { 'X-Chatwoot-Timestamp': String(nowSeconds) });
    expect(verify(replayed)).toEqual({
      ok: false,
      reason: expect.stringMatching(/does not match/),
    });
  });

  it('refuses a signature over the body alone (the timestamp is part of what is signed)', () => {
    const good = chatwootDelivery({ timestamp: nowSeconds });
    const bodyOnly = `sha256=${hmacOf('sha256', CHATWOOT_WEBHOOK_SECRET, good.body, 'hex')}`;
    expect(verify(withHeaders(good, { 'X-Chatwoot-Signature': bodyOnly })).ok).toBe(false);
  });

  it('refuses a timestamp older than the tolerance, and one as far in the future', () => {
    const limit = SIGNATURE_TOLERANCE_MS / 1000;
    expect(verify(chatwootDelivery({ timestamp: nowSeconds - limit }))).toEqual({ ok: true });
    expect(verify(chatwootDelivery({ timestamp: nowSeconds - limit - 1 }))).toEqual({
      ok: false,
      reason: expect.stringMatching(/301 s away from now/),
    });
    expect(verify(chatwootDelivery({ timestamp: nowSeconds + limit + 1 })).ok).toBe(false);
  });

  it.each([
    ['X-Chatwoot-Signature', /missing X-Chatwoot-Signature header.*4\.11\.2/],
    ['X-Chatwoot-Timestamp', /missing X-Chatwoot-Timestamp header/],
  ])('refuses a delivery without %s', (header, reason) => {
    const unsigned = withHeaders(chatwootDelivery({ timestamp: nowSeconds }), {
      [header]: undefined,
    });
    expect(verify(unsigned)).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it.each([
    ['milliseconds', String(now.getTime())],
    ['an ISO date', now.toISOString()],
  ])('refuses a timestamp in %s', (_name, value) => {
    const odd = withHeaders(chatwootDelivery({ timestamp: nowSeconds }), {
      'X-Chatwoot-Timestamp': value,
    });
    expect(verify(odd).ok).toBe(false);
  });

  it('refuses a signature without the sha256= prefix', () => {
    const good = chatwootDelivery({ timestamp: nowSeconds });
    const bare = withHeaders(good, {
      'X-Chatwoot-Signature': good.headers['X-Chatwoot-Signature']!.slice('sha256='.length),
    });
    expect(verify(bare)).toEqual({ ok: false, reason: expect.stringMatching(/sha256=<64 hex/) });
  });
});

describe('Chatwoot adapter: classification', () => {
  it('a status change to resolved is a close, deduped by X-Chatwoot-Delivery', () => {
    const deliveryId = '5d3f2a4e-8c1b-4e8e-9a8e-2b7f1c0d9e11';
    expect(classify({ deliveryId })).toEqual({
      kind: 'close',
      event: 'conversation_status_changed',
      dedupeKey: deliveryId,
      externalId: '42',
      payload: chatwootPayload(),
    });
  });

  it('without X-Chatwoot-Delivery, dedupes by conversation id and update time', () => {
    const first = classify({ deliveryId: null });
    expect(first).toMatchObject({ kind: 'close', dedupeKey: '42:resolved:1767873545.123456' });
    expect(classify({ deliveryId: null, timestamp: nowSeconds + 1 })).toEqual(first);
    const later = classify({
      deliveryId: null,
      conversation: chatwootConversation({ updated_at: 1767960000.5 }),
    });
    expect(later).toMatchObject({ kind: 'close', dedupeKey: '42:resolved:1767960000.5' });
  });

  it.each(['open', 'pending', 'snoozed'])('a status change to %s is ignored', (status) => {
    expect(classify({ conversation: chatwootConversation({ status }), deliveryId: 'd-1' })).toEqual(
      {
        kind: 'ignored',
        event: 'conversation_status_changed',
        reason: `status ${status} is not resolved`,
        dedupeKey: 'd-1',
      },
    );
  });

  it.each(['conversation_created', 'conversation_updated', 'message_created'])(
    'event %s is ignored, even for a resolved conversation',
    (event) => {
      expect(classify({ event, deliveryId: 'd-2' })).toEqual({
        kind: 'ignored',
        event,
        reason: `event ${event} is not conversation_status_changed`,
        dedupeKey: 'd-2',
      });
    },
  );

  it.each([
    ['a body that is not JSON', 'event=conversation_status_changed', /not a JSON object/],
    ['no event', JSON.stringify({ id: 42, status: 'resolved' }), /event is missing/],
    [
      'no conversation id',
      JSON.stringify({ event: 'conversation_status_changed', status: 'resolved' }),
      /conversation id/,
    ],
    [
      'no status',
      JSON.stringify({ event: 'conversation_status_changed', id: 42 }),
      /status is missing/,
    ],
  ])('%s is invalid', (_name, body, reason) => {
    expect(classify({ body })).toEqual({ kind: 'invalid', reason: expect.stringMatching(reason) });
  });
});

describe('Chatwoot adapter: interaction', () => {
  it('maps a resolved conversation to a valid interaction; the agent email is looked up', () => {
    const { draft, needs } = closed();
    expect(draft).toEqual({
      id: 'chatwoot:42',
      type: 'conversation.closed',
      occurredAt: '2026-01-08T11:59:05.123Z',
      customer: {
        id: '7',
        name: 'Ana Dupont',
        email: 'ana@example.com',
        phone: '+33612345678',
        locale: 'fr-FR',
      },
      agent: { id: '2', name: 'Ben' },
      team: 'Support',
      channel: 'web_widget',
      attributes: { tags: 'billing, vip', inbox_id: 3 },
    });
    expect(needs).toEqual(['agent.email']);
    const parsed = interactionInput.safeParse(draft);
    expect(parsed.success && parsed.data.customer.locale).toBe('fr-FR');
  });

  it.each([
    ['Channel::Email', 'email'],
    ['Channel::Whatsapp', 'whatsapp'],
    ['Channel::FacebookPage', 'facebook_page'],
    ['Channel::TwilioSms', 'twilio_sms'],
    ['Channel::Api', 'api'],
  ])('channel %s becomes %s', (channel, expected) => {
    expect(closed(chatwootConversation({ channel })).draft.channel).toBe(expected);
  });

  it('without a team, the inbox stands for it and its name is looked up', () => {
    const base = chatwootConversation();
    const { draft, needs } = closed({ ...base, meta: { ...(base.meta as object), team: null } });
    expect(draft.team).toBeUndefined();
    expect(draft.attributes).toMatchObject({ inbox_id: 3 });
    expect(needs).toEqual(['agent.email', 'team']);
  });

  it('an unassigned conversation has no agent and needs none', () => {
    const base = chatwootConversation();
    const { draft, needs } = closed({
      ...base,
      meta: { ...(base.meta as object), assignee: null, assignee_type: null },
    });
    expect(draft.agent).toBeUndefined();
    expect(needs).toEqual([]);
  });

  it('an agent bot is not taken for the agent', () => {
    const base = chatwootConversation();
    const { draft } = closed({
      ...base,
      meta: {
        ...(base.meta as object),
        assignee: { id: 5, name: 'Bot', type: 'agent_bot' },
        assignee_type: 'AgentBot',
      },
    });
    expect(draft.agent).toBeUndefined();
  });

  it('a visitor with neither email nor phone keeps an id (for an in-chat survey)', () => {
    const base = chatwootConversation();
    const meta = base.meta as { sender: Record<string, unknown> };
    const { draft } = closed({
      ...base,
      additional_attributes: {},
      meta: { ...meta, sender: { ...meta.sender, email: null, phone_number: null } },
    });
    expect(draft.customer).toEqual({ id: '7', name: 'Ana Dupont' });
    const chatOnly = { ...draft, survey: { type: 'csat' as const, channels: ['chat' as const] } };
    expect(interactionInput.safeParse(chatOnly).success).toBe(true);
  });
});
