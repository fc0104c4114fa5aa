import type { EnrichmentNeed, InteractionDraft } from '../../adapter';

/** An agent known without a name is looked up whole; one with a name but no email, its email. */
export function agentNeed(agent: InteractionDraft['agent']): EnrichmentNeed | undefined {
  if (!agent) return undefined;
  if (!agent.name) return 'agent';
  return agent.email ? undefined : 'agent.email';
}

/**
 * A customer the payload gives no way to reach is looked up whole; one who can be reached but
 * whose language is unknown, only for the locale.
 */
export function reachOrLocaleNeed(
  customer: InteractionDraft['customer'],
): EnrichmentNeed | undefined {
  if (!customer.email && !customer.phone) return 'customer';
  return customer.locale ? undefined : 'customer.locale';
}

/** The needs that apply, in order. */
export function needsOf(...needs: (EnrichmentNeed | false | undefined)[]): EnrichmentNeed[] {
  return needs.filter((n): n is EnrichmentNeed => typeof n === 'string');
}
