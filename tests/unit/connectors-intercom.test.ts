import { intercomAdapter } from '../../src/connectors/adapters/intercom';
import { interactionInput } from '../../src/interactions/interactions.schema';
import { asInbound, withHeaders } from '../support/connectors/delivery';
import {
  INTERCOM_CLIENT_SECRET,
  intercomConversation,
  intercomDelivery,
  intercomNotification,
} from '../support/connectors/intercom-webhooks';

const settings = { secret: INTERCOM_CLIENT_SECRET };
const now = new Date('2026-01-08T12:15:50Z');

function verify(delivery = intercomDelivery()) {
  return intercomAdapter.verify(asInbound(delivery), settings, now);
}

function closed(item = intercomConversation()) {
  const c = intercomAdapter.classify(asInbound(intercomDelivery({ item })), settings);
  if (c.kind !== 'close') throw new Error(`expected a close, got ${JSON.stringify(c)}`);
  return intercomAdapter.toInteraction(c.payload, settings);
}

describe('Intercom adapter: signature', () => {
  it('accepts a delivery signed with the client secret', () => {
    expect(verify()).toEqual({ ok: true });
  });

  it('refuses a body changed after signing', () => {
    const good = intercomDelivery();
    const tampered = { ...good, body: good.body.replace('"503"', '"504"') };
    expect(verify(tampered)).toEqual({
      ok: false,
      reason: expect.stringMatching(/does not match/),
    });
  });

  it('refuses a delivery signed with another secret', () => {
    expect(verify(intercomDelivery({ secret: 'someone-elses-secret' }))).toEqual({
      ok: false,
      reason: expect.stringMatching(/does not match/),
    });
  });

  it('refuses a delivery without X-Hub-Signature', () => {
    expect(verify(withHeaders(intercomDelivery(), { 'X-Hub-Signature': undefined }))).toEqual({
      ok: false,
      reason: 'missing X-Hub-Signature header',
    });
  });

  it.each([
    ['no sha1= prefix', (sig: string) => sig.slice('sha1='.length)],
    ['a SHA-256 scheme', (sig: string) => sig.replace('sha1=', 'sha256=')],
    ['a truncated digest', (sig: string) => sig.slice(0, -2)],
    ['non-hex digits', (sig: string) => `${sig.slice(0, -1)}z`],
  ])('refuses a malformed signature: %s', (_name, change) => {
    const good = intercomDelivery();
    const bad = withHeaders(good, { 'X-Hub-Signature': change(good.headers['X-Hub-Signature']!) });
    expect(verify(bad)).toEqual({
      ok: false,
      reason: expect.stringMatching(/sha1=<40 hex digits>/),
    });
  });

  it('accepts upper-case hex digits', () => {
    const good = intercomDelivery();
    const upper = withHeaders(good, {
      'X-Hub-Signature': `sha1=${good.headers['X-Hub-Signature']!.slice(5).toUpperCase()}`,
    });
    expect(verify(upper)).toEqual({ ok: true });
  });

  it('refuses everything when the connector has no secret', () => {
    expect(intercomAdapter.verify(asInbound(intercomDelivery()), { secret: '' }, now).ok).toBe(
      false,
    );
  });
});

describe('Intercom adapter: classification', () => {
  it('a conversation.admin.closed is a close, deduped by the notification id', () => {
    const delivery = intercomDelivery({ id: 'notif_2a89f0' });
    expect(intercomAdapter.classify(asInbound(delivery), settings)).toEqual({
      kind: 'close',
      event: 'conversation.admin.closed',
      dedupeKey: 'notif_2a89f0',
      externalId: '503',
      payload: intercomConversation(),
    });
  });

  it('a retry of the same notification has the same dedupe key', () => {
    const first = intercomAdapter.classify(
      asInbound(intercomDelivery({ id: 'notif_1', deliveryAttempts: 1 })),
      settings,
    );
    const retry = intercomAdapter.classify(
      asInbound(intercomDelivery({ id: 'notif_1', deliveryAttempts: 2 })),
      settings,
    );
    expect(retry).toEqual(first);
  });

  it('the ping sent when the URL is saved is ignored', () => {
    expect(
      intercomAdapter.classify(asInbound(intercomDelivery({ topic: 'ping' })), settings),
    ).toEqual({
      kind: 'ignored',
      event: 'ping',
      reason: 'Intercom ping',
      dedupeKey: expect.any(String),
    });
  });

  it.each(['conversation.user.replied', 'conversation.admin.replied', 'contact.user.created'])(
    'topic %s is ignored',
    (topic) => {
      const c = intercomAdapter.classify(
        asInbound(intercomDelivery({ topic, id: 'notif_9' })),
        settings,
      );
      expect(c).toEqual({
        kind: 'ignored',
        event: topic,
        reason: `topic ${topic} is not conversation.admin.closed`,
        dedupeKey: 'notif_9',
      });
    },
  );

  it.each([
    ['a body that is not JSON', 'topic=conversation.admin.closed', /not a JSON object/],
    ['a JSON array', '[]', /not a JSON object/],
    ['no topic', JSON.stringify({ type: 'notification_event', id: 'notif_1' }), /topic/],
    [
      'no notification id',
      JSON.stringify({ ...intercomNotification(), id: undefined }),
      /notification id/,
    ],
    [
      'a close without the conversation',
      JSON.stringify({ ...intercomNotification(), data: { item: { type: 'conversation' } } }),
      /data\.item\.id/,
    ],
  ])('%s is invalid', (_name, body, reason) => {
    const c = intercomAdapter.classify(asInbound(intercomDelivery({ body })), settings);
    expect(c).toEqual({ kind: 'invalid', reason: expect.stringMatching(reason) });
  });
});

describe('Intercom adapter: interaction', () => {
  it('maps a closed conversation to a valid interaction', () => {
    const { draft, needs } = closed();
    expect(draft).toEqual({
      id: 'intercom:503',
      type: 'conversation.closed',
      occurredAt: '2026-01-08T13:02:25.000Z',
      customer: { id: '6762f1a21bb69f9f2193bb3a', name: 'Ana Dupont', email: 'ana@example.com' },
      agent: { id: '991267715', name: 'Ciaran Lee', email: 'ciaran@acme.test' },
      team: '5017691',
      channel: 'conversation',
      attributes: { tags: 'billing', priority: 'not_priority' },
    });
    expect(needs).toEqual(['customer.phone', 'customer.locale', 'team']);
    expect(interactionInput.safeParse(draft).success).toBe(true);
  });

  it('takes the admin of the latest close part, not an earlier one', () => {
    const base = intercomConversation();
    const parts = (base.conversation_parts as { conversation_parts: unknown[] }).conversation_parts;
    const reopenedAndClosedByZoe = {
      ...base,
      conversation_parts: {
        conversation_parts: [
          ...parts,
          { part_type: 'open', author: { type: 'user', id: '6762f1a21bb69f9f2193bb3a' } },
          {
            part_type: 'close',
            author: { type: 'admin', id: '42', name: 'Zoe', email: 'zoe@acme.test' },
          },
        ],
      },
    };
    expect(closed(reopenedAndClosedByZoe).draft.agent).toEqual({
      id: '42',
      name: 'Zoe',
      email: 'zoe@acme.test',
    });
  });

  it('without a close part, the assigned admin id is kept and looked up', () => {
    const { draft, needs } = closed(
      intercomConversation({
        conversation_parts: { conversation_parts: [] },
        team_assignee_id: null,
      }),
    );
    expect(draft.agent).toEqual({ id: '991267715' });
    expect(draft.team).toBeUndefined();
    expect(needs).toEqual(['customer.phone', 'customer.locale', 'agent']);
  });

  it('keeps a contact phone and locale tag when the payload has them', () => {
    const base = intercomConversation();
    const source = base.source as { author: Record<string, unknown> };
    const { draft, needs } = closed({
      ...base,
      source: { ...source, author: { ...source.author, phone: '+33612345678', locale: 'fr-FR' } },
    });
    expect(draft.customer).toMatchObject({ phone: '+33612345678', locale: 'fr-FR' });
    expect(needs).not.toContain('customer.phone');
    expect(needs).not.toContain('customer.locale');
    const parsed = interactionInput.safeParse(draft);
    expect(parsed.success && parsed.data.customer.locale).toBe('fr-FR');
  });

  it('a contact known by id only is looked up before the survey', () => {
    const { draft, needs } = closed(
      intercomConversation({
        source: { type: 'conversation', author: { type: 'lead', id: '6762f1a21bb69f9f2193bb3a' } },
      }),
    );
    expect(draft.customer).toEqual({ id: '6762f1a21bb69f9f2193bb3a' });
    expect(needs).toEqual(['customer', 'customer.phone', 'customer.locale', 'team']);
  });

  it('drops a malformed email instead of losing the interaction', () => {
    const base = intercomConversation();
    const source = base.source as { author: Record<string, unknown> };
    const { draft } = closed({
      ...base,
      source: { ...source, author: { ...source.author, email: 'not an email' } },
    });
    expect(draft.customer.email).toBeUndefined();
  });

  it('reads a 1.x payload (user and assignee objects)', () => {
    const { draft } = closed({
      type: 'conversation',
      id: 777,
      updated_at: 1767877345,
      user: { type: 'user', id: '5a1', name: 'Ana', email: 'ana@example.com' },
      assignee: { type: 'admin', id: '991267715', name: 'Ciaran', email: 'ciaran@acme.test' },
      conversation_parts: { conversation_parts: [] },
    });
    expect(draft).toMatchObject({
      id: 'intercom:777',
      customer: { id: '5a1', name: 'Ana', email: 'ana@example.com' },
      agent: { id: '991267715', name: 'Ciaran', email: 'ciaran@acme.test' },
    });
    expect(interactionInput.safeParse(draft).success).toBe(true);
  });
});
