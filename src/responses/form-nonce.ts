import { createHmac } from 'node:crypto';
import { safeEqual } from '../shared/safe-equal';

/**
 * CSRF protection without cookies: the link token is the capability, and the form carries a
 * nonce signed over that token and the time the form was issued. A forged cross-site post
 * cannot know the token; a nonce is refused once tampered with or older than maxAgeMs.
 */
export const FORM_NONCE_MAX_AGE_MS = 12 * 3600_000;
const CLOCK_SKEW_MS = 60_000;

function mac(secret: string, token: string, issuedAt: number): string {
  return createHmac('sha256', secret)
    .update(`form-nonce:${token}:${issuedAt}`)
    .digest()
    .subarray(0, 18)
    .toString('base64url');
}

export function issueFormNonce(secret: string, token: string, now = Date.now()): string {
  return `${now.toString(36)}.${mac(secret, token, now)}`;
}

export type NonceCheck = 'ok' | 'invalid' | 'expired';

export function checkFormNonce(
  secret: string,
  token: string,
  nonce: unknown,
  now = Date.now(),
  maxAgeMs = FORM_NONCE_MAX_AGE_MS,
): NonceCheck {
  if (typeof nonce !== 'string') return 'invalid';
  const match = /^([0-9a-z]{1,12})\.([\w-]{24})$/.exec(nonce);
  if (!match) return 'invalid';
  const issuedAt = parseInt(match[1]!, 36);
  if (!safeEqual(Buffer.from(mac(secret, token, issuedAt)), Buffer.from(match[2]!)))
    return 'invalid';
  if (issuedAt > now + CLOCK_SKEW_MS) return 'invalid';
  return now - issuedAt > maxAgeMs ? 'expired' : 'ok';
}
