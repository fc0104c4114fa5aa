/**
 * Chatwoot account-webhook deliveries as Chatwoot (v4.11.2 and later) sends them. Read from
 * chatwoot's source: the listener posts `conversation.webhook_data` merged with `event` and
 * `changed_attributes` ([{ status: { previous_value, current_value } }]); Webhooks::Trigger posts
 * `payload.to_json` with `X-Chatwoot-Delivery: <uuid>`, `X-Chatwoot-Timestamp: <unix seconds>`
 * and `X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`.
 */
import { randomUUID } from 'node:crypto';
import type { SignedDelivery } from './delivery';
import { hmacOf } from './hmac';

export const CHATWOOT_WEBHOOK_SECRET = 'wh-secret-shown-under-settings-integrations-webhooks';

/**
 * Rails' JSON encoder escapes <, >, & and the two JavaScript line separators, so the bytes on
 * the wire differ from JSON.stringify of the same object; a verifier must use the raw bytes.
 */
export function railsToJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A web-widget conversation (display id 42) of Ana, assigned to Ben of team Support. */
export function chatwootConversation(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    additional_attributes: {
      browser: { browser_name: 'Firefox', browser_version: '133.0', platform_name: 'macOS' },
      browser_language: 'fr-FR',
      referer: 'https://shop.example.com/help?a=1&b=2',
      initiated_at: { timestamp: 'Thu Jan 08 2026 12:00:00 GMT+0100' },
    },
    can_reply: true,
    channel: 'Channel::WebWidget',
    contact_inbox: {
      id: 91,
      contact_id: 7,
      inbox_id: 3,
      source_id: 'a1b2c3',
      hmac_verified: false,
    },
    id: 42,
    inbox_id: 3,
    messages: [
      {
        id: 9001,
        content: 'Thanks <3 & bye',
        account_id: 1,
        inbox_id: 3,
        conversation_id: 42,
        message_type: 1,
        created_at: 1767873540,
        private: false,
        sender_type: 'User',
      },
    ],
    labels: ['billing', 'vip'],
    meta: {
      sender: {
        additional_attributes: {},
        custom_attributes: {},
        email: 'ana@example.com',
        id: 7,
        identifier: null,
        name: 'Ana Dupont',
        phone_number: '+33612345678',
        thumbnail: '',
        blocked: false,
        type: 'contact',
      },
      assignee: {
        id: 2,
        name: 'Benjamin Martin',
        available_name: 'Ben',
        avatar_url: '',
        availability_status: 'online',
        thumbnail: '',
        type: 'user',
      },
      assignee_type: 'User',
      team: { id: 1, name: 'Support' },
      hmac_verified: false,
    },
    status: 'resolved',
    custom_attributes: {},
    snoozed_until: null,
    unread_count: 0,
    first_reply_created_at: '2026-01-08T11:59:30.000Z',
    priority: null,
    waiting_since: 0,
    agent_last_seen_at: 1767873545,
    assignee_last_seen_at: 1767873545,
    contact_last_seen_at: 1767873500,
    last_activity_at: 1767873545,
    timestamp: 1767873545,
    created_at: 1767873000,
    updated_at: 1767873545.123456,
    ...overrides,
  };
}

export interface ChatwootDeliveryOptions {
  secret?: string;
  event?: string;
  conversation?: Record<string, unknown>;
  previousStatus?: string;
  /** Unix seconds put in X-Chatwoot-Timestamp and signed. */
  timestamp?: number;
  deliveryId?: string | null;
  body?: string;
}

export function chatwootSignature(body: string, timestamp: string, secret: string): string {
  return `sha256=${hmacOf('sha256', secret, `${timestamp}.${body}`, 'hex')}`;
}

export function chatwootPayload(options: ChatwootDeliveryOptions = {}) {
  const conversation = options.conversation ?? chatwootConversation();
  const event = options.event ?? 'conversation_status_changed';
  const changed =
    event === 'conversation_status_changed' || event === 'conversation_updated'
      ? [
          {
            status: {
              previous_value: options.previousStatus ?? 'open',
              current_value: conversation.status,
            },
          },
        ]
      : undefined;
  return { ...conversation, event, ...(changed ? { changed_attributes: changed } : {}) };
}

/** A signed POST as Chatwoot's Webhooks::Trigger makes it. */
export function chatwootDelivery(options: ChatwootDeliveryOptions = {}): SignedDelivery {
  const body = options.body ?? railsToJson(chatwootPayload(options));
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'X-Chatwoot-Timestamp': timestamp,
    'X-Chatwoot-Signature': chatwootSignature(
      body,
      timestamp,
      options.secret ?? CHATWOOT_WEBHOOK_SECRET,
    ),
  };
  if (options.deliveryId !== null)
    headers['X-Chatwoot-Delivery'] = options.deliveryId ?? randomUUID();
  return { headers, body };
}
