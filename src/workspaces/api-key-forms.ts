import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { API_KEY_SCOPES, type ApiKeyScope } from './api-key';
import { apiKeyInput, type ApiKeyInput } from './workspaces.schema';

/**
 * The API keys page's create form → the API's apiKeyInput. The form carries a one-time request
 * key so that posting it twice issues one key (issueApiKeyOnce).
 */
export type ApiKeyFields = 'name' | 'scopes' | 'form';

export interface ApiKeyFormKept {
  name: string;
  scopes: string[];
  requestKey: string;
}

export type ApiKeyFormResult =
  | { ok: true; value: ApiKeyInput; requestKey: string; kept: ApiKeyFormKept }
  | { ok: false; errors: Partial<Record<ApiKeyFields, string>>; kept: ApiKeyFormKept };

export function newRequestKey(): string {
  return randomBytes(18).toString('base64url');
}

const REQUEST_KEY = /^[\w-]{24}$/;

const apiKeyForm = z.object({
  name: z.string().max(400).catch('').default(''),
  // One checked box posts a string, several an array, none nothing at all.
  scopes: z
    .union([z.string(), z.array(z.string())])
    .catch([])
    .default([])
    .transform((v) => (Array.isArray(v) ? v : [v]).slice(0, API_KEY_SCOPES.length * 2)),
  requestKey: z.string().max(100).catch('').default(''),
});

export function parseApiKeyForm(body: unknown): ApiKeyFormResult {
  const form = apiKeyForm.parse(body ?? {});
  const kept = { ...form, requestKey: REQUEST_KEY.test(form.requestKey) ? form.requestKey : '' };
  const errors: Partial<Record<ApiKeyFields, string>> = {};
  // The API's default (every scope) is for scripts; on the page each scope is a deliberate tick.
  const parsed = apiKeyInput.safeParse({ name: form.name, scopes: [...new Set(form.scopes)] });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'name' ? 'name' : 'scopes';
      errors[field] = `apiKeys.error.${field}`;
    }
  }
  if (!kept.requestKey) errors.form = 'apiKeys.error.form';
  if (!parsed.success || !kept.requestKey) return { ok: false, errors, kept };
  return { ok: true, value: parsed.data, requestKey: kept.requestKey, kept };
}

/** i18next reads ':' as a namespace separator: 'interactions:write' → 'interactions_write'. */
export function scopeKey(scope: ApiKeyScope): string {
  return `apiKeys.scope.${scope.replace(/:/g, '_')}`;
}
