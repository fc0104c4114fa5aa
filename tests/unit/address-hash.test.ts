import {
  createAddressHasher,
  isHashedAddress,
  normalizeAddress,
} from '../../src/contacts/address-hash';
import { parseSecretsKey, type SecretKeyring } from '../../src/shared/secrets';

const KEY_A = `a:${Buffer.alloc(32, 1).toString('base64')}`;
const KEY_B = `b:${Buffer.alloc(32, 2).toString('base64')}`;
const ring = (value: string) => parseSecretsKey(value) as SecretKeyring;

describe("erased contacts' address hashes", () => {
  it('when an address is hashed twice, then the same keyed form, which does not hold the address', () => {
    const hasher = createAddressHasher(ring(KEY_A));
    const stored = hasher.current('phone', '+33612345678');
    expect(stored).toBe(hasher.current('phone', '+33612345678'));
    expect(stored).toMatch(/^hmac:v1:a:[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('33612345678');
    expect(isHashedAddress(stored)).toBe(true);
    expect(isHashedAddress('+33612345678')).toBe(false);
  });

  it('when the kind, the address or the key differs, then the hash differs', () => {
    const a = createAddressHasher(ring(KEY_A));
    const b = createAddressHasher(ring(KEY_B));
    const phone = a.current('phone', '+33612345678');
    expect(a.current('phone', '+33612345679')).not.toBe(phone);
    expect(a.current('email', '+33612345678')).not.toBe(phone);
    expect(b.current('phone', '+33612345678').split(':')[3]).not.toBe(phone.split(':')[3]);
  });

  it('when an email differs only in case or spaces, or a phone carries whatsapp:, then it hashes alike', () => {
    const hasher = createAddressHasher(ring(KEY_A));
    expect(hasher.current('email', ' Zoe@Example.ORG ')).toBe(
      hasher.current('email', 'zoe@example.org'),
    );
    expect(hasher.current('phone', 'whatsapp:+33612345678')).toBe(
      hasher.current('phone', '+33612345678'),
    );
    expect(normalizeAddress('email', ' A@B.io')).toBe('a@b.io');
  });

  it('when SECRETS_KEY is rotated, then lookups still find hashes made under the old key', () => {
    const before = createAddressHasher(ring(KEY_A)).current('email', 'zoe@example.org');
    const after = createAddressHasher(ring(`${KEY_B},${KEY_A}`));
    expect(after.current('email', 'zoe@example.org')).not.toBe(before);
    expect(after.all('email', 'zoe@example.org')).toEqual([
      after.current('email', 'zoe@example.org'),
      before,
    ]);
  });
});
