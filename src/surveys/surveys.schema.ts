import { z } from 'zod';
import { isoDuration } from '../shared/iso-duration';
import { localeKeyed } from '../shared/locale-field';
import { templateProblem } from '../shared/text-templates';
import { SURVEY_TYPES } from './survey-types';

/** A handlebars text, rendered against sample data on save so it cannot fail at send time. */
const template = z
  .string()
  .max(2000)
  .superRefine((text, ctx) => {
    const problem = templateProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: `is not a usable template: ${problem}` });
  });

/** One text per locale, at least one of them not blank; blank ones are dropped. */
const localized = (schema: z.ZodString | typeof template) =>
  localeKeyed(schema)
    .refine(
      (texts) => Object.values(texts).some((t) => t.trim() !== ''),
      'needs a text in at least one locale',
    )
    .transform((texts) =>
      Object.fromEntries(Object.entries(texts).filter(([, t]) => t.trim() !== '')),
    );

/**
 * An approved Twilio Content template per locale, for WhatsApp outside the 24-hour window:
 * its `HX…` sid and, per numbered placeholder, a handlebars text rendered like the others.
 */
export const whatsappContentInput = localeKeyed(
  z
    .object({
      contentSid: z
        .string()
        .regex(/^HX[0-9a-fA-F]{32}$/, 'must be a Twilio Content SID (HX + 32 hex digits)'),
      variables: z
        .record(z.string(), template)
        .superRefine((vars, ctx) => {
          for (const key of Object.keys(vars)) {
            if (!/^[1-9]\d{0,2}$/.test(key))
              ctx.addIssue({
                code: 'custom',
                path: [key],
                message: 'is not a placeholder number (1, 2, …)',
              });
          }
          if (Object.keys(vars).length > 100)
            ctx.addIssue({ code: 'custom', message: 'at most 100 variables' });
        })
        .default({}),
    })
    .strict(),
);
export type WhatsappContent = z.output<typeof whatsappContentInput>;

export const surveyTemplatesInput = z
  .object({
    sms: localized(template),
    whatsapp: localized(template),
    chat: localized(template),
    emailSubject: localized(template),
    emailText: localized(template),
    reminder: localized(template),
  })
  .partial()
  .strict();

const scale = z.object({ min: z.number().int(), max: z.number().int() }).strict();

const surveyFields = {
  key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'lower-case letters, digits, - and _'),
  type: z.enum(SURVEY_TYPES),
  name: z.string().trim().min(1).max(120),
  isDefault: z.boolean(),
  scale,
  question: localized(template),
  followUpQuestion: localized(template),
  thankYou: localized(template),
  templates: surveyTemplatesInput,
  whatsappContent: whatsappContentInput,
  reminderDelay: isoDuration,
  // A link open for less than an hour would close before most customers read the message.
  expiry: isoDuration.refine((ms) => ms >= 3_600_000, 'must be at least PT1H'),
  reviewUrl: z.url({ protocol: /^https?$/ }).nullable(),
  active: z.boolean(),
};

/** NPS is 0–10, CSAT 1–5, CES 1–5 (effort) or 1–7 (agreement). */
export function scaleProblem(
  type: string,
  s: { min: number; max: number } | undefined,
): string | null {
  if (!s) return null;
  const ok =
    (type === 'nps' && s.min === 0 && s.max === 10) ||
    (type === 'csat' && s.min === 1 && s.max === 5) ||
    (type === 'ces' && s.min === 1 && (s.max === 5 || s.max === 7));
  return ok ? null : `is not a ${type.toUpperCase()} scale (NPS 0–10, CSAT 1–5, CES 1–5 or 1–7)`;
}

export const surveyInput = z
  .object({
    ...surveyFields,
    isDefault: surveyFields.isDefault.optional(),
    scale: scale.optional(),
    templates: surveyTemplatesInput.optional(),
    whatsappContent: whatsappContentInput.optional(),
    reminderDelay: surveyFields.reminderDelay.optional(),
    expiry: surveyFields.expiry.optional(),
    reviewUrl: surveyFields.reviewUrl.optional(),
    active: surveyFields.active.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const problem = scaleProblem(s.type, s.scale);
    if (problem) ctx.addIssue({ code: 'custom', path: ['scale'], message: problem });
  });
export type SurveyInput = z.input<typeof surveyInput>;
export type SurveyData = z.output<typeof surveyInput>;

export const surveyPatch = z
  .object(surveyFields)
  .omit({ type: true, key: true })
  .partial()
  .strict();
export type SurveyPatchData = z.output<typeof surveyPatch>;
