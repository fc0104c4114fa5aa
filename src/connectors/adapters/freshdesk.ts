import type {
  AdapterSettings,
  Classification,
  ConnectorAdapter,
  EnrichmentNeed,
  InboundDelivery,
  MappedInteraction,
  Verification,
} from '../adapter';
import {
  email,
  isRecord,
  locale,
  parseJsonObject,
  phone,
  prune,
  secretsEqual,
  tagList,
  text,
  type JsonObject,
} from './payload-fields';

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
  const ticketId = text(body.ticket_id);
  if (!ticketId) return { kind: 'invalid', reason: 'ticket_id is empty' };
  const status = text(body.status)?.toLowerCase();
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
  if (!isRecord(payload))
    throw new TypeError('freshdesk payload must be the object classify returned');
  const body: JsonObject = payload;
  const requester = isRecord(body.requester) ? body.requester : {};
  const agent = isRecord(body.agent) ? body.agent : {};
  const customer = prune({
    id: text(requester.id),
    name: text(requester.name),
    email: email(requester.email) ?? email(requester.from_email),
    phone: phone(requester.phone) ?? phone(requester.mobile),
    locale: locale(requester.language),
  });
  const agentFields = prune({ name: text(agent.name), email: email(agent.email) });
  // No placeholder gives the contact's language reliably: the job reads it from the contact.
  const needs: EnrichmentNeed[] = [];
  if (!customer.email && !customer.phone) needs.push('customer');
  else if (!customer.locale) needs.push('customer.locale');
  return {
    draft: {
      id: `freshdesk:${text(body.ticket_id)}`,
      type: 'ticket.solved',
      customer,
      ...(Object.keys(agentFields).length > 0 ? { agent: agentFields } : {}),
      team: text(body.group, 100),
      channel: text(body.channel, 100)?.toLowerCase(),
      attributes: prune({
        tags: tagList(String(body.tags ?? '').split(',')),
        priority: text(body.priority)?.toLowerCase(),
        company: text(body.company),
        ticket_url: text(body.url, 1000),
      }),
    },
    needs,
  };
}

export const freshdeskAdapter: ConnectorAdapter = {
  provider: 'freshdesk',
  verify,
  classify,
  toInteraction,
};
