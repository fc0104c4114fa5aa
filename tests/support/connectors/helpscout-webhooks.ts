import type { SignedDelivery } from './delivery';
import { hmacOf } from './hmac';

/**
 * A stand-in for Help Scout's webhook sender, written from its documentation
 * (developer.helpscout.com/webhooks): the event name in `X-HelpScout-Event`, the v2
 * Conversation object as body (shaped as Mailbox API 2.0 "Get Conversation" documents it), and
 * `X-HelpScout-Signature` = base64(HMAC-SHA1(secret, body)), as in its PHP example
 * `base64_encode(hash_hmac('sha1', $data, KEY, true))`.
 */
export function helpscoutSignature(secret: string, body: string): string {
  return hmacOf('sha1', secret, body, 'base64');
}

export function helpscoutWebhook(
  event: string,
  conversation: unknown,
  secret: string,
): SignedDelivery {
  const body = JSON.stringify(conversation);
  return {
    headers: {
      'Content-Type': 'application/json',
      'X-HelpScout-Event': event,
      'X-HelpScout-Signature': helpscoutSignature(secret, body),
    },
    body,
  };
}

export interface ConversationShape {
  id?: number;
  number?: number;
  status?: string;
  type?: string;
  mailboxId?: number;
  closedAt?: string | null;
  customer?: Record<string, unknown> | null;
  assignee?: Record<string, unknown> | null;
  closedByUser?: Record<string, unknown> | null;
  tags?: string[];
}

/** A v2 Conversation object; `null` leaves a field out, as Help Scout does when it is empty. */
export function helpscoutConversation(c: ConversationShape = {}): Record<string, unknown> {
  const id = c.id ?? 2391938111;
  const number = c.number ?? 1043;
  const conversation: Record<string, unknown> = {
    id,
    number,
    threads: 3,
    type: c.type ?? 'email',
    folderId: 11,
    status: c.status ?? 'closed',
    state: 'published',
    subject: 'Refund for order 1001',
    preview: 'Thanks, that worked!',
    mailboxId: c.mailboxId ?? 85,
    assignee: c.assignee ?? {
      id: 44,
      type: 'user',
      first: 'Ada',
      last: 'Lovelace',
      email: 'ada@acme.test',
    },
    createdBy: { id: 33, type: 'customer', email: 'rhea@example.com' },
    createdAt: '2026-01-07T09:12:00Z',
    closedBy: 44,
    closedByUser: c.closedByUser ?? {
      id: 44,
      type: 'user',
      first: 'Ada',
      last: 'Lovelace',
      photoUrl: 'ada.jpg',
      email: 'ada@acme.test',
    },
    closedAt: c.closedAt ?? '2026-01-08T12:15:45Z',
    userUpdatedAt: '2026-01-08T12:15:45Z',
    customerWaitingSince: { time: '2026-01-08T11:02:00Z', friendly: '1 hour ago' },
    source: { type: 'email', via: 'customer' },
    tags: (c.tags ?? ['billing', 'vip']).map((tag, i) => ({ id: 9150 + i, color: '#929499', tag })),
    cc: [],
    bcc: [],
    primaryCustomer: c.customer ?? {
      id: 33,
      type: 'customer',
      first: 'Rhea',
      last: 'Park',
      photoUrl: '',
      email: 'rhea@example.com',
    },
    customFields: [{ id: 8, name: 'Plan', value: 'Pro', text: 'Pro' }],
    _links: { mailbox: { href: `https://api.helpscout.net/v2/mailboxes/${c.mailboxId ?? 85}` } },
  };
  for (const key of ['assignee', 'closedByUser', 'primaryCustomer', 'closedAt'] as const) {
    const given = key === 'primaryCustomer' ? c.customer : c[key];
    if (given === null) delete conversation[key];
  }
  return conversation;
}
