import { createHmac } from 'node:crypto';
import { safeEqual } from '../shared/safe-equal';

/** Outgoing webhooks are signed like Stripe's: HMAC-SHA256 over `${timestamp}.${body}`. */
export const SIGNATURE_HEADER = 'X-Retour-Signature';
export const TIMESTAMP_HEADER = 'X-Retour-Timestamp';
export const DELIVERY_HEADER = 'X-Retour-Delivery';

const VERSION = 'v1';

/** The X-Retour-Signature value: `v1=<hex>`. */
export function signWebhook(secret: string, timestamp: number | string, body: string): string {
  return `${VERSION}=${digest(secret, timestamp, body)}`;
}

/**
 * True when one of the header's `v1=` signatures matches and the timestamp is within
 * `toleranceSec` of `now`, so a captured request cannot be replayed later.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  timestamp: number | string | undefined,
  body: string,
  toleranceSec = 300,
  now: Date = new Date(),
): boolean {
  if (!header || timestamp === undefined) return false;
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds)) return false;
  if (Math.abs(now.getTime() / 1000 - seconds) > toleranceSec) return false;

  const expected = Buffer.from(digest(secret, seconds, body), 'hex');
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${VERSION}=`))
    .some((part) => {
      return safeEqual(Buffer.from(part.slice(VERSION.length + 1), 'hex'), expected);
    });
}

function digest(secret: string, timestamp: number | string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}
