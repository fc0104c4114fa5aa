import type { ConnectorProvider, EnrichmentNeed, InteractionDraft } from '../adapter';
import type { OutboundClient } from '../../shared/outbound';
import { chatwootEnricher } from './chatwoot';
import {
  allMissing,
  type EnrichConnector,
  type EnrichmentResult,
  type ProviderEnricher,
} from './enricher';
import { freshdeskEnricher } from './freshdesk';
import { helpscoutEnricher } from './helpscout';
import { intercomEnricher } from './intercom';
import { providerApi } from './provider-api';
import { EnrichmentRetryError } from './retry-error';
import { zendeskEnricher } from './zendesk';

export { EnrichmentRetryError } from './retry-error';
export type { EnrichConnector, EnrichmentResult, ProviderEnricher } from './enricher';

export const ENRICHERS: Partial<Record<ConnectorProvider, ProviderEnricher>> = {
  zendesk: zendeskEnricher,
  freshdesk: freshdeskEnricher,
  intercom: intercomEnricher,
  helpscout: helpscoutEnricher,
  chatwoot: chatwootEnricher,
};

export function enricherFor(provider: ConnectorProvider): ProviderEnricher | undefined {
  return ENRICHERS[provider];
}

/**
 * Fills what the payload could not tell from the provider's API. Never fails for a refusal or
 * missing credentials (those are in `missing`); throws EnrichmentRetryError for a 429, a 5xx or
 * no answer, except on the job's last attempt, where they too become `missing`.
 */
export async function enrichDraft(
  draft: InteractionDraft,
  needs: readonly EnrichmentNeed[],
  connector: EnrichConnector,
  outbound: OutboundClient,
  isLastAttempt: boolean,
): Promise<EnrichmentResult> {
  const enricher = enricherFor(connector.provider);
  if (!enricher) return allMissing(draft, needs, `no enrichment for ${connector.provider}`);
  if (!connector.api) return allMissing(draft, needs, 'the connector has no api credentials');
  const baseUrl = (connector.api.baseUrl || enricher.defaultBaseUrl)?.replace(/\/+$/, '');
  if (!baseUrl) {
    return allMissing(draft, needs, `${connector.provider} needs api.baseUrl`);
  }
  let result: EnrichmentResult;
  try {
    result = await enricher.enrich(
      draft,
      needs,
      { ...connector.api, baseUrl },
      providerApi(outbound, connector.provider),
    );
  } catch (err) {
    if (err instanceof EnrichmentRetryError && isLastAttempt) {
      return allMissing(draft, needs, `${err.message}, retries used up`);
    }
    throw err;
  }
  const told = new Set([...result.fetched, ...result.missing.map((m) => m.need)]);
  for (const need of needs) {
    if (!told.has(need))
      result.missing.push({ need, reason: `not looked up for ${connector.provider}` });
  }
  return result;
}

/** The delivery log's line: "fetched: customer, agent; not done: team (zendesk answered 404)". */
export function describeEnrichment(result: EnrichmentResult): string | null {
  const parts: string[] = [];
  if (result.fetched.length > 0) parts.push(`fetched: ${result.fetched.join(', ')}`);
  const byReason = new Map<string, string[]>();
  for (const { need, reason } of result.missing) {
    byReason.set(reason, [...(byReason.get(reason) ?? []), need]);
  }
  const missing = [...byReason].map(([reason, list]) => `${list.join(', ')} (${reason})`);
  if (missing.length > 0) parts.push(`not done: ${missing.join('; ')}`);
  return parts.length > 0 ? parts.join('; ') : null;
}
export { CONNECTOR_BACKOFF, connectorBackoff } from './backoff';
