import { createHmac, timingSafeEqual } from 'node:crypto';

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

/** Strict hex of exactly `bytes` bytes, or null (Buffer.from would silently drop bad digits). */
export function decodeHex(value: string, bytes: number): Buffer | null {
  return new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(value) ? Buffer.from(value, 'hex') : null;
}

/** Strict padded base64 of exactly `bytes` bytes, or null. */
export function decodeBase64(value: string, bytes: number): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return null;
  const decoded = Buffer.from(value, 'base64');
  return decoded.length === bytes ? decoded : null;
}
