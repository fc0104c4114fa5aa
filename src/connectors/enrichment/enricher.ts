import type { ConnectorProvider, EnrichmentNeed, InteractionDraft } from '../adapter';
import type { OpenConnector } from '../connectors.service';
import type { ProviderApi } from './provider-api';

/** The connector as enrichment sees it: which provider, and its API credentials (token opened). */
export interface EnrichConnector {
  provider: ConnectorProvider;
  api: OpenConnector['api'];
}

/** Credentials with the base URL settled (the connector's, else the provider's default). */
export interface ApiCredentials {
  baseUrl: string;
  email: string | null;
  accountId: string | null;
  token: string;
}

export interface MissingNeed {
  need: EnrichmentNeed;
  reason: string;
}

export interface EnrichmentResult {
  draft: InteractionDraft;
  /** What the provider's API told, by need. */
  fetched: EnrichmentNeed[];
  /** What is still missing and why (an API refusal, no credentials, nothing on record). */
  missing: MissingNeed[];
}

/**
 * One per provider: fetches what the payload could not tell. A refusal (401, 403, 404) becomes a
 * `missing` entry; a 429, a 5xx or no answer throws EnrichmentRetryError so the job is retried.
 */
export interface ProviderEnricher {
  provider: ConnectorProvider;
  /** Used when the connector's api has no baseUrl. */
  defaultBaseUrl?: string;
  enrich(
    draft: InteractionDraft,
    needs: readonly EnrichmentNeed[],
    api: ApiCredentials,
    http: ProviderApi,
  ): Promise<EnrichmentResult>;
}

/** Bookkeeping shared by the enrichers: a copy of the draft, and what came of each need. */
export function startResult(draft: InteractionDraft): EnrichmentResult {
  return { draft: structuredClone(draft), fetched: [], missing: [] };
}

export function allMissing(
  draft: InteractionDraft,
  needs: readonly EnrichmentNeed[],
  reason: string,
): EnrichmentResult {
  return { draft, fetched: [], missing: needs.map((need) => ({ need, reason })) };
}
