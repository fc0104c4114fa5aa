import { isValidPhoneNumber } from 'libphonenumber-js';
import { z } from 'zod';
import { canonicalLocale } from '../shared/locales';

/** One test message of a survey to one address, rendered with sample data. */
export const testSendInput = z
  .strictObject({
    channel: z.enum(['sms', 'whatsapp', 'email']),
    to: z.string().trim().min(3).max(254).meta({ example: '+33612345678' }),
    locale: z
      .string()
      .trim()
      .max(35)
      .transform((l, ctx) => {
        const canonical = canonicalLocale(l);
        if (canonical) return canonical;
        ctx.addIssue({ code: 'custom', message: 'must be a language tag such as fr or pt-BR' });
        return z.NEVER;
      })
      .optional(),
  })
  .superRefine((v, ctx) => {
    const ok =
      v.channel === 'email'
        ? z.email().safeParse(v.to).success
        : /^\+[1-9]\d{6,14}$/.test(v.to) && isValidPhoneNumber(v.to);
    if (!ok)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message:
          v.channel === 'email'
            ? 'must be an email address'
            : 'must be a valid phone number in E.164 format, e.g. +33612345678',
      });
  })
  .meta({ id: 'TestSendInput' });
export type TestSendInput = z.input<typeof testSendInput>;

export const testSendView = z
  .strictObject({
    test: z.literal(true),
    channel: z.enum(['sms', 'whatsapp', 'email']),
    to: z.string(),
    locale: z.string(),
    providerId: z.string(),
    /** What went out: the text, or the WhatsApp template and its variables. */
    text: z.string().nullable(),
    contentSid: z.string().nullable(),
    contentVariables: z.record(z.string(), z.string()).nullable(),
  })
  .meta({ id: 'TestSend' });
