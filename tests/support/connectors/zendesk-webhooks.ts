import { randomUUID } from 'node:crypto';
import { documentedBody, renderPlaceholders } from './documented-body';
import type { SignedDelivery } from './delivery';
import { hmacOf } from './hmac';

/**
 * A stand-in for Zendesk's webhook sender, written from Zendesk's documentation
 * (developer.zendesk.com/documentation/webhooks/verifying and …/anatomy-of-a-webhook-request),
 * not from Retour's adapter: headers as Zendesk sends them, and
 * signature = base64(HMAC-SHA256(signing secret, timestamp + body)), timestamp ISO-8601 UTC
 * without milliseconds. Test sends from the webhook builder use the documented static secret.
 */
export const ZENDESK_DOCUMENTED_TEST_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';

export interface ZendeskSigning {
  secret: string;
  /** When Zendesk signed the request; the timestamp header. */
  signedAt?: Date;
}

export function zendeskTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function zendeskSignature(secret: string, timestamp: string, body: string): string {
  return hmacOf('sha256', secret, timestamp + body, 'base64');
}

let invocations = 0;

export function signedZendeskDelivery(body: string, signing: ZendeskSigning): SignedDelivery {
  const timestamp = zendeskTimestamp(signing.signedAt ?? new Date());
  return {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Zendesk Webhook',
      'x-zendesk-account-id': '12514403',
      'x-zendesk-webhook-id': '01HQ0G6C0Y9Q7R3V3X1P8K4M2N',
      'x-zendesk-webhook-invocation-id': String(8350205005000 + invocations++),
      'x-zendesk-webhook-signature': zendeskSignature(signing.secret, timestamp, body),
      'x-zendesk-webhook-signature-timestamp': timestamp,
    },
    body,
  };
}

export interface ZendeskTicketEvent {
  ticketId: number;
  status: string;
  previous?: string;
  eventId?: string;
  time?: Date;
  requesterId?: number;
  assigneeId?: number | null;
  groupId?: number | null;
  tags?: string[];
  channel?: string;
  priority?: string;
}

/** The fixed envelope of a `zen:event-type:ticket.status_changed` event (ids, UPPERCASE enums). */
export function zendeskStatusChangedBody(
  e: ZendeskTicketEvent,
  type = 'zen:event-type:ticket.status_changed',
): string {
  const time = (e.time ?? new Date()).toISOString();
  return JSON.stringify({
    account_id: 12514403,
    detail: {
      actor_id: '8447388090496',
      assignee_id: e.assigneeId === null ? null : String(e.assigneeId ?? 8447388090496),
      brand_id: '8447320465150',
      created_at: '2026-01-08T09:02:11Z',
      custom_status: '8447320467966',
      description: 'My order never arrived',
      external_id: null,
      form_id: '8447320465918',
      group_id: e.groupId === null ? null : String(e.groupId ?? 8447320466430),
      id: String(e.ticketId),
      is_public: true,
      organization_id: null,
      priority: e.priority ?? 'NORMAL',
      requester_id: String(e.requesterId ?? 8447388090494),
      status: e.status,
      subject: 'Where is my order?',
      submitter_id: String(e.requesterId ?? 8447388090494),
      tags: e.tags ?? ['vip'],
      type: 'QUESTION',
      updated_at: time,
      via: { channel: e.channel ?? 'web' },
    },
    event: { current: e.status, previous: e.previous ?? 'OPEN' },
    id: e.eventId ?? randomUUID(),
    subject: `zen:ticket:${e.ticketId}`,
    time,
    type,
    zendesk_event_version: '2022-11-06',
  });
}

/** The trigger body exactly as docs/connectors/zendesk.md tells admins to paste it. */
export function documentedZendeskTriggerTemplate(): string {
  return documentedBody('zendesk.md', 'trigger-body');
}

/** Zendesk renders placeholders for a webhook as plain text, unescaped; unknown ones as nothing. */
export const renderZendeskPlaceholders = renderPlaceholders;

/** Placeholder values of a typical solved ticket, as Zendesk renders them. */
export function solvedTicketPlaceholders(
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    'ticket.id': '5158',
    'ticket.status': 'Solved',
    'ticket.updated_at_with_timestamp': '2026-01-08T12:15Z',
    'ticket.link': 'acme.zendesk.com/agent/tickets/5158',
    'ticket.requester.id': '8447388090494',
    'ticket.requester.name': 'Rhea Park',
    'ticket.requester.email': 'rhea@example.com',
    'ticket.requester.phone': '+33 6 12 34 56 78',
    'ticket.requester.locale': 'fr-FR',
    'ticket.requester.language': 'French',
    'ticket.assignee.id': '8447388090496',
    'ticket.assignee.name': 'Ada Lovelace',
    'ticket.assignee.email': 'ada@acme.test',
    'ticket.group.name': 'Billing',
    'ticket.brand.name': 'Acme EU',
    'ticket.priority': 'High',
    'ticket.via': 'Web Form',
    'ticket.tags': 'vip refund',
    ...overrides,
  };
}
