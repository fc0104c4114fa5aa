import { isValidPhoneNumber } from 'libphonenumber-js';
import { z } from 'zod';
import { localeTagField } from '../shared/locale-field';
import { CHANNELS } from '../channels/channel';
import { freeFormRecord } from '../shared/free-form-keys';
import { timeZoneField } from '../shared/time-zone';
import { isoDuration } from '../shared/iso-duration';
import { SURVEY_TYPES } from '../surveys/survey-types';

const text = (max: number) => z.string().trim().min(1).max(max);

const phone = z
  .string()
  .trim()
  .refine(
    (p) => /^\+[1-9]\d{6,14}$/.test(p) && isValidPhoneNumber(p),
    'must be a valid phone number in E.164 format, e.g. +33612345678',
  )
  .meta({ description: 'E.164 phone number', example: '+33612345678' });

const locale = localeTagField;

const customer = z.object({
  id: text(200).optional(),
  name: text(200).optional(),
  phone: phone.optional(),
  email: z.email('must be an email address').max(254).optional(),
  locale: locale.optional(),
  timezone: timeZoneField.optional(),
});

const attributeValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

export const interactionInput = z
  .object({
    id: text(200),
    type: text(100),
    occurredAt: z.iso
      .datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' })
      .optional(),
    customer,
    agent: z
      .object({ id: text(200).optional(), name: text(200).optional(), email: z.email().optional() })
      .optional(),
    team: text(100).optional(),
    channel: text(100).optional(),
    attributes: freeFormRecord(attributeValue).optional(),
    survey: z
      .object({
        type: z.enum(SURVEY_TYPES),
        channels: z
          .array(z.enum(CHANNELS))
          .min(1)
          .refine((list) => new Set(list).size === list.length, 'must not repeat a channel')
          .optional(),
        delay: isoDuration.optional(),
      })
      .optional(),
  })
  .superRefine((input, ctx) => {
    const c = input.customer;
    const linkOnly = input.survey?.channels?.every((ch) => ch === 'link' || ch === 'chat') ?? false;
    if (!c.phone && !c.email && !linkOnly) {
      ctx.addIssue({
        code: 'custom',
        path: ['customer'],
        message: 'needs a phone or an email (or survey.channels limited to link and chat)',
      });
    } else if (!c.id && !c.phone && !c.email) {
      ctx.addIssue({
        code: 'custom',
        path: ['customer', 'id'],
        message: 'is required when there is no phone or email',
      });
    }
  })
  .meta({ id: 'InteractionInput' });
export type InteractionInput = z.output<typeof interactionInput>;
