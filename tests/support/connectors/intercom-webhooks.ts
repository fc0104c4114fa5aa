/**
 * Intercom webhook deliveries as Intercom sends them (developers.intercom.com, "Webhooks" and
 * the 2.x webhook models): a `notification_event` envelope whose `data.item` is the object, and
 * `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the body with the app's client secret>`.
 */
import { randomBytes } from 'node:crypto';
import type { SignedDelivery } from './delivery';
import { hmacOf } from './hmac';

export const INTERCOM_CLIENT_SECRET = 'c0ffee5ecret-from-the-developer-hub';

/** A closed 2.x conversation: Ana wrote in, Ciaran (admin 991267715) of team 5017691 closed it. */
export function intercomConversation(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'conversation',
    id: '503',
    title: null,
    created_at: 1767873600,
    updated_at: 1767877345,
    waiting_since: null,
    snoozed_until: null,
    open: false,
    state: 'closed',
    read: true,
    priority: 'not_priority',
    admin_assignee_id: 991267715,
    team_assignee_id: 5017691,
    tags: { type: 'tag.list', tags: [{ type: 'tag', id: '123456', name: 'billing' }] },
    conversation_rating: null,
    source: {
      type: 'conversation',
      id: '403918330',
      delivered_as: 'customer_initiated',
      subject: '',
      body: '<p>My invoice is wrong</p>',
      author: {
        type: 'user',
        id: '6762f1a21bb69f9f2193bb3a',
        name: 'Ana Dupont',
        email: 'ana@example.com',
      },
      attachments: [],
      url: null,
      redacted: false,
    },
    contacts: {
      type: 'contact.list',
      contacts: [{ type: 'contact', id: '6762f1a21bb69f9f2193bb3a', external_id: '70' }],
    },
    teammates: { type: 'admin.list', admins: [{ type: 'admin', id: '991267715' }] },
    statistics: {
      type: 'conversation_statistics',
      first_contact_reply_at: 1767873600,
      last_close_at: 1767877345,
      last_closed_by_id: '991267715',
      count_reopens: 0,
    },
    conversation_parts: {
      type: 'conversation_part.list',
      conversation_parts: [
        {
          type: 'conversation_part',
          id: '7001',
          part_type: 'comment',
          body: '<p>Fixed, sorry!</p>',
          created_at: 1767877300,
          author: { type: 'admin', id: '991267715', name: 'Ciaran Lee', email: 'ciaran@acme.test' },
        },
        {
          type: 'conversation_part',
          id: '7002',
          part_type: 'close',
          body: null,
          created_at: 1767877345,
          author: { type: 'admin', id: '991267715', name: 'Ciaran Lee', email: 'ciaran@acme.test' },
        },
      ],
      total_count: 2,
    },
    ...overrides,
  };
}

export interface IntercomNotificationOptions {
  topic?: string;
  item?: Record<string, unknown>;
  id?: string;
  appId?: string;
  deliveryAttempts?: number;
  createdAt?: number;
}

export function intercomNotification(options: IntercomNotificationOptions = {}) {
  const createdAt = options.createdAt ?? 1767877346;
  const topic = options.topic ?? 'conversation.admin.closed';
  return {
    type: 'notification_event',
    app_id: options.appId ?? 'lkqcyt9t',
    data: {
      type: 'notification_event_data',
      item: options.item ?? (topic === 'ping' ? intercomPingItem() : intercomConversation()),
    },
    links: {},
    id: options.id ?? `notif_${randomBytes(12).toString('hex')}`,
    topic,
    delivery_status: 'pending',
    delivery_attempts: options.deliveryAttempts ?? 1,
    delivered_at: 0,
    first_sent_at: createdAt,
    created_at: createdAt,
    self: null,
  };
}

/** What Intercom sends when the webhook URL is saved. */
export function intercomPingItem() {
  return { type: 'ping', message: 'something something interzen' };
}

export function intercomSignature(body: string, secret: string): string {
  return `sha1=${hmacOf('sha1', secret, body, 'hex')}`;
}

/** A signed POST as Intercom makes it; `body` overrides the envelope (for odd bodies). */
export function intercomDelivery(
  options: IntercomNotificationOptions & { secret?: string; body?: string } = {},
): SignedDelivery {
  const body = options.body ?? JSON.stringify(intercomNotification(options));
  return {
    headers: {
      'User-Agent': 'intercom-parrot-service-client/1.0',
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-Hub-Signature': intercomSignature(body, options.secret ?? INTERCOM_CLIENT_SECRET),
    },
    body,
  };
}
