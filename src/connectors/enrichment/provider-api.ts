import { parseRetryAfter } from '../../channels/retry-after';
import {
  OutboundBlockedError,
  OutboundTimeoutError,
  OutboundTooLargeError,
  type OutboundClient,
} from '../../shared/outbound';
import { EnrichmentRetryError } from './retry-error';

export const ENRICHMENT_TIMEOUT_MS = 5000;

/** A JSON answer, or why there is none that is worth retrying for. */
export type ApiAnswer =
  | { ok: true; json: unknown; status?: number }
  /** `detail`: the start of the provider's own error body (write-back records it). */
  | { ok: false; reason: string; status?: number; detail?: string };

export interface ApiCall {
  method?: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ProviderApi {
  call(call: ApiCall): Promise<ApiAnswer>;
}

/**
 * Provider API calls through the SSRF-guarded client, 5 s each. 2xx → the JSON; 429, 408 and
 * 5xx, a timeout or a network error → EnrichmentRetryError (with Retry-After); anything else
 * (401, 403, 404, a refused address) → `{ ok: false, reason: "<provider> answered 401" }`.
 */
export function providerApi(outbound: OutboundClient, provider: string): ProviderApi {
  return {
    async call({ method = 'GET', url, headers, body }) {
      let res;
      try {
        res = await outbound.request({
          method,
          url,
          headers: { Accept: 'application/json', 'User-Agent': 'Retour-Connector/1', ...headers },
          body,
          timeoutMs: ENRICHMENT_TIMEOUT_MS,
          maxResponseBytes: 1024 * 1024,
        });
      } catch (err) {
        if (err instanceof OutboundBlockedError) {
          return { ok: false, reason: `${provider} API address refused: ${err.message}` };
        }
        if (err instanceof OutboundTooLargeError) {
          return { ok: false, reason: `${provider} answered over 1 MB` };
        }
        if (err instanceof OutboundTimeoutError) {
          throw new EnrichmentRetryError(
            `${provider} did not answer within ${ENRICHMENT_TIMEOUT_MS / 1000} s`,
          );
        }
        throw new EnrichmentRetryError(`${provider} unreachable: ${(err as Error).message}`);
      }
      const status = res.status;
      if (status === 429 || status === 408 || status >= 500) {
        const header = res.headers['retry-after'];
        throw new EnrichmentRetryError(
          `${provider} answered ${status}`,
          parseRetryAfter(typeof header === 'string' ? header : undefined),
          status,
        );
      }
      if (status < 200 || status >= 300) {
        const detail = res.body.toString('utf8').slice(0, 500).trim();
        return {
          ok: false,
          reason: `${provider} answered ${status}`,
          status,
          ...(detail ? { detail } : {}),
        };
      }
      // A write may answer 204, or 200 with nothing worth reading.
      if (res.body.length === 0) return { ok: true, json: null, status };
      try {
        return { ok: true, json: JSON.parse(res.body.toString('utf8')) as unknown, status };
      } catch {
        return { ok: false, reason: `${provider} answered ${status} with a body that is not JSON` };
      }
    },
  };
}
