import {
  SIGNATURE_TOLERANCE_MS,
  type AdapterSettings,
  type Classification,
  type ConnectorAdapter,
  type EnrichmentNeed,
  type InboundDelivery,
  type MappedInteraction,
  type Verification,
} from '../adapter';
import {
  base64HmacMatches,
  email,
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
 * Zendesk, both connection methods (docs/connectors/zendesk.md):
 * - event webhooks: a fixed envelope `{ type, id, time, detail: { ids only, UPPERCASE enums } }`;
 * - a trigger's "Notify webhook" with the JSON body our docs give (placeholders rendered unescaped).
 * Both are signed alike: base64 HMAC-SHA256(secret, timestamp header + raw body).
 */

/** The static secret Zendesk signs the webhook builder's test sends with (public, in its docs). */
export const ZENDESK_TEST_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
export const ZENDESK_TEST_DELIVERY = 'zendesk test delivery';

const SIGNATURE = 'x-zendesk-webhook-signature';
const TIMESTAMP = 'x-zendesk-webhook-signature-timestamp';
const STATUS_CHANGED = 'zen:event-type:ticket.status_changed';
const TRIGGER_EVENT = 'trigger.notify_webhook';
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Which secret signed the delivery. Verify and classify both ask, so that a test send passes
 * the signature check (Zendesk shows the admin a green test) and is then ignored, never surveyed.
 */
function signedWith(delivery: InboundDelivery, secret: string): 'connector' | 'test' | null {
  const signature = delivery.headers[SIGNATURE];
  const timestamp = delivery.headers[TIMESTAMP];
  if (!signature || !timestamp) return null;
  const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), delivery.rawBody]);
  // Both comparisons always run, so timing does not tell which secret matched.
  const connector = base64HmacMatches('sha256', secret, message, signature);
  const test = base64HmacMatches('sha256', ZENDESK_TEST_SECRET, message, signature);
  if (connector) return 'connector';
  return test ? 'test' : null;
}

function verify(delivery: InboundDelivery, settings: AdapterSettings, now: Date): Verification {
  if (!delivery.headers[SIGNATURE]) return { ok: false, reason: `missing ${SIGNATURE} header` };
  const timestamp = delivery.headers[TIMESTAMP];
  if (!timestamp) return { ok: false, reason: `missing ${TIMESTAMP} header` };
  const signedAt = ISO_8601.test(timestamp.trim()) ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(signedAt)) return { ok: false, reason: `${TIMESTAMP} is not an ISO-8601 time` };
  if (!signedWith(delivery, settings.secret)) {
    return { ok: false, reason: 'signature does not match' };
  }
  const age = now.getTime() - signedAt;
  if (age > SIGNATURE_TOLERANCE_MS) return { ok: false, reason: 'signed timestamp is too old' };
  if (-age > SIGNATURE_TOLERANCE_MS) {
    return { ok: false, reason: 'signed timestamp is in the future' };
  }
  return { ok: true };
}

function classify(delivery: InboundDelivery, settings: AdapterSettings): Classification {
  if (signedWith(delivery, settings.secret) === 'test') {
    return { kind: 'ignored', event: 'test', reason: ZENDESK_TEST_DELIVERY };
  }
  const body = parseJsonObject(delivery.rawBody);
  if (!body) {
    return {
      kind: 'invalid',
      reason: 'body is not a JSON object (quote every placeholder in the trigger body)',
    };
  }
  if (typeof body.type === 'string' && body.type.startsWith('zen:event-type:')) {
    return classifyEvent(body);
  }
  if ('ticket_id' in body) return classifyTrigger(body);
  return {
    kind: 'invalid',
    reason:
      'body is neither a Zendesk event nor the Retour trigger body (no "type" or "ticket_id")',
  };
}

function classifyEvent(body: JsonObject): Classification {
  const event = body.type as string;
  const eventId = text(body.id);
  if (!eventId) return { kind: 'invalid', reason: 'id is missing' };
  const detail = isRecord(body.detail) ? body.detail : undefined;
  if (event !== STATUS_CHANGED) {
    return {
      kind: 'ignored',
      event,
      reason: `${event} is not a status change`,
      dedupeKey: eventId,
    };
  }
  const ticketId = text(detail?.id);
  if (!detail || !ticketId) return { kind: 'invalid', reason: 'detail.id is missing' };
  const status = text(detail.status);
  if (status?.toUpperCase() !== 'SOLVED') {
    return {
      kind: 'ignored',
      event,
      reason: `status ${status ?? '(none)'} is not SOLVED`,
      dedupeKey: eventId,
    };
  }
  return { kind: 'close', event, dedupeKey: eventId, externalId: ticketId, payload: body };
}

function classifyTrigger(body: JsonObject): Classification {
  const ticketId = text(body.ticket_id);
  if (!ticketId) return { kind: 'invalid', reason: 'ticket_id is empty' };
  const status = text(body.status)?.toLowerCase();
  if (!status) return { kind: 'invalid', reason: 'status is missing' };
  const dedupeKey = `ticket:${ticketId}:${status}`;
  if (status !== 'solved') {
    return {
      kind: 'ignored',
      event: TRIGGER_EVENT,
      reason: `status ${status} is not solved`,
      dedupeKey,
    };
  }
  return { kind: 'close', event: TRIGGER_EVENT, dedupeKey, externalId: ticketId, payload: body };
}

function toInteraction(payload: unknown): MappedInteraction {
  if (!isRecord(payload))
    throw new TypeError('zendesk payload must be the object classify returned');
  return isRecord(payload.detail) ? fromEvent(payload, payload.detail) : fromTrigger(payload);
}

/** Event webhooks carry ids only: the job fetches the people and the group by id. */
function fromEvent(body: JsonObject, detail: JsonObject): MappedInteraction {
  const needs: EnrichmentNeed[] = ['customer'];
  const agentId = text(detail.assignee_id);
  if (agentId) needs.push('agent');
  if (text(detail.group_id)) needs.push('team');
  const via = isRecord(detail.via) ? detail.via : {};
  const tags = Array.isArray(detail.tags)
    ? detail.tags.filter((t): t is string => typeof t === 'string')
    : [];
  return {
    draft: {
      id: `zendesk:${text(detail.id)}`,
      type: 'ticket.solved',
      occurredAt: isoDate(body.time),
      customer: { id: text(detail.requester_id) },
      ...(agentId ? { agent: { id: agentId } } : {}),
      channel: text(via.channel, 100)?.toLowerCase(),
      attributes: prune({
        tags: tagList(tags),
        brand_id: text(detail.brand_id),
        group_id: text(detail.group_id),
        priority: text(detail.priority)?.toLowerCase(),
      }),
    },
    needs,
  };
}

function fromTrigger(body: JsonObject): MappedInteraction {
  const requester = isRecord(body.requester) ? body.requester : {};
  const agent = isRecord(body.agent) ? body.agent : {};
  const customer = prune({
    id: text(requester.id),
    name: text(requester.name),
    email: email(requester.email),
    phone: phone(requester.phone),
    // {{ticket.requester.language}} renders a language name ("French"); locale() keeps tags only.
    locale: locale(requester.locale) ?? locale(requester.language),
  });
  const agentFields = prune({
    id: text(agent.id),
    name: text(agent.name),
    email: email(agent.email),
  });
  const needs: EnrichmentNeed[] = [];
  if (!customer.email && !customer.phone) needs.push('customer');
  else if (!customer.locale) needs.push('customer.locale');
  const priority = text(body.priority)?.toLowerCase();
  return {
    draft: {
      id: `zendesk:${text(body.ticket_id)}`,
      type: 'ticket.solved',
      occurredAt: isoDate(body.solved_at),
      customer,
      ...(Object.keys(agentFields).length > 0 ? { agent: agentFields } : {}),
      team: text(body.group, 100),
      channel: text(body.channel, 100)?.toLowerCase(),
      attributes: prune({
        tags: tagList(String(body.tags ?? '').split(/\s+/)),
        brand: text(body.brand),
        priority: priority === '-' ? undefined : priority,
        ticket_url: text(body.url, 1000),
      }),
    },
    needs,
  };
}

export const zendeskAdapter: ConnectorAdapter = {
  provider: 'zendesk',
  verify,
  classify,
  toInteraction,
};
