import type {
  AdapterSettings,
  Classification,
  ConnectorAdapter,
  EnrichmentNeed,
  InboundDelivery,
  MappedInteraction,
  Verification,
} from '../adapter';
import { firstAccepted, fullName, typedPhone } from './common/contact-fields';
import { isoDate } from './common/dates';
import { compact, tagList, unlessEmpty, withoutInvalidFields } from './common/draft';
import { asArray, asId, asObject, asText, asTexts, parseJsonObject } from './common/json-fields';
import { decodeBase64, verifyBodySignature, type BodySignature } from './common/signature';

/**
 * Help Scout webhooks (developer.helpscout.com/webhooks): the event name in `X-HelpScout-Event`,
 * the body a v2 Conversation object, `X-HelpScout-Signature` = base64 HMAC-SHA1(secret, raw
 * body). There is no "closed" event: `convo.status` with `status: "closed"` is the close. No
 * timestamp is signed, so replays are stopped by the dedupe (conversation id + closedAt) only.
 */

const EVENT = 'x-helpscout-event';
const STATUS_EVENT = 'convo.status';

const SIGNATURE: BodySignature = {
  algorithm: 'sha1',
  header: 'x-helpscout-signature',
  read: (value) => decodeBase64(value, 20),
  noSecret: 'the connector has no Help Scout webhook secret',
  mismatch: 'signature does not match',
};

function verify(delivery: InboundDelivery, settings: AdapterSettings): Verification {
  return verifyBodySignature(delivery, settings.secret, SIGNATURE);
}

function classify(delivery: InboundDelivery): Classification {
  const event = delivery.headers[EVENT]?.trim();
  if (!event) return { kind: 'invalid', reason: `missing ${EVENT} header` };
  const body = parseJsonObject(delivery.rawBody);
  if (!body) return { kind: 'invalid', reason: 'body is not a JSON object' };
  if (event !== STATUS_EVENT)
    return { kind: 'ignored', event, reason: `${event} is not a status change` };
  const id = asId(body.id);
  if (!id) return { kind: 'invalid', reason: 'id is missing' };
  const status = asText(body.status);
  if (!status) return { kind: 'invalid', reason: 'status is missing' };
  if (status !== 'closed')
    return { kind: 'ignored', event, reason: `status ${status} is not closed` };
  return {
    kind: 'close',
    event,
    // A conversation closed, reopened and closed again has a new closedAt (and one interaction).
    dedupeKey: `conversation:${id}:${asText(body.closedAt) ?? 'closed'}`,
    externalId: id,
    payload: body,
  };
}

/** A v2 Person: { id, first, last, email } (no phone in conversation payloads). */
function person(value: unknown) {
  const p = asObject(value) ?? {};
  return compact({
    id: asId(p.id),
    name: fullName(p.first, p.last),
    email: firstAccepted('email', [p.email]),
  });
}

function toInteraction(payload: unknown): MappedInteraction {
  const body = asObject(payload);
  if (!body) throw new TypeError('helpscout payload must be the object classify returned');
  const raw = asObject(body.primaryCustomer) ?? {};
  const customer = compact({
    ...person(raw),
    phone: firstAccepted('phone', [typedPhone(raw.phone)]),
    locale: firstAccepted('locale', [raw.locale]),
  });
  // The assignee is the agent of record; an unassigned conversation falls back to who closed it.
  const assignee = person(body.assignee);
  const closedBy = asObject(body.closedByUser);
  const closer = closedBy?.type === 'user' ? person(closedBy) : {};
  const agent = assignee.id || assignee.email ? assignee : closer;
  const mailbox = asObject(body.mailbox) ?? {};
  const mailboxId = asId(body.mailboxId) ?? asId(mailbox.id);
  const tags = asTexts(asArray(body.tags).map((t) => asObject(t)?.tag));
  const number = asId(body.number);
  const { draft } = withoutInvalidFields(
    compact({
      id: `helpscout:${asId(body.id) ?? ''}`,
      type: 'conversation.closed',
      occurredAt: isoDate(body.closedAt),
      customer,
      agent: unlessEmpty(agent),
      team: asText(mailbox.name),
      channel: asText(body.type) ?? asText(asObject(body.source)?.type),
      attributes: compact({
        tags: tagList(tags, ','),
        mailbox_id: mailboxId,
        conversation_number: number,
        conversation_url: number
          ? `https://secure.helpscout.net/conversation/${asId(body.id) ?? ''}/${number}/`
          : undefined,
      }),
    }),
  );

  const needs: EnrichmentNeed[] = [];
  if (!draft.customer.email) needs.push('customer');
  else if (!draft.customer.phone) needs.push('customer.phone');
  if (!draft.team && mailboxId) needs.push('team');
  return { draft, needs };
}

export const helpscoutAdapter: ConnectorAdapter = {
  provider: 'helpscout',
  verify,
  classify,
  toInteraction,
};
