import { documentedBody, renderPlaceholders } from './documented-body';
import type { SignedDelivery } from './delivery';

/**
 * A stand-in for a Freshdesk automation rule's "Trigger webhook" action, written from
 * Freshdesk's documentation (support.freshdesk.com article 132589): a POST with the advanced
 * JSON content rendered from `{{ticket.*}}` placeholders (plain text, unescaped), encoding JSON,
 * and the custom headers the admin typed. Freshdesk signs nothing: the only proof is the
 * `X-Retour-Token` header the docs tell the admin to add.
 */

/** The content exactly as docs/connectors/freshdesk.md tells admins to paste it. */
export function documentedFreshdeskTemplate(): string {
  return documentedBody('freshdesk.md', 'webhook-body');
}

export interface FreshdeskRule {
  /** The value typed into "Add custom headers" (`X-Retour-Token: <token>`); null: header left out. */
  token: string | null;
  placeholders?: Record<string, string>;
  template?: string;
}

export function freshdeskWebhook(rule: FreshdeskRule): SignedDelivery {
  const body = renderPlaceholders(
    rule.template ?? documentedFreshdeskTemplate(),
    resolvedTicketPlaceholders(rule.placeholders),
  );
  return {
    headers: {
      'Content-Type': 'application/json',
      ...(rule.token === null ? {} : { 'X-Retour-Token': rule.token }),
    },
    body,
  };
}

/** Placeholder values of a typical resolved ticket, as Freshdesk renders them. */
export function resolvedTicketPlaceholders(
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    'ticket.id': '812',
    'ticket.status': 'Resolved',
    'ticket.url': 'https://acme.freshdesk.com/helpdesk/tickets/812',
    'ticket.requester.id': '103000456789',
    'ticket.requester.name': 'Rhea Park',
    'ticket.requester.email': 'rhea@example.com',
    'ticket.from_email': 'rhea@example.com',
    'ticket.requester.phone': '',
    'ticket.requester.mobile': '+44 7911 123456',
    'ticket.agent.name': 'Ada Lovelace',
    'ticket.agent.email': 'ada@acme.test',
    'ticket.group.name': 'Billing',
    'ticket.company.name': 'Globex',
    'ticket.priority': 'Medium',
    'ticket.source': 'Email',
    'ticket.tags': 'refund,vip',
    ...overrides,
  };
}
