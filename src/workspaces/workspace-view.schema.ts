import { z } from 'zod';
import { idString, isoDateTime } from '../shared/view-schema';
import { API_KEY_SCOPES } from './api-key';

export const twilioSettingsView = z
  .strictObject({
    accountSid: z.string().meta({ example: 'AC0123456789abcdef0123456789abcdef' }),
    authTokenLast4: z.string().nullable().meta({ example: '9f3a' }),
    apiKeySid: z.string().nullable(),
    apiKeySecretLast4: z.string().nullable(),
    messagingServiceSid: z.string().nullable(),
    smsFrom: z.string().nullable(),
    whatsappFrom: z.string().nullable(),
  })
  .meta({
    id: 'TwilioSettings',
    description: "The workspace's own Twilio account; secrets never leave, only their last 4",
  });

export const twilioCheckView = z
  .strictObject({
    ok: z.boolean(),
    accountSid: z.string(),
    friendlyName: z.string().nullable(),
    status: z.string().nullable().meta({ example: 'active' }),
    problems: z.array(
      z.strictObject({
        field: z.string().meta({ example: 'smsFrom' }),
        message: z.string().meta({
          example:
            '+33700000000 belongs to the account but has no SMS capability: it cannot send SMS.',
        }),
      }),
    ),
  })
  .meta({ id: 'TwilioCheck' });

/** Dates leave as ISO strings (JSON), so these views are checked by the response test only. */
export const workspaceView = z
  .strictObject({
    id: idString,
    name: z.string(),
    slug: z.string().meta({ example: 'acme-support' }),
    timezone: z.string().meta({ example: 'Europe/Paris' }),
    defaultLocale: z.string().meta({ description: 'BCP-47 language tag', example: 'fr' }),
    fatigueWindowDays: z.number().int(),
    quietHours: z.strictObject({ start: z.string(), end: z.string() }).nullable(),
    workingHours: z.strictObject({
      days: z.array(z.number().int().min(1).max(7)),
      start: z.string().meta({ example: '09:00' }),
      end: z.string().meta({ example: '18:00' }),
    }),
    senderNumbers: z.array(z.string()),
    chatWebhookUrl: z.string().nullable(),
    twilio: twilioSettingsView.nullable(),
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
