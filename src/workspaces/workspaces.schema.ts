import { z } from 'zod';
import { RETENTION_LIMITS } from '../shared/retention/retention-policy';
import { localeTagField } from '../shared/locale-field';
import { timeZoneField } from '../shared/time-zone';
import { API_KEY_SCOPES } from './api-key';
import { parseSenderAddress } from './sender-number';

const timezone = timeZoneField;

export const workspaceInput = z.object({
  name: z.string().trim().min(1).max(120),
  timezone: timezone.default('Europe/Paris'),
  defaultLocale: localeTagField.default('en'),
});
export type WorkspaceInput = z.input<typeof workspaceInput>;

/** Stored normalised (`+33 6 12…` becomes `+33612…`), so equal numbers compare equal. */
const senderAddress = z
  .string()
  .max(40)
  .transform((raw, ctx) => {
    const parsed = parseSenderAddress(raw);
    if (parsed) return parsed.address;
    ctx.addIssue({ code: 'custom', message: 'must be an E.164 number, e.g. +33612345678' });
    return z.NEVER;
  });

const days = (key: keyof typeof RETENTION_LIMITS) =>
  z
    .number()
    .int()
    .min(RETENTION_LIMITS[key].min)
    .max(RETENTION_LIMITS[key].max)
    .nullable()
    .meta({ description: 'Days kept; null keeps this data' });

/** Only the fields given change; null turns that retention off. */
export const retentionInput = z
  .object({
    contactsInactiveDays: days('contactsInactiveDays'),
    commentsDays: days('commentsDays'),
    interactionsDays: days('interactionsDays'),
    deliveryLogsDays: days('deliveryLogsDays'),
    auditDays: days('auditDays'),
  })
  .partial()
  .strict();
const sid = (prefix: string) =>
  z
    .string()
    .trim()
    .regex(
      new RegExp(`^${prefix}[0-9a-fA-F]{32}$`),
      `must be a Twilio ${prefix}… sid (34 characters)`,
    );
const twilioSecret = z.string().trim().min(16).max(200);

/**
 * A workspace's own Twilio account. `authToken` authenticates REST calls unless an API key
 * (sid + secret) is given, and is what Twilio signs this workspace's webhooks with.
 */
export const twilioSettingsInput = z
  .strictObject({
    accountSid: sid('AC'),
    authToken: twilioSecret.optional(),
    apiKeySid: sid('SK').optional(),
    apiKeySecret: twilioSecret.optional(),
    messagingServiceSid: sid('MG').optional(),
    smsFrom: senderAddress.optional(),
    whatsappFrom: senderAddress.optional(),
  })
  .refine((t) => !t.apiKeySecret || t.apiKeySid, {
    path: ['apiKeySid'],
    message: 'is required with apiKeySecret',
  })
  .refine((t) => t.messagingServiceSid || t.smsFrom || t.whatsappFrom, {
    path: ['messagingServiceSid'],
    message: 'name a Messaging Service or at least one sender (smsFrom, whatsappFrom)',
  })
  .meta({ id: 'TwilioSettingsInput' });
export type TwilioSettingsInput = z.infer<typeof twilioSettingsInput>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 21:00');

export const workspaceSettingsInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    timezone,
    defaultLocale: localeTagField,
    fatigueWindowDays: z.number().int().min(0).max(365),
    quietHours: z.object({ start: clock, end: clock }).nullable(),
    workingHours: z
      .object({
        days: z
          .array(z.number().int().min(1).max(7))
          .min(1)
          .max(7)
          .refine((d) => new Set(d).size === d.length, 'must not repeat a day')
          .transform((d) => [...d].sort((a, b) => a - b)),
        start: clock,
        end: clock,
      })
      .strict()
      .refine((h) => h.start < h.end, { path: ['end'], message: 'must be after start' }),
    senderNumbers: z
      .array(senderAddress)
      .max(50)
      .transform((list) => [...new Set(list)]),
    chatWebhookUrl: z.url({ protocol: /^https?$/ }).nullable(),
    chatWebhookSecret: z.string().min(16).max(200).nullable(),
    retention: retentionInput,
    /** null returns the workspace to the installation's TWILIO_* account. */
    twilio: twilioSettingsInput.nullable(),
  })
  .partial()
  .strict();
export type WorkspaceSettingsInput = z.input<typeof workspaceSettingsInput>;

export const apiKeyInput = z.object({
  name: z.string().trim().min(1).max(120),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .min(1)
    .default([...API_KEY_SCOPES]),
});
export type ApiKeyInput = z.input<typeof apiKeyInput>;

export const objectIdParam = z.object({
  id: z.string().regex(/^[0-9a-fA-F]{24}$/, 'must be an id'),
});
