/**
 * Whether an error means "Redis did not answer" (down, paused, unreachable) rather than a bug:
 * such errors become 503 with Retry-After, and jobs go to the MongoDB outbox instead.
 * These are the messages and codes ioredis 6 rejects commands with.
 */
const MESSAGES = [
  'Command timed out',
  'Reached the max retries per request limit',
  "Stream isn't writeable",
  'Connection is closed',
  'Redis is unavailable',
];

export class RedisUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('Redis is unavailable', { cause });
    this.name = 'RedisUnavailableError';
  }
}

export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof RedisUnavailableError || err.name === 'MaxRetriesPerRequestError') return true;
  return MESSAGES.some((m) => err.message.startsWith(m));
}

/** Seconds a client should wait before retrying a call that failed because Redis was down. */
export const REDIS_RETRY_AFTER_S = 5;
