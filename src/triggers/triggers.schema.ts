import { z } from 'zod';
import { CHANNELS } from '../channels/channel';
import { conditionSchema } from '../conditions';
import { isoDuration } from '../shared/iso-duration';
import { isTriggerField } from './trigger-fields';

const fields = {
  name: z.string().trim().min(1).max(120),
  eventType: z.string().trim().min(1).max(100),
  conditions: conditionSchema(isTriggerField).nullable(),
  surveyId: z.string().regex(/^[0-9a-fA-F]{24}$/, 'must be a survey id'),
  channels: z
    .array(z.enum(CHANNELS))
    .min(1)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a channel'),
  delay: isoDuration,
  samplingRate: z.number().min(0).max(100),
  active: z.boolean(),
};

export const triggerInput = z
  .object({
    ...fields,
    conditions: fields.conditions.optional(),
    delay: fields.delay.optional(),
    samplingRate: fields.samplingRate.optional(),
    active: fields.active.optional(),
  })
  .strict();
export type TriggerData = z.output<typeof triggerInput>;

export const triggerPatch = z.object(fields).partial().strict();
export type TriggerPatchData = z.output<typeof triggerPatch>;
