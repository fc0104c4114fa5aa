import { createHash, randomBytes } from 'node:crypto';

/** Pure helpers for API keys: the secret is shown once, only its SHA-256 is stored. */
export const API_KEY_SCOPES = [
  'interactions:write',
  'contacts:read',
  'reports:read',
  'admin',
  'tasks',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const PREFIX_LENGTH = 12;

export function generateApiKey(): string {
  return `rtr_${randomBytes(24).toString('base64url')}`;
}

/** API keys carry 192 bits of entropy, so a fast hash is enough (passwords get argon2id). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function visiblePrefix(key: string): string {
  return key.slice(0, PREFIX_LENGTH);
}

export function parseBearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export function hasScope(scopes: readonly string[], needed: ApiKeyScope): boolean {
  return scopes.includes(needed);
}
