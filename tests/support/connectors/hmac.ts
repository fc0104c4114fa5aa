import { createHmac } from 'node:crypto';

/**
 * The HMAC of a text body as the providers' docs describe their signatures (written from the
 * docs, not from the adapters' code), in the encoding their header carries.
 */
export function hmacOf(
  algorithm: 'sha1' | 'sha256',
  secret: string,
  message: string,
  encoding: 'hex' | 'base64',
): string {
  return createHmac(algorithm, secret).update(message, 'utf8').digest(encoding);
}
