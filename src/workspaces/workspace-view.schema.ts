import { z } from 'zod';
import { idString, isoDateTime } from '../shared/view-schema';
import { API_KEY_SCOPES } from './api-key';

/** Dates leave as ISO strings (JSON), so these views are checked by the response test only. */
export const workspaceView = z
  .strictObject({
    id: idString,
    name: z.string(),
    slug: z.string().meta({ example: 'acme-support' }),
    timezone: z.string().meta({ example: 'Europe/Paris' }),
    defaultLocale: z.enum(['fr', 'en']),
    fatigueWindowDays: z.number().int(),
    quietHours: z.strictObject({ start: z.string(), end: z.string() }).nullable(),
    workingHours: z.strictObject({
      days: z.array(z.number().int().min(1).max(7)),
      start: z.string().meta({ example: '09:00' }),
      end: z.string().meta({ example: '18:00' }),
    }),
    senderNumbers: z.array(z.string()),
    chatWebhookUrl: z.string().nullable(),
    demoHistorySeededAt: isoDateTime.nullable(),
    retention: z.strictObject({
      contactsInactiveDays: z.number().int().nullable(),
      commentsDays: z.number().int().nullable(),
      interactionsDays: z.number().int().nullable(),
      deliveryLogsDays: z.number().int().nullable(),
      auditDays: z.number().int().nullable(),
    }),
  })
  .meta({ id: 'Workspace' });

export const apiKeyView = z
  .strictObject({
    id: idString,
    name: z.string(),
    prefix: z.string().meta({ example: 'rtr_Xk3mP9aQ' }),
    scopes: z.array(z.enum(API_KEY_SCOPES)),
    lastUsedAt: isoDateTime.nullable(),
    revokedAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'ApiKey' });
export const issuedApiKey = apiKeyView.extend({
  key: z.string().meta({ description: 'The secret, shown only in this answer' }),
});
export const apiKeyList = z.strictObject({ apiKeys: z.array(apiKeyView) });
