import type {
  AdapterSettings,
  Classification,
  ConnectorAdapter,
  InboundDelivery,
  MappedInteraction,
  Verification,
} from '../adapter';
import { unixSecondsToIso } from './common/dates';
import { compact, tagList, withoutInvalidFields } from './common/draft';
import {
  asArray,
  asId,
  asObject,
  asText,
  asTexts,
  parseJsonObject,
  type JsonObject,
} from './common/json-fields';
import { agentNeed, needsOf } from './common/needs';
import { decodeHex, verifyBodySignature, type BodySignature } from './common/signature';

/**
 * Intercom webhooks (API 2.x; the 1.x `user`/`assignee` shapes are read too). Intercom signs the
 * raw body with the app's client secret: `X-Hub-Signature: sha1=<hex HMAC-SHA1>`. Nothing is
 * timestamped, so replays are stopped by the dedupe on the notification id.
 */
const CLOSE_TOPIC = 'conversation.admin.closed';

const SIGNATURE: BodySignature = {
  algorithm: 'sha1',
  header: 'X-Hub-Signature',
  read: (value) => decodeHex(value, 20, 'sha1='),
  noSecret: 'the connector has no Intercom client secret',
  malformed: 'X-Hub-Signature is not "sha1=<40 hex digits>"',
  mismatch: 'X-Hub-Signature does not match the body (wrong client secret?)',
};

function verify(delivery: InboundDelivery, settings: AdapterSettings): Verification {
  return verifyBodySignature(delivery, settings.secret, SIGNATURE);
}

function classify(delivery: InboundDelivery): Classification {
  const body = parseJsonObject(delivery.rawBody);
  if (!body) return { kind: 'invalid', reason: 'body is not a JSON object' };
  const topic = asText(body.topic);
  if (!topic) return { kind: 'invalid', reason: 'topic is missing' };
  const notificationId = asId(body.id);
  if (topic === 'ping') {
    return { kind: 'ignored', event: topic, reason: 'Intercom ping', dedupeKey: notificationId };
  }
  if (!notificationId) return { kind: 'invalid', reason: 'id (the notification id) is missing' };
  if (topic !== CLOSE_TOPIC) {
    return {
      kind: 'ignored',
      event: topic,
      reason: `topic ${topic} is not ${CLOSE_TOPIC}`,
      dedupeKey: notificationId,
    };
  }
  const item = asObject(asObject(body.data)?.item);
  const conversationId = asId(item?.id);
  if (!item || !conversationId) {
    return { kind: 'invalid', reason: 'data.item.id (the conversation id) is missing' };
  }
  return {
    kind: 'close',
    event: topic,
    dedupeKey: notificationId,
    externalId: conversationId,
    payload: item,
  };
}

/** The conversation's contact: the 2.x source author and contact list, or the 1.x `user`. */
function customerOf(conversation: JsonObject) {
  const author = asObject(asObject(conversation.source)?.author);
  const fromAuthor =
    author && author.type !== 'admin' && author.type !== 'bot' ? author : undefined;
  const firstContact = asObject(asArray(asObject(conversation.contacts)?.contacts)[0]);
  const legacyUser = asObject(conversation.user);
  const person = fromAuthor ?? legacyUser;
  return compact({
    id: asId(firstContact?.id) ?? asId(person?.id),
    name: asText(person?.name),
    email: asText(person?.email) ?? asText(firstContact?.email),
    phone: asText(person?.phone) ?? asText(firstContact?.phone),
    locale: asText(person?.locale) ?? asText(firstContact?.locale),
  });
}

/** The admin who closed it (the latest close part), else the assigned admin. */
function agentOf(conversation: JsonObject) {
  const parts = asArray(asObject(conversation.conversation_parts)?.conversation_parts);
  const closer = parts
    .map(asObject)
    .filter((p) => p?.part_type === 'close')
    .map((p) => asObject(p?.author))
    .filter((a) => a?.type === 'admin')
    .at(-1);
  const legacyAssignee = asObject(conversation.assignee);
  const admin = closer ?? (legacyAssignee?.type === 'admin' ? legacyAssignee : undefined);
  if (admin) {
    return compact({ id: asId(admin.id), name: asText(admin.name), email: asText(admin.email) });
  }
  const assigneeId = asId(conversation.admin_assignee_id);
  return assigneeId ? { id: assigneeId } : undefined;
}

/**
 * Where the payload has an id only (contact phone and locale, the team's name, an assigned
 * admin's name), the draft carries that id and `needs` asks the job to look it up.
 */
function toInteraction(payload: unknown): MappedInteraction {
  const envelope = asObject(payload);
  const conversation =
    envelope?.type === 'notification_event'
      ? (asObject(asObject(envelope.data)?.item) ?? {})
      : (envelope ?? {});
  const statistics = asObject(conversation.statistics);
  const customer = customerOf(conversation);
  const agent = agentOf(conversation);
  const teamId = asId(conversation.team_assignee_id);
  const tags = asTexts(asArray(asObject(conversation.tags)?.tags).map((t) => asObject(t)?.name));
  const priority = asText(conversation.priority);

  const { draft } = withoutInvalidFields(
    compact({
      id: `intercom:${asId(conversation.id) ?? ''}`,
      type: 'conversation.closed',
      occurredAt:
        unixSecondsToIso(statistics?.last_close_at) ?? unixSecondsToIso(conversation.updated_at),
      customer,
      agent,
      team: teamId,
      channel: asText(asObject(conversation.source)?.type),
      attributes: compact({
        tags: tagList(tags, ', '),
        priority,
      }),
    }),
  );

  const c = draft.customer;
  const needs = needsOf(
    !c.email && !c.phone && 'customer',
    !c.phone && 'customer.phone',
    !c.locale && 'customer.locale',
    agentNeed(draft.agent),
    !!draft.team && 'team',
  );
  return { draft, needs };
}

export const intercomAdapter: ConnectorAdapter = {
  provider: 'intercom',
  verify,
  classify,
  toInteraction,
};
