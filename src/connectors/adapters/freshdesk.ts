import type {
  AdapterSettings,
  Classification,
  ConnectorAdapter,
  InboundDelivery,
  MappedInteraction,
  Verification,
} from '../adapter';
import { firstAccepted, typedPhone } from './common/contact-fields';
import { compact, tagList, unlessEmpty, withoutInvalidFields } from './common/draft';
import { asId, asObject, asText, parseJsonObject } from './common/json-fields';
import { needsOf, reachOrLocaleNeed } from './common/needs';
import { secretsEqual } from './common/signature';

/**
 * Freshdesk: an automation rule ("status is changed to Resolved/Closed" → Trigger webhook) posts
 * the advanced JSON body of docs/connectors/freshdesk.md. Freshdesk signs nothing, so the rule
 * sends the secret Retour generated in a custom header; replays are stopped by the dedupe only.
 */

const TOKEN = 'x-retour-token';
const EVENT = 'automation.ticket_status';

/** Status labels as `{{ticket.status}}` renders them, and the REST API's numbers (4, 5). */
const CLOSING: Record<string, 'resolved' | 'closed'> = {
  resolved: 'resolved',
  closed: 'closed',
  '4': 'resolved',
  '5': 'closed',
};

function verify(delivery: InboundDelivery, settings: AdapterSettings): Verification {
  if (!settings.secret) return { ok: false, reason: 'the connector has no Freshdesk token' };
  const token = delivery.headers[TOKEN];
  if (!token) return { ok: false, reason: `missing ${TOKEN} header` };
  return secretsEqual(token.trim(), settings.secret)
    ? { ok: true }
    : { ok: false, reason: `${TOKEN} does not match` };
}

function classify(delivery: InboundDelivery): Classification {
  const body = parseJsonObject(delivery.rawBody);
  if (!body) {
    return {
      kind: 'invalid',
      reason: 'body is not a JSON object (quote every placeholder in the webhook content)',
    };
  }
  if (!('ticket_id' in body)) return { kind: 'invalid', reason: 'ticket_id is missing' };
  const ticketId = asId(body.ticket_id);
  if (!ticketId) return { kind: 'invalid', reason: 'ticket_id is empty' };
  const status = asText(body.status)?.toLowerCase();
  if (!status) return { kind: 'invalid', reason: 'status is missing' };
  const closing = CLOSING[status];
  if (!closing) {
    return {
      kind: 'ignored',
      event: EVENT,
      reason: `status ${status} is not Resolved or Closed`,
      dedupeKey: `ticket:${ticketId}:${status}`,
    };
  }
  return {
    kind: 'close',
    event: EVENT,
    dedupeKey: `ticket:${ticketId}:${closing}`,
    externalId: ticketId,
    payload: body,
  };
}

function toInteraction(payload: unknown): MappedInteraction {
  const body = asObject(payload);
  if (!body) throw new TypeError('freshdesk payload must be the object classify returned');
  const requester = asObject(body.requester) ?? {};
  const agent = asObject(body.agent) ?? {};
  const customer = compact({
    id: asId(requester.id),
    name: asText(requester.name),
    email: firstAccepted('email', [requester.email, requester.from_email]),
    phone: firstAccepted('phone', [typedPhone(requester.phone), typedPhone(requester.mobile)]),
    locale: firstAccepted('locale', [requester.language]),
  });
  const agentFields = compact({
    name: asText(agent.name),
    email: firstAccepted('email', [agent.email]),
  });
  const { draft } = withoutInvalidFields(
    compact({
      id: `freshdesk:${asId(body.ticket_id) ?? ''}`,
      type: 'ticket.solved',
      customer,
      agent: unlessEmpty(agentFields),
      team: asText(body.group),
      channel: asText(body.channel)?.toLowerCase(),
      attributes: compact({
        tags: tagList((asText(body.tags) ?? '').split(','), ','),
        priority: asText(body.priority)?.toLowerCase(),
        company: asText(body.company),
        ticket_url: asText(body.url),
      }),
    }),
  );
  // No placeholder gives the contact's language reliably: the job reads it from the contact.
  return { draft, needs: needsOf(reachOrLocaleNeed(draft.customer)) };
}

export const freshdeskAdapter: ConnectorAdapter = {
  provider: 'freshdesk',
  verify,
  classify,
  toInteraction,
};
