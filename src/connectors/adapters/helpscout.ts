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
  base64HmacMatches,
  email,
  fullName,
  isoDate,
  isRecord,
  locale,
  parseJsonObject,
  phone,
  prune,
  tagList,
  text,
  type JsonObject,
} from './payload-fields';

/**
 * Help Scout webhooks (developer.helpscout.com/webhooks): the event name in `X-HelpScout-Event`,
 * the body a v2 Conversation object, `X-HelpScout-Signature` = base64 HMAC-SHA1(secret, raw
 * body). There is no "closed" event: `convo.status` with `status: "closed"` is the close. No
 * timestamp is signed, so replays are stopped by the dedupe (conversation id + closedAt) only.
 */

const SIGNATURE = 'x-helpscout-signature';
const EVENT = 'x-helpscout-event';
const STATUS_EVENT = 'convo.status';

function verify(delivery: InboundDelivery, settings: AdapterSettings): Verification {
  const signature = delivery.headers[SIGNATURE];
  if (!signature) return { ok: false, reason: `missing ${SIGNATURE} header` };
  return base64HmacMatches('sha1', settings.secret, delivery.rawBody, signature)
    ? { ok: true }
    : { ok: false, reason: 'signature does not match' };
}

function classify(delivery: InboundDelivery): Classification {
  const event = delivery.headers[EVENT]?.trim();
  if (!event) return { kind: 'invalid', reason: `missing ${EVENT} header` };
  const body = parseJsonObject(delivery.rawBody);
  if (!body) return { kind: 'invalid', reason: 'body is not a JSON object' };
  if (event !== STATUS_EVENT)
    return { kind: 'ignored', event, reason: `${event} is not a status change` };
  const id = text(body.id);
  if (!id) return { kind: 'invalid', reason: 'id is missing' };
  const status = text(body.status);
  if (!status) return { kind: 'invalid', reason: 'status is missing' };
  if (status !== 'closed')
    return { kind: 'ignored', event, reason: `status ${status} is not closed` };
  return {
    kind: 'close',
    event,
    // A conversation closed, reopened and closed again has a new closedAt (and one interaction).
    dedupeKey: `conversation:${id}:${text(body.closedAt) ?? 'closed'}`,
    externalId: id,
    payload: body,
  };
}

/** A v2 Person: { id, first, last, email } (no phone in conversation payloads). */
function person(value: unknown) {
  const p = isRecord(value) ? value : {};
  return prune({ id: text(p.id), name: fullName(p.first, p.last), email: email(p.email) });
}

function toInteraction(payload: unknown): MappedInteraction {
  if (!isRecord(payload))
    throw new TypeError('helpscout payload must be the object classify returned');
  const body: JsonObject = payload;
  const raw = isRecord(body.primaryCustomer) ? body.primaryCustomer : {};
  const customer = {
    ...person(raw),
    ...prune({ phone: phone(raw.phone), locale: locale(raw.locale) }),
  };
  // The assignee is the agent of record; an unassigned conversation falls back to who closed it.
  const assignee = person(body.assignee);
  const closer =
    isRecord(body.closedByUser) && body.closedByUser.type === 'user'
      ? person(body.closedByUser)
      : {};
  const agent = assignee.id || assignee.email ? assignee : closer;
  const mailbox = isRecord(body.mailbox) ? body.mailbox : {};
  const team = text(mailbox.name, 100);
  const mailboxId = text(body.mailboxId) ?? text(mailbox.id);

  const needs: EnrichmentNeed[] = [];
  if (!customer.email) needs.push('customer');
  else if (!customer.phone) needs.push('customer.phone');
  if (!team && mailboxId) needs.push('team');

  const tags = Array.isArray(body.tags)
    ? body.tags.map((t) => (isRecord(t) ? text(t.tag) : undefined)).filter((t): t is string => !!t)
    : [];
  const number = text(body.number);
  const source = isRecord(body.source) ? body.source : {};
  return {
    draft: {
      id: `helpscout:${text(body.id)}`,
      type: 'conversation.closed',
      occurredAt: isoDate(body.closedAt),
      customer,
      ...(Object.keys(agent).length > 0 ? { agent } : {}),
      team,
      channel: text(body.type, 100) ?? text(source.type, 100),
      attributes: prune({
        tags: tagList(tags),
        mailbox_id: mailboxId,
        conversation_number: number,
        conversation_url: number
          ? `https://secure.helpscout.net/conversation/${text(body.id)}/${number}/`
          : undefined,
      }),
    },
    needs,
  };
}

export const helpscoutAdapter: ConnectorAdapter = {
  provider: 'helpscout',
  verify,
  classify,
  toInteraction,
};
