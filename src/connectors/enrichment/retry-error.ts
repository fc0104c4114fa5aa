/**
 * The provider's API asked us to come back later (429, 5xx) or did not answer in time: the job
 * fails this attempt and BullMQ retries it, no sooner than `retryAfterMs` when the API said so.
 */
export class EnrichmentRetryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    /** The provider's HTTP status; none for a timeout or a network error. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'EnrichmentRetryError';
  }
}
