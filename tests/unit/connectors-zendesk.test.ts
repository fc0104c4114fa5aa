import { SIGNATURE_TOLERANCE_MS } from '../../src/connectors/adapter';
import { zendeskAdapter } from '../../src/connectors/adapters/zendesk';
import { interactionInput } from '../../src/interactions/interactions.schema';
import { asInbound, withoutHeader, type SignedDelivery } from '../support/connectors/delivery';
import {
  ZENDESK_DOCUMENTED_TEST_SECRET,
  documentedZendeskTriggerTemplate,
  renderZendeskPlaceholders,
  signedZendeskDelivery,
  solvedTicketPlaceholders,
  zendeskStatusChangedBody,
} from '../support/connectors/zendesk-webhooks';

const SECRET = 'dHJ1c3Rfbm9fb25lX2J1dF90aGlzX29uZQ==-acme';
const settings = { secret: SECRET };
const NOW = new Date('2026-01-08T12:16:00Z');

function eventDelivery(
  status = 'SOLVED',
  extra: Partial<Parameters<typeof zendeskStatusChangedBody>[0]> = {},
) {
  return signedZendeskDelivery(
    zendeskStatusChangedBody({
      ticketId: 5158,
      status,
      eventId: 'b1f7c0e2-3d4a-4c1e-9f00-5158aa',
      ...extra,
    }),
    { secret: SECRET, signedAt: NOW },
  );
}

function triggerDelivery(overrides: Record<string, string> = {}, secret = SECRET): SignedDelivery {
  const body = renderZendeskPlaceholders(
    documentedZendeskTriggerTemplate(),
    solvedTicketPlaceholders(overrides),
  );
  return signedZendeskDelivery(body, { secret, signedAt: NOW });
}

const verify = (d: SignedDelivery, now = NOW) => zendeskAdapter.verify(asInbound(d), settings, now);
const classify = (d: SignedDelivery) => zendeskAdapter.classify(asInbound(d), settings);

function closedPayload(d: SignedDelivery): unknown {
  const c = classify(d);
  if (c.kind !== 'close') throw new Error(`expected a close, got ${JSON.stringify(c)}`);
  return c.payload;
}

describe('zendesk adapter: verify', () => {
  it('accepts a delivery signed with the connector secret over timestamp + raw body', () => {
    expect(verify(eventDelivery())).toEqual({ ok: true });
    expect(verify(triggerDelivery())).toEqual({ ok: true });
  });

  it('refuses a body changed after signing', () => {
    const d = eventDelivery();
    const tampered = { ...d, body: d.body.replace('"SOLVED"', '"OPEN"') };
    expect(verify(tampered)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('refuses everything while the connector has no secret, even an empty-key signature', () => {
    const emptyKey = asInbound(triggerDelivery({}, ''));
    expect(zendeskAdapter.verify(emptyKey, { secret: '' }, NOW)).toEqual({
      ok: false,
      reason: 'the connector has no Zendesk signing secret',
    });
  });

  it('refuses a delivery signed with another secret', () => {
    const d = signedZendeskDelivery(zendeskStatusChangedBody({ ticketId: 1, status: 'SOLVED' }), {
      secret: 'someone-elses-secret',
      signedAt: NOW,
    });
    expect(verify(d)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('refuses a signature re-used with another timestamp header', () => {
    const d = eventDelivery();
    const replayed = {
      ...d,
      headers: { ...d.headers, 'x-zendesk-webhook-signature-timestamp': '2026-01-08T12:15:59Z' },
    };
    expect(verify(replayed)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('refuses a signed timestamp older than the tolerance, and accepts one just inside it', () => {
    const d = eventDelivery();
    expect(verify(d, new Date(NOW.getTime() + SIGNATURE_TOLERANCE_MS + 1000))).toEqual({
      ok: false,
      reason: 'signed timestamp is too old',
    });
    expect(verify(d, new Date(NOW.getTime() + SIGNATURE_TOLERANCE_MS - 1000))).toEqual({
      ok: true,
    });
  });

  it('refuses a signed timestamp too far in the future', () => {
    expect(
      verify(eventDelivery(), new Date(NOW.getTime() - SIGNATURE_TOLERANCE_MS - 1000)),
    ).toEqual({
      ok: false,
      reason: 'signed timestamp is in the future',
    });
  });

  it.each([['x-zendesk-webhook-signature'], ['x-zendesk-webhook-signature-timestamp']])(
    'refuses a delivery without the %s header, naming it',
    (header) => {
      expect(verify(withoutHeader(eventDelivery(), header))).toEqual({
        ok: false,
        reason: `missing ${header} header`,
      });
    },
  );

  it('refuses a timestamp header that is not ISO-8601 (Unix seconds)', () => {
    const d = eventDelivery();
    const unix = {
      ...d,
      headers: { ...d.headers, 'x-zendesk-webhook-signature-timestamp': '1767874560' },
    };
    expect(verify(unix)).toEqual({
      ok: false,
      reason: 'x-zendesk-webhook-signature-timestamp is not an ISO-8601 time',
    });
  });

  it('refuses a signature with trailing junk that base64 decoding would skip', () => {
    const d = eventDelivery();
    const padded = {
      ...d,
      headers: {
        ...d.headers,
        'x-zendesk-webhook-signature': `${d.headers['x-zendesk-webhook-signature']}!!`,
      },
    };
    expect(verify(padded).ok).toBe(false);
  });
});

describe('zendesk adapter: the webhook builder test send', () => {
  const testSend = () => triggerDelivery({}, ZENDESK_DOCUMENTED_TEST_SECRET);

  it('passes verify (the admin sees a successful test) and is classified ignored', () => {
    expect(verify(testSend())).toEqual({ ok: true });
    expect(classify(testSend())).toEqual({
      kind: 'ignored',
      event: 'test',
      reason: 'zendesk test delivery',
    });
  });

  it('is ignored even when its sample body is not JSON', () => {
    const d = signedZendeskDelivery('{"ticket_id": {{ticket.id}}', {
      secret: ZENDESK_DOCUMENTED_TEST_SECRET,
      signedAt: NOW,
    });
    expect(classify(d)).toMatchObject({ kind: 'ignored', reason: 'zendesk test delivery' });
  });

  it('still needs a fresh timestamp', () => {
    expect(verify(testSend(), new Date(NOW.getTime() + SIGNATURE_TOLERANCE_MS + 1000)).ok).toBe(
      false,
    );
  });
});

describe('zendesk adapter: classify', () => {
  it('an event webhook status change to SOLVED is a close, deduped on the event id', () => {
    expect(classify(eventDelivery())).toMatchObject({
      kind: 'close',
      event: 'zen:event-type:ticket.status_changed',
      dedupeKey: 'b1f7c0e2-3d4a-4c1e-9f00-5158aa',
      externalId: '5158',
    });
  });

  it.each([['OPEN'], ['PENDING'], ['HOLD'], ['CLOSED']])(
    'a status change to %s is ignored',
    (status) => {
      expect(classify(eventDelivery(status))).toEqual({
        kind: 'ignored',
        event: 'zen:event-type:ticket.status_changed',
        reason: `status ${status} is not SOLVED`,
        dedupeKey: 'b1f7c0e2-3d4a-4c1e-9f00-5158aa',
      });
    },
  );

  it('another event type is ignored', () => {
    const body = zendeskStatusChangedBody(
      { ticketId: 5158, status: 'SOLVED', eventId: 'e-1' },
      'zen:event-type:ticket.tags_changed',
    );
    const c = classify(signedZendeskDelivery(body, { secret: SECRET, signedAt: NOW }));
    expect(c).toMatchObject({
      kind: 'ignored',
      event: 'zen:event-type:ticket.tags_changed',
      dedupeKey: 'e-1',
    });
  });

  it('the documented trigger body with status Solved is a close, deduped on ticket id + status', () => {
    expect(classify(triggerDelivery())).toMatchObject({
      kind: 'close',
      dedupeKey: 'ticket:5158:solved',
      externalId: '5158',
    });
  });

  it('the trigger body with another status is ignored', () => {
    expect(classify(triggerDelivery({ 'ticket.status': 'Pending' }))).toMatchObject({
      kind: 'ignored',
      reason: 'status pending is not solved',
      dedupeKey: 'ticket:5158:pending',
    });
  });

  it('a requester name holding a double quote breaks the unescaped body: invalid, with a hint', () => {
    const c = classify(triggerDelivery({ 'ticket.requester.name': 'Ana "Nan" Diaz' }));
    expect(c).toEqual({
      kind: 'invalid',
      reason: 'body is not a JSON object (quote every placeholder in the trigger body)',
    });
  });

  it.each([
    [
      'an event without id',
      JSON.stringify({
        type: 'zen:event-type:ticket.status_changed',
        detail: { id: '1', status: 'SOLVED' },
      }),
      'id is missing',
    ],
    [
      'an event without detail.id',
      JSON.stringify({
        type: 'zen:event-type:ticket.status_changed',
        id: 'e',
        detail: { status: 'SOLVED' },
      }),
      'detail.id is missing',
    ],
    [
      'a trigger body whose ticket id rendered empty',
      JSON.stringify({ ticket_id: '', status: 'Solved' }),
      'ticket_id is empty',
    ],
    [
      'a JSON array',
      '[1,2]',
      'body is not a JSON object (quote every placeholder in the trigger body)',
    ],
    [
      'some other JSON',
      JSON.stringify({ hello: 'world' }),
      'body is neither a Zendesk event nor the Retour trigger body (no "type" or "ticket_id")',
    ],
  ])('%s is invalid', (_, body, reason) => {
    expect(classify(signedZendeskDelivery(body, { secret: SECRET, signedAt: NOW }))).toEqual({
      kind: 'invalid',
      reason,
    });
  });
});

describe('zendesk adapter: toInteraction', () => {
  it('maps the documented trigger body to a valid interaction with people, team and attributes', () => {
    const { draft, needs } = zendeskAdapter.toInteraction(
      closedPayload(triggerDelivery()),
      settings,
    );
    const parsed = interactionInput.safeParse(draft);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({
      id: 'zendesk:5158',
      type: 'ticket.solved',
      occurredAt: '2026-01-08T12:15:00.000Z',
      customer: {
        id: '8447388090494',
        name: 'Rhea Park',
        email: 'rhea@example.com',
        phone: '+33612345678',
        locale: 'fr-FR',
      },
      agent: { id: '8447388090496', name: 'Ada Lovelace', email: 'ada@acme.test' },
      team: 'Billing',
      channel: 'web form',
      attributes: {
        tags: 'vip,refund',
        brand: 'Acme EU',
        priority: 'high',
        ticket_url: 'acme.zendesk.com/agent/tickets/5158',
      },
    });
    expect(needs).toEqual([]);
  });

  it('drops a field the schema refuses (a 201-character name) rather than cutting it', () => {
    const { draft } = zendeskAdapter.toInteraction(
      closedPayload(triggerDelivery({ 'ticket.requester.name': 'R'.repeat(201) })),
      settings,
    );
    expect(draft.customer).not.toHaveProperty('name');
    expect(draft.customer.email).toBe('rhea@example.com');
    expect(interactionInput.safeParse(draft).success).toBe(true);
  });

  it('keeps the locale tag as given (fr-FR) in the draft; the schema keeps it in canonical form', () => {
    const { draft } = zendeskAdapter.toInteraction(closedPayload(triggerDelivery()), settings);
    expect(draft.customer.locale).toBe('fr-FR');
  });

  it('falls back to a language that is a tag, and asks for the locale when there is none', () => {
    const withLang = zendeskAdapter.toInteraction(
      closedPayload(
        triggerDelivery({ 'ticket.requester.locale': '', 'ticket.requester.language': 'pt-BR' }),
      ),
      settings,
    );
    expect(withLang.draft.customer.locale).toBe('pt-BR');
    const named = zendeskAdapter.toInteraction(
      closedPayload(
        triggerDelivery({ 'ticket.requester.locale': '', 'ticket.requester.language': 'French' }),
      ),
      settings,
    );
    expect(named.draft.customer.locale).toBeUndefined();
    expect(named.needs).toEqual(['customer.locale']);
  });

  it('leaves out empty placeholders and a phone that is not a valid number, and stays valid', () => {
    const { draft } = zendeskAdapter.toInteraction(
      closedPayload(
        triggerDelivery({
          'ticket.requester.phone': 'ask at reception',
          'ticket.assignee.id': '',
          'ticket.assignee.name': '',
          'ticket.assignee.email': '',
          'ticket.group.name': '',
          'ticket.priority': '-',
          'ticket.tags': '',
        }),
      ),
      settings,
    );
    expect(draft.customer.phone).toBeUndefined();
    expect(draft.agent).toBeUndefined();
    expect(draft.team).toBeUndefined();
    expect(draft.attributes).toEqual({
      brand: 'Acme EU',
      ticket_url: 'acme.zendesk.com/agent/tickets/5158',
    });
    expect(interactionInput.safeParse(draft).success).toBe(true);
  });

  it('a trigger body without email or phone asks for the customer', () => {
    const { needs } = zendeskAdapter.toInteraction(
      closedPayload(
        triggerDelivery({ 'ticket.requester.email': '', 'ticket.requester.phone': '' }),
      ),
      settings,
    );
    expect(needs).toEqual(['customer']);
  });

  it('maps an event webhook from ids, and asks for the customer, agent and team', () => {
    const d = eventDelivery('SOLVED', {
      time: new Date('2026-01-08T12:15:45Z'),
      tags: ['vip', 'refund'],
      channel: 'email',
    });
    const { draft, needs } = zendeskAdapter.toInteraction(closedPayload(d), settings);
    expect(draft).toEqual({
      id: 'zendesk:5158',
      type: 'ticket.solved',
      occurredAt: '2026-01-08T12:15:45.000Z',
      customer: { id: '8447388090494' },
      agent: { id: '8447388090496' },
      channel: 'email',
      attributes: {
        tags: 'vip,refund',
        brand_id: '8447320465150',
        group_id: '8447320466430',
        priority: 'normal',
      },
    });
    expect(needs).toEqual(['customer', 'agent', 'team']);
    // Once the job has fetched the requester's email, the draft is a valid interaction.
    expect(
      interactionInput.safeParse({
        ...draft,
        customer: { ...draft.customer, email: 'rhea@example.com' },
      }).success,
    ).toBe(true);
  });

  it('an unassigned ticket without a group asks for the customer only', () => {
    const d = eventDelivery('SOLVED', { assigneeId: null, groupId: null });
    const { draft, needs } = zendeskAdapter.toInteraction(closedPayload(d), settings);
    expect(draft.agent).toBeUndefined();
    expect(needs).toEqual(['customer']);
  });
});
