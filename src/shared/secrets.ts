import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (connector signing secrets and API tokens, later per-workspace credentials):
 * AES-256-GCM, a fresh 12-byte IV per value, the key id stored with the ciphertext so keys can
 * be rotated.
 *
 * SECRETS_KEY is a comma list of `id:base64key` (each key 32 bytes once decoded, id made of
 * letters, digits, `-` and `_`, at most 32 long). The first key encrypts; every key listed
 * decrypts. To rotate: put a new key first, keep the old one after it until every value has
 * been re-encrypted (`npm run cli -- reencrypt-secrets`; a new kind of stored secret must join
 * that command), then drop it. Generate a key with `openssl rand -base64 32`.
 *
 * Stored form: `enc:v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts).
 */

export interface SecretKeyring {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** Used by `npm run dev` and the tests when SECRETS_KEY is unset; production refuses it. */
export const DEV_SECRETS_KEY_ID = 'dev';
export const DEV_SECRETS_KEY = `${DEV_SECRETS_KEY_ID}:ZGV2LW9ubHktc2VjcmV0cy1rZXktMzItYnl0ZXMhISE=`;

const DEV_KEY_BYTES = Buffer.from('dev-only-secrets-key-32-bytes!!!');

/** True when the development key is among the keys (production refuses it). */
export function holdsDevKey(ring: SecretKeyring): boolean {
  return [...ring.keys.values()].some((k) => k.equals(DEV_KEY_BYTES));
}

const PREFIX = 'enc:v1:';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export class SecretDecryptError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt a stored secret: ${reason}.`);
    this.name = 'SecretDecryptError';
  }
}

/** Parses SECRETS_KEY; a string result is what is wrong with it. */
export function parseSecretsKey(value: string): SecretKeyring | string {
  const keys = new Map<string, Buffer>();
  let currentId: string | undefined;
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    const colon = entry.indexOf(':');
    if (colon < 0) return 'must be a comma list of id:base64key';
    const id = entry.slice(0, colon);
    const b64 = entry.slice(colon + 1);
    if (!KEY_ID.test(id)) return `key id "${id}" must be 1-32 letters, digits, - or _`;
    if (keys.has(id)) return `key id "${id}" is listed twice`;
    const key = BASE64.test(b64) ? Buffer.from(b64, 'base64') : Buffer.alloc(0);
    if (key.length !== 32)
      return `key "${id}" must be 32 bytes in base64 (openssl rand -base64 32)`;
    keys.set(id, key);
    currentId ??= id;
  }
  if (!currentId) return 'must list at least one key';
  return { currentId, keys };
}

export interface SecretBox {
  /** The key id new values are encrypted with (the first of SECRETS_KEY). */
  currentKeyId: string;
  /** `context` (e.g. "connector:<id>:token") is authenticated: the value only opens there. */
  encrypt(plaintext: string, context?: string): string;
  decrypt(stored: string, context?: string): string;
  /** The key id a stored value was encrypted with (to find values to re-encrypt). */
  keyIdOf(stored: string): string | undefined;
}

export function createSecretBox(ring: SecretKeyring): SecretBox {
  const current = ring.keys.get(ring.currentId);
  if (!current) throw new Error('the current secrets key is missing from the keyring');
  return {
    currentKeyId: ring.currentId,
    encrypt(plaintext, context = '') {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return `${PREFIX}${ring.currentId}:${[iv, tag, ct].map((b) => b.toString('base64url')).join(':')}`;
    },
    decrypt(stored, context = '') {
      if (!stored.startsWith(PREFIX)) throw new SecretDecryptError('not an encrypted value');
      const parts = stored.slice(PREFIX.length).split(':');
      if (parts.length !== 4) throw new SecretDecryptError('malformed value');
      const [id = '', ivText = '', tagText = '', ctText = ''] = parts;
      const key = ring.keys.get(id);
      if (!key) throw new SecretDecryptError(`key id "${id}" is not in SECRETS_KEY`);
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== 12 || tag.length !== 16) throw new SecretDecryptError('malformed value');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        const pt = Buffer.concat([
          decipher.update(Buffer.from(ctText, 'base64url')),
          decipher.final(),
        ]);
        return pt.toString('utf8');
      } catch {
        throw new SecretDecryptError('it was altered or belongs elsewhere');
      }
    },
    keyIdOf(stored) {
      if (!stored.startsWith(PREFIX)) return undefined;
      return stored.slice(PREFIX.length).split(':', 1)[0];
    },
  };
}
