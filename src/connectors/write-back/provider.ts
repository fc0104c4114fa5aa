import type { ConnectorProvider } from '../adapter';
import type { ApiCredentials } from '../enrichment/enricher';
import type { ApiAnswer, ProviderApi } from '../enrichment/provider-api';

/** What to write on one ticket: the note and the tags, each null when the connector turned it off. */
export interface WriteBackRequest {
  /** The provider's ticket (conversation, order) id: the interaction's externalId after `<provider>:`. */
  target: string;
  note: string | null;
  tags: string[] | null;
}

/**
 * One call (or read-then-write) towards the provider. Steps already written are skipped on a
 * retry, so a note is never written again because its tags call hit a 429.
 */
export interface WriteStep {
  name: string;
  run(http: ProviderApi): Promise<ApiAnswer>;
}

/**
 * One per provider. `steps` is pure: it says which calls make the write-back; a 429, 5xx or no
 * answer throws EnrichmentRetryError from the http client, any other non-2xx is a refusal.
 */
export interface WriteBackProvider {
  provider: ConnectorProvider;
  defaultBaseUrl?: string;
  /** The steps, or why this connector cannot write back at all (missing credentials). */
  steps(request: WriteBackRequest, api: ApiCredentials): WriteStep[] | { cannot: string };
}
