import { z } from 'zod';
import { CHANNELS } from '../channels/channel';
import { type Fits, idString } from '../shared/view-schema';
import { triggerPatch } from './triggers.schema';
import type { TriggerView } from './triggers.service';

export const triggerView = z
  .strictObject({
    id: idString,
    name: z.string(),
    eventType: z.string().meta({ example: 'ticket_solved' }),
    conditions: triggerPatch.shape.conditions.unwrap(),
    surveyId: idString,
    channels: z.array(z.enum(CHANNELS)),
    delay: z.string().meta({ example: 'PT1H' }),
    delayMs: z.number().int(),
    samplingRate: z.number(),
    active: z.boolean(),
  })
  .meta({ id: 'Trigger' });
export const triggerList = z.strictObject({ triggers: z.array(triggerView) });

export const triggerViewFits: Fits<TriggerView, typeof triggerView> = true;
