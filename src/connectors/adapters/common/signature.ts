import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { InboundDelivery, Verification } from '../../adapter';

/** The HMAC of the parts, concatenated, under the key (providers sign the raw bytes). */
export function hmac(
  algorithm: 'sha1' | 'sha256',
  key: string,
  ...parts: (string | Buffer)[]
): Buffer {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/**
 * Constant-time comparison of two digests. Only the lengths are compared in the open, and a
 * digest's length is public (it is fixed by the algorithm).
 */
export function sameDigest(expected: Buffer, received: Buffer): boolean {
  return expected.length === received.length && timingSafeEqual(expected, received);
}

/** Equality of two secrets without leaking their length or common prefix through timing. */
export function secretsEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Strict hex of exactly `bytes` bytes after `prefix` ("sha1=…"), or undefined: Buffer.from would
 * silently drop bad digits.
 */
export function decodeHex(value: string, bytes: number, prefix = ''): Buffer | undefined {
  if (!value.startsWith(prefix)) return undefined;
  const hex = value.slice(prefix.length);
  return new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(hex) ? Buffer.from(hex, 'hex') : undefined;
}

/**
 * Canonical padded base64 of exactly `bytes` bytes, or undefined. Buffer.from skips what is not
 * base64 and reads the URL-safe alphabet too, so only a value that encodes back to itself counts.
 */
export function decodeBase64(value: string, bytes: number): Buffer | undefined {
  const decoded = Buffer.from(value, 'base64');
  return decoded.length === bytes && decoded.toString('base64') === value ? decoded : undefined;
}

/** How a provider that signs the raw body alone (no timestamp) puts its HMAC in a header. */
export interface BodySignature {
  algorithm: 'sha1' | 'sha256';
  /** The header as the refusals name it; it is read lower-cased. */
  header: string;
  /** The digest in the header's (trimmed) value, or undefined if the value is not in the format. */
  read: (value: string) => Buffer | undefined;
  /** Refusals: without a secret, a header not in the format (default: `mismatch`), no match. */
  noSecret: string;
  malformed?: string;
  mismatch: string;
}

/** Checks an HMAC over the raw body in constant time. */
export function verifyBodySignature(
  delivery: InboundDelivery,
  secret: string,
  signature: BodySignature,
): Verification {
  if (!secret) return { ok: false, reason: signature.noSecret };
  const value = delivery.headers[signature.header.toLowerCase()];
  if (!value) return { ok: false, reason: `missing ${signature.header} header` };
  const received = signature.read(value.trim());
  if (!received) return { ok: false, reason: signature.malformed ?? signature.mismatch };
  return sameDigest(hmac(signature.algorithm, secret, delivery.rawBody), received)
    ? { ok: true }
    : { ok: false, reason: signature.mismatch };
}
