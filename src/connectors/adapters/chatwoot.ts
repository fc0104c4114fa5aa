import {
  SIGNATURE_TOLERANCE_MS,
  type AdapterSettings,
  type Classification,
  type ConnectorAdapter,
  type InboundDelivery,
  type MappedInteraction,
  type Verification,
} from '../adapter';
import { unixSecondsToIso } from './common/dates';
import { compact, tagList, withoutInvalidFields } from './common/draft';
import {
  asId,
  asObject,
  asText,
  asTexts,
  parseJsonObject,
  type JsonObject,
} from './common/json-fields';
import { agentNeed, needsOf } from './common/needs';
import { decodeHex, hmac, sameDigest } from './common/signature';

/**
 * Chatwoot account webhooks (signed since v4.11.2). Chatwoot's Webhooks::Trigger sends
 * `X-Chatwoot-Timestamp: <unix seconds>` and `X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<body>">` with the webhook's own secret, and `X-Chatwoot-Delivery: <uuid>`.
 * There is no "resolved" event: `conversation_status_changed` carries the new `status`.
 */
const STATUS_EVENT = 'conversation_status_changed';

function verify(delivery: InboundDelivery, settings: AdapterSettings, now: Date): Verification {
  if (!settings.secret)
    return { ok: false, reason: 'the connector has no Chatwoot webhook secret' };
  const header = delivery.headers['x-chatwoot-signature'];
  if (!header) {
    return {
      ok: false,
      reason: 'missing X-Chatwoot-Signature header (Chatwoot signs webhooks from v4.11.2)',
    };
  }
  const timestamp = delivery.headers['x-chatwoot-timestamp']?.trim();
  if (!timestamp) return { ok: false, reason: 'missing X-Chatwoot-Timestamp header' };
  if (!/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: 'X-Chatwoot-Timestamp is not Unix seconds' };
  }
  const skewMs = Math.abs(now.getTime() - Number(timestamp) * 1000);
  if (skewMs > SIGNATURE_TOLERANCE_MS) {
    return {
      ok: false,
      reason: `X-Chatwoot-Timestamp is ${Math.round(skewMs / 1000)} s away from now (limit ${SIGNATURE_TOLERANCE_MS / 1000} s)`,
    };
  }
  const received = decodeHex(header.trim(), 32, 'sha256=');
  if (!received) {
    return { ok: false, reason: 'X-Chatwoot-Signature is not "sha256=<64 hex digits>"' };
  }
  const expected = hmac('sha256', settings.secret, `${timestamp}.`, delivery.rawBody);
  return sameDigest(expected, received)
    ? { ok: true }
    : {
        ok: false,
        reason: 'X-Chatwoot-Signature does not match timestamp and body (wrong webhook secret?)',
      };
}

function classify(delivery: InboundDelivery): Classification {
  const body = parseJsonObject(delivery.rawBody);
  if (!body) return { kind: 'invalid', reason: 'body is not a JSON object' };
  const event = asText(body.event);
  if (!event) return { kind: 'invalid', reason: 'event is missing' };
  const deliveryId = asText(delivery.headers['x-chatwoot-delivery']);
  if (event !== STATUS_EVENT) {
    return {
      kind: 'ignored',
      event,
      reason: `event ${event} is not ${STATUS_EVENT}`,
      dedupeKey: deliveryId,
    };
  }
  const conversationId = asId(body.id);
  if (!conversationId) return { kind: 'invalid', reason: 'id (the conversation id) is missing' };
  const status = asText(body.status);
  if (!status) return { kind: 'invalid', reason: 'status is missing' };
  // Without a delivery id, the conversation's update time tells one status change from another.
  const updatedAt = typeof body.updated_at === 'number' ? String(body.updated_at) : 'unknown';
  const dedupeKey = deliveryId ?? `${conversationId}:${status}:${updatedAt}`;
  if (status !== 'resolved') {
    return { kind: 'ignored', event, reason: `status ${status} is not resolved`, dedupeKey };
  }
  return { kind: 'close', event, dedupeKey, externalId: conversationId, payload: body };
}

/** "Channel::WebWidget" → "web_widget", "Channel::Whatsapp" → "whatsapp". */
function channelName(channelType: string | undefined): string | undefined {
  if (!channelType) return undefined;
  return channelType
    .replace(/^Channel::/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

function customerOf(conversation: JsonObject, meta: JsonObject | undefined) {
  const sender = asObject(meta?.sender);
  const locale =
    asText(asObject(conversation.additional_attributes)?.browser_language) ??
    asText(asObject(sender?.additional_attributes)?.browser_language);
  return compact({
    id: asId(sender?.id),
    name: asText(sender?.name),
    email: asText(sender?.email),
    phone: asText(sender?.phone_number),
    locale,
  });
}

/** The assigned agent; Chatwoot's user push data has no email (`needs` asks for it). */
function agentOf(meta: JsonObject | undefined) {
  const assignee = asObject(meta?.assignee);
  if (!assignee || (assignee.type !== undefined && assignee.type !== 'user')) return undefined;
  return compact({
    id: asId(assignee.id),
    name: asText(assignee.available_name) ?? asText(assignee.name),
    email: asText(assignee.email),
  });
}

/**
 * The payload is the conversation as Chatwoot's webhook (or its conversations API) gives it.
 * Team is the Chatwoot team's name; without a team the inbox (attribute `inbox_id`) stands for
 * it and `needs` asks the job for the inbox's name.
 */
function toInteraction(payload: unknown): MappedInteraction {
  const conversation = asObject(payload) ?? {};
  const meta = asObject(conversation.meta);
  const labels = asTexts(conversation.labels);
  const inboxId = typeof conversation.inbox_id === 'number' ? conversation.inbox_id : undefined;
  const teamName = asText(asObject(meta?.team)?.name);

  const { draft } = withoutInvalidFields(
    compact({
      id: `chatwoot:${asId(conversation.id) ?? ''}`,
      type: 'conversation.closed',
      occurredAt: unixSecondsToIso(conversation.updated_at),
      customer: customerOf(conversation, meta),
      agent: agentOf(meta),
      team: teamName,
      channel: channelName(asText(conversation.channel)),
      attributes: compact({
        tags: tagList(labels, ', '),
        priority: asText(conversation.priority),
        inbox_id: inboxId,
      }),
    }),
  );

  const needs = needsOf(agentNeed(draft.agent), !draft.team && inboxId !== undefined && 'team');
  return { draft, needs };
}

export const chatwootAdapter: ConnectorAdapter = {
  provider: 'chatwoot',
  verify,
  classify,
  toInteraction,
};
