/**
 * Lockout with exponential backoff, as pure arithmetic: the first `freeAttempts` failures cost
 * nothing; each failure from then on locks sign-in for base × 2^(n − free) up to `maxLockMs`.
 * Failures are forgotten `forgetAfterMs` after the last one, or at a successful sign-in.
 */
export interface BackoffPolicy {
  freeAttempts: number;
  baseLockMs: number;
  maxLockMs: number;
  forgetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  freeAttempts: 4,
  baseLockMs: 60_000,
  maxLockMs: 30 * 60_000,
  forgetAfterMs: 24 * 3600_000,
};

/** How long sign-in stays locked after the `failures`-th consecutive failure (0 = not locked). */
export function lockDurationMs(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const over = failures - policy.freeAttempts;
  if (over <= 0) return 0;
  return Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** Math.min(over - 1, 30));
}

/** "1 minute", "4 minutes", "30 minutes": rounded up, never "0 minutes". */
/** Whole minutes, at least 1: how a wait is told to a person. */
export function waitMinutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

export function describeWait(ms: number): string {
  const minutes = waitMinutes(ms);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
