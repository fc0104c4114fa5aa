import { createHmac } from 'node:crypto';
import type { SecretKeyring } from '../shared/secrets';

/**
 * Erased contacts' opt-outs are kept by a keyed hash of the address, never the address itself:
 * HMAC-SHA256 under a key derived from each SECRETS_KEY key (so the encryption key is never used
 * as is). Without the key, a list of phone numbers cannot be hashed and compared against them.
 *
 * Stored form: `hmac:v1:<keyId>:<base64url>`. Lookups try every key of the ring, so a rotated
 * SECRETS_KEY still finds entries hashed under an older key while that key stays listed.
 */
export type AddressKind = 'phone' | 'email';

const PREFIX = 'hmac:v1:';

export interface AddressHasher {
  /** The form new entries are stored in (the current key). */
  current(kind: AddressKind, address: string): string;
  /** Every form the address may be stored in (one per key of the ring). */
  all(kind: AddressKind, address: string): string[];
}

export function normalizeAddress(kind: AddressKind, address: string): string {
  const trimmed = address.trim();
  return kind === 'email' ? trimmed.toLowerCase() : trimmed.replace(/^whatsapp:/, '');
}

export function isHashedAddress(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function createAddressHasher(ring: SecretKeyring): AddressHasher {
  const derived = new Map(
    [...ring.keys].map(([id, key]) => [
      id,
      createHmac('sha256', key).update('retour:address-suppression:v1').digest(),
    ]),
  );
  const hashWith = (id: string, kind: AddressKind, address: string) => {
    const mac = createHmac('sha256', derived.get(id)!)
      .update(`${kind}:${normalizeAddress(kind, address)}`, 'utf8')
      .digest('base64url');
    return `${PREFIX}${id}:${mac}`;
  };
  return {
    current: (kind, address) => hashWith(ring.currentId, kind, address),
    all: (kind, address) => [
      hashWith(ring.currentId, kind, address),
      ...[...derived.keys()]
        .filter((id) => id !== ring.currentId)
        .map((id) => hashWith(id, kind, address)),
    ],
  };
}
