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
import { firstAccepted, typedPhone } from './common/contact-fields';
import { isoDate } from './common/dates';
import { compact, tagList, unlessEmpty, withoutInvalidFields } from './common/draft';
import {
  asId,
  asObject,
  asText,
  asTexts,
  parseJsonObject,
  type JsonObject,
} from './common/json-fields';
import { needsOf, reachOrLocaleNeed } from './common/needs';
import { decodeBase64, hmac, sameDigest } from './common/signature';

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
  const timestamp = delivery.headers[TIMESTAMP];
  const received = decodeBase64(delivery.headers[SIGNATURE]?.trim() ?? '', 32);
  if (!timestamp || !received) return null;
  const signedBy = (key: string) =>
    sameDigest(hmac('sha256', key, timestamp, delivery.rawBody), received);
  // Both comparisons always run, so timing does not tell which secret matched.
  const connector = signedBy(secret);
  const test = signedBy(ZENDESK_TEST_SECRET);
  if (connector) return 'connector';
  return test ? 'test' : null;
}

function verify(delivery: InboundDelivery, settings: AdapterSettings, now: Date): Verification {
  if (!settings.secret) return { ok: false, reason: 'the connector has no Zendesk signing secret' };
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
  const eventId = asId(body.id);
  if (!eventId) return { kind: 'invalid', reason: 'id is missing' };
  const detail = asObject(body.detail);
  if (event !== STATUS_CHANGED) {
    return {
      kind: 'ignored',
      event,
      reason: `${event} is not a status change`,
      dedupeKey: eventId,
    };
  }
  const ticketId = asId(detail?.id);
  if (!detail || !ticketId) return { kind: 'invalid', reason: 'detail.id is missing' };
  const status = asText(detail.status);
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
  const ticketId = asId(body.ticket_id);
  if (!ticketId) return { kind: 'invalid', reason: 'ticket_id is empty' };
  const status = asText(body.status)?.toLowerCase();
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
  const body = asObject(payload);
  if (!body) throw new TypeError('zendesk payload must be the object classify returned');
  const detail = asObject(body.detail);
  return detail ? fromEvent(body, detail) : fromTrigger(body);
}

/** Event webhooks carry ids only: the job fetches the people and the group by id. */
function fromEvent(body: JsonObject, detail: JsonObject): MappedInteraction {
  const needs: EnrichmentNeed[] = ['customer'];
  const agentId = asId(detail.assignee_id);
  if (agentId) needs.push('agent');
  if (asId(detail.group_id)) needs.push('team');
  const { draft } = withoutInvalidFields(
    compact({
      id: `zendesk:${asId(detail.id) ?? ''}`,
      type: 'ticket.solved',
      occurredAt: isoDate(body.time),
      customer: compact({ id: asId(detail.requester_id) }),
      agent: agentId ? { id: agentId } : undefined,
      channel: asText(asObject(detail.via)?.channel)?.toLowerCase(),
      attributes: compact({
        tags: tagList(asTexts(detail.tags), ','),
        brand_id: asId(detail.brand_id),
        group_id: asId(detail.group_id),
        priority: asText(detail.priority)?.toLowerCase(),
      }),
    }),
  );
  return { draft, needs };
}

function fromTrigger(body: JsonObject): MappedInteraction {
  const requester = asObject(body.requester) ?? {};
  const agent = asObject(body.agent) ?? {};
  const customer = compact({
    id: asId(requester.id),
    name: asText(requester.name),
    email: firstAccepted('email', [requester.email]),
    phone: firstAccepted('phone', [typedPhone(requester.phone)]),
    // {{ticket.requester.language}} renders a language name ("French"), which is no tag.
    locale: firstAccepted('locale', [requester.locale, requester.language]),
  });
  const agentFields = compact({
    id: asId(agent.id),
    name: asText(agent.name),
    email: firstAccepted('email', [agent.email]),
  });
  const priority = asText(body.priority)?.toLowerCase();
  const { draft } = withoutInvalidFields(
    compact({
      id: `zendesk:${asId(body.ticket_id) ?? ''}`,
      type: 'ticket.solved',
      occurredAt: isoDate(body.solved_at),
      customer,
      agent: unlessEmpty(agentFields),
      team: asText(body.group),
      channel: asText(body.channel)?.toLowerCase(),
      attributes: compact({
        tags: tagList((asText(body.tags) ?? '').split(/\s+/), ','),
        brand: asText(body.brand),
        priority: priority === '-' ? undefined : priority,
        ticket_url: asText(body.url),
      }),
    }),
  );
  return { draft, needs: needsOf(reachOrLocaleNeed(draft.customer)) };
}

export const zendeskAdapter: ConnectorAdapter = {
  provider: 'zendesk',
  verify,
  classify,
  toInteraction,
};
