import { createHash } from 'node:crypto';
import type { RedisClient } from '../../shared/redis-connection';
import { DEFAULT_BACKOFF, lockDurationMs, type BackoffPolicy } from './login-backoff';

/**
 * Per-account sign-in backoff, kept in Redis so every HTTP process shares it. It is keyed by the
 * email typed, whether or not an account exists, so a lock never reveals which emails are known.
 */
export interface LoginLockout {
  /** Milliseconds until this email may try again (0 = now). */
  remainingMs(email: string, now?: number): Promise<number>;
  /** Records a failure; returns the lock it starts (0 = none). */
  fail(email: string, now?: number): Promise<number>;
  clear(email: string): Promise<void>;
}

export function lockoutKey(keyPrefix: string, email: string): string {
  const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  return `${keyPrefix}:login-lock:${digest}`;
}

export function createLoginLockout(
  redis: RedisClient,
  keyPrefix: string,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): LoginLockout {
  const key = (email: string) => lockoutKey(keyPrefix, email);
  return {
    async remainingMs(email, now = Date.now()) {
      const until = Number((await redis.hget(key(email), 'lockedUntil')) ?? 0);
      return Math.max(0, until - now);
    },
    async fail(email, now = Date.now()) {
      const k = key(email);
      const [[, failures] = []] =
        (await redis.multi().hincrby(k, 'failures', 1).pexpire(k, policy.forgetAfterMs).exec()) ??
        [];
      const lock = lockDurationMs(Number(failures), policy);
      if (lock > 0) await redis.hset(k, 'lockedUntil', String(now + lock));
      return lock;
    },
    async clear(email) {
      await redis.del(key(email));
    },
  };
}
