import { z } from 'zod';
import { isoDuration } from '../shared/iso-duration';
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

const localized = (schema: z.ZodString | typeof template) =>
  z
    .object({ fr: schema.optional(), en: schema.optional() })
    .strict()
    .refine((t) => t.fr || t.en, 'needs a text in fr or en');

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
  reminderDelay: isoDuration,
  expiry: isoDuration,
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
