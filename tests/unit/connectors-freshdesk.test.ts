import { freshdeskAdapter } from '../../src/connectors/adapters/freshdesk';
import { interactionInput } from '../../src/interactions/interactions.schema';
import { asInbound, type SignedDelivery } from '../support/connectors/delivery';
import { freshdeskWebhook } from '../support/connectors/freshdesk-webhooks';

const TOKEN = 'rtr_fd_9Qm2Lx7Vb4Nc8Zp1Hs6Kd3Wf';
const settings = { secret: TOKEN };
const NOW = new Date('2026-01-08T12:16:00Z');

const delivery = (placeholders: Record<string, string> = {}, token: string | null = TOKEN) =>
  freshdeskWebhook({ token, placeholders });
const verify = (d: SignedDelivery) => freshdeskAdapter.verify(asInbound(d), settings, NOW);
const classify = (d: SignedDelivery) => freshdeskAdapter.classify(asInbound(d), settings);

function closedPayload(d: SignedDelivery): unknown {
  const c = classify(d);
  if (c.kind !== 'close') throw new Error(`expected a close, got ${JSON.stringify(c)}`);
  return c.payload;
}

describe('freshdesk adapter: verify (unsigned; the X-Retour-Token header)', () => {
  it('accepts the connector token', () => {
    expect(verify(delivery())).toEqual({ ok: true });
  });

  it('accepts the token with the spaces an admin may type around it', () => {
    expect(verify(delivery({}, ` ${TOKEN} `))).toEqual({ ok: true });
  });

  it.each([
    ['another token', 'rtr_fd_someone_else'],
    ['a prefix of the token', TOKEN.slice(0, 10)],
    ['the token with a character more', `${TOKEN}x`],
  ])('refuses %s', (_, token) => {
    expect(verify(delivery({}, token))).toEqual({
      ok: false,
      reason: 'x-retour-token does not match',
    });
  });

  it('refuses a delivery without the header', () => {
    expect(verify(delivery({}, null))).toEqual({
      ok: false,
      reason: 'missing x-retour-token header',
    });
  });

  it('refuses everything while the connector has no token, even a blank header', () => {
    const blank = asInbound(delivery({}, ' '));
    expect(freshdeskAdapter.verify(blank, { secret: '' }, NOW)).toEqual({
      ok: false,
      reason: 'the connector has no Freshdesk token',
    });
  });
});

describe('freshdesk adapter: classify', () => {
  it.each([
    ['Resolved', 'resolved'],
    ['Closed', 'closed'],
    ['RESOLVED', 'resolved'],
    ['4', 'resolved'],
    ['5', 'closed'],
  ])('status %s is a close, deduped on ticket id + %s', (status, key) => {
    expect(classify(delivery({ 'ticket.status': status }))).toMatchObject({
      kind: 'close',
      dedupeKey: `ticket:812:${key}`,
      externalId: '812',
    });
  });

  it.each([['Open'], ['Pending'], ['2'], ['Waiting on Customer']])(
    'status %s is ignored',
    (status) => {
      const c = classify(delivery({ 'ticket.status': status }));
      expect(c).toMatchObject({
        kind: 'ignored',
        reason: `status ${status.toLowerCase()} is not Resolved or Closed`,
        dedupeKey: `ticket:812:${status.toLowerCase()}`,
      });
    },
  );

  it('a quote inside a value breaks the unescaped body: invalid, with a hint', () => {
    expect(classify(delivery({ 'ticket.company.name': 'The "Best" Co' }))).toEqual({
      kind: 'invalid',
      reason: 'body is not a JSON object (quote every placeholder in the webhook content)',
    });
  });

  it.each([
    ['a body without ticket_id', JSON.stringify({ status: 'Resolved' }), 'ticket_id is missing'],
    [
      'a ticket id rendered empty',
      JSON.stringify({ ticket_id: '', status: 'Resolved' }),
      'ticket_id is empty',
    ],
    [
      'a status rendered empty',
      JSON.stringify({ ticket_id: '812', status: '' }),
      'status is missing',
    ],
  ])('%s is invalid', (_, body, reason) => {
    const d = freshdeskWebhook({ token: TOKEN, template: body });
    expect(classify(d)).toEqual({ kind: 'invalid', reason });
  });
});

describe('freshdesk adapter: toInteraction', () => {
  it('maps the documented body to a valid interaction', () => {
    const { draft, needs } = freshdeskAdapter.toInteraction(closedPayload(delivery()), settings);
    const parsed = interactionInput.safeParse(draft);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({
      id: 'freshdesk:812',
      type: 'ticket.solved',
      customer: {
        id: '103000456789',
        name: 'Rhea Park',
        email: 'rhea@example.com',
        phone: '+447911123456',
      },
      agent: { name: 'Ada Lovelace', email: 'ada@acme.test' },
      team: 'Billing',
      channel: 'email',
      attributes: {
        tags: 'refund,vip',
        priority: 'medium',
        company: 'Globex',
        ticket_url: 'https://acme.freshdesk.com/helpdesk/tickets/812',
      },
    });
    // No placeholder carries the contact's language: the job reads it from the contact.
    expect(needs).toEqual(['customer.locale']);
  });

  it('a resolved and then closed ticket is the same interaction', () => {
    const resolved = freshdeskAdapter.toInteraction(
      closedPayload(delivery({ 'ticket.status': 'Resolved' })),
      settings,
    );
    const closed = freshdeskAdapter.toInteraction(
      closedPayload(delivery({ 'ticket.status': 'Closed' })),
      settings,
    );
    expect(closed.draft.id).toBe(resolved.draft.id);
  });

  it('falls back to the from address, and to the work phone when there is no mobile', () => {
    const { draft } = freshdeskAdapter.toInteraction(
      closedPayload(
        delivery({
          'ticket.requester.email': '',
          'ticket.from_email': 'rhea.park@example.org',
          'ticket.requester.phone': '+33 1 42 68 53 00',
          'ticket.requester.mobile': '',
        }),
      ),
      settings,
    );
    expect(draft.customer).toMatchObject({ email: 'rhea.park@example.org', phone: '+33142685300' });
  });

  it('drops a local phone without country code and an agent-less ticket stays valid', () => {
    const { draft } = freshdeskAdapter.toInteraction(
      closedPayload(
        delivery({
          'ticket.requester.mobile': '07911 123456',
          'ticket.agent.name': '',
          'ticket.agent.email': '',
          'ticket.tags': '',
        }),
      ),
      settings,
    );
    expect(draft.customer.phone).toBeUndefined();
    expect(draft.agent).toBeUndefined();
    expect(draft.attributes).not.toHaveProperty('tags');
    expect(interactionInput.safeParse(draft).success).toBe(true);
  });

  it('a placeholder the account does not know, left unrendered, counts as empty', () => {
    const { draft } = freshdeskAdapter.toInteraction(
      closedPayload(
        delivery({
          'ticket.requester.id': '{{ticket.requester.id}}',
          'ticket.requester.mobile': '{{ticket.requester.mobile}}',
          'ticket.requester.phone': '+33 1 42 68 53 00',
        }),
      ),
      settings,
    );
    expect(draft.customer).toEqual({
      name: 'Rhea Park',
      email: 'rhea@example.com',
      phone: '+33142685300',
    });
  });

  it('trims comma-separated tags with spaces and drops repeats', () => {
    const { draft } = freshdeskAdapter.toInteraction(
      closedPayload(delivery({ 'ticket.tags': 'refund, vip , refund' })),
      settings,
    );
    expect(draft.attributes).toMatchObject({ tags: 'refund,vip' });
  });

  it('a contact known by name only asks for the customer', () => {
    const { needs } = freshdeskAdapter.toInteraction(
      closedPayload(
        delivery({
          'ticket.requester.email': '',
          'ticket.from_email': '',
          'ticket.requester.mobile': '',
        }),
      ),
      settings,
    );
    expect(needs).toEqual(['customer']);
  });
});
