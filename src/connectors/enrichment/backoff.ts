import { EnrichmentRetryError } from './retry-error';

/** The connectors queue's backoff type; the worker resolves it with connectorBackoff. */
export const CONNECTOR_BACKOFF = 'connector-retry-after';
const BASE_DELAY_MS = 2000;
/** A Retry-After longer than this is cut to it: the job's attempts are few. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

/** Exponential (2 s, 4 s, 8 s …), but never sooner than a provider's Retry-After. */
export function connectorBackoff(attemptsMade: number, _type?: string, err?: Error): number {
  const exponential = BASE_DELAY_MS * 2 ** Math.max(0, attemptsMade - 1);
  const retryAfter = err instanceof EnrichmentRetryError ? (err.retryAfterMs ?? 0) : 0;
  return Math.max(exponential, Math.min(retryAfter, MAX_RETRY_AFTER_MS));
}
