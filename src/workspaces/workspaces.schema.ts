import { z } from 'zod';
import { API_KEY_SCOPES } from './api-key';

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Paris');

export const workspaceInput = z.object({
  name: z.string().trim().min(1).max(120),
  timezone: timezone.default('Europe/Paris'),
  defaultLocale: z.enum(['fr', 'en']).default('en'),
});
export type WorkspaceInput = z.input<typeof workspaceInput>;

export const apiKeyInput = z.object({
  name: z.string().trim().min(1).max(120),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .min(1)
    .default([...API_KEY_SCOPES]),
});
export type ApiKeyInput = z.input<typeof apiKeyInput>;

export const objectIdParam = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/i, 'must be an id') });
