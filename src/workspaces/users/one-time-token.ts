import { createHash, randomBytes } from 'node:crypto';

/** Set-password and reset links: 32 random bytes in the link, only their SHA-256 stored. */
export function generateOneTimeToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token as it appears in a link: 43 base64url characters; anything else is not worth a query. */
export function looksLikeToken(token: string): boolean {
  return /^[\w-]{43}$/.test(token);
}

export const TOKEN_LIFETIME_MS = {
  /** Password reset: short, it answers a request just made. */
  reset: 3600_000,
  /** First password after an invitation: people read email later. */
  invite: 7 * 24 * 3600_000,
} as const;
export type TokenPurpose = keyof typeof TOKEN_LIFETIME_MS;
