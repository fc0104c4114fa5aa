import { randomBytes } from 'node:crypto';
import {
  createSecretBox,
  DEV_SECRETS_KEY,
  holdsDevKey,
  parseSecretsKey,
  SecretDecryptError,
  type SecretKeyring,
} from '../../src/shared/secrets';

const key = () => randomBytes(32).toString('base64');
function ring(value: string): SecretKeyring {
  const parsed = parseSecretsKey(value);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

describe('secrets at rest', () => {
  it('when a value is encrypted, then it decrypts to itself and its text does not show it', () => {
    const box = createSecretBox(ring(`k1:${key()}`));
    const stored = box.encrypt('zendesk-token-éà-123', 'connector:1:token');
    expect(stored).toMatch(/^enc:v1:k1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(stored).not.toContain('zendesk');
    expect(box.decrypt(stored, 'connector:1:token')).toBe('zendesk-token-éà-123');
    expect(box.keyIdOf(stored)).toBe('k1');
  });

  it('when the same value is encrypted twice, then the two ciphertexts differ (fresh IV)', () => {
    const box = createSecretBox(ring(`k1:${key()}`));
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('when a new key is put first, then old values still decrypt and new ones use the new key', () => {
    const oldKey = key();
    const before = createSecretBox(ring(`old:${oldKey}`));
    const stored = before.encrypt('secret');
    const after = createSecretBox(ring(`new:${key()}, old:${oldKey}`));
    expect(after.decrypt(stored)).toBe('secret');
    const fresh = after.encrypt('secret');
    expect(after.keyIdOf(fresh)).toBe('new');
    expect(() => before.decrypt(fresh)).toThrow(/key id "new" is not in SECRETS_KEY/);
  });

  it.each([
    ['the ciphertext', 5],
    ['the tag', 4],
    ['the IV', 3],
  ])('when %s is altered, then decryption fails', (_what, index) => {
    const box = createSecretBox(ring(`k1:${key()}`));
    const parts = box.encrypt('a secret value').split(':');
    const bytes = Buffer.from(parts[index]!, 'base64url');
    bytes[0] = bytes[0]! ^ 1;
    parts[index] = bytes.toString('base64url');
    expect(() => box.decrypt(parts.join(':'))).toThrow(SecretDecryptError);
  });

  it('when a value is opened under another context, then decryption fails', () => {
    const box = createSecretBox(ring(`k1:${key()}`));
    const stored = box.encrypt('token', 'connector:a:token');
    expect(() => box.decrypt(stored, 'connector:b:token')).toThrow(SecretDecryptError);
  });

  it('when the key id is unknown or the value is not encrypted, then decryption fails naming why', () => {
    const box = createSecretBox(ring(`k1:${key()}`));
    const stored = box.encrypt('x').replace('enc:v1:k1:', 'enc:v1:k9:');
    expect(() => box.decrypt(stored)).toThrow(/key id "k9" is not in SECRETS_KEY/);
    expect(() => box.decrypt('plain text')).toThrow(/not an encrypted value/);
  });

  it.each([
    ['', 'id:base64key'],
    ['nokey', 'id:base64key'],
    [`bad id:${randomBytes(32).toString('base64')}`, 'letters'],
    [`k1:${randomBytes(16).toString('base64')}`, '32 bytes'],
    ['k1:not*base64', '32 bytes'],
    [`k1:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`, 'twice'],
  ])('when SECRETS_KEY is %p, then parsing says what is wrong', (value, message) => {
    const parsed = parseSecretsKey(value);
    expect(typeof parsed).toBe('string');
    expect(parsed).toContain(message);
  });

  it('when the development key is parsed, then it is recognised as such', () => {
    expect(holdsDevKey(ring(DEV_SECRETS_KEY))).toBe(true);
    expect(holdsDevKey(ring(`k1:${key()}`))).toBe(false);
  });
});
