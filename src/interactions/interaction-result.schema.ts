import { z } from 'zod';
import { CHANNELS } from '../channels/channel';
import { idString, isoDateTime, type Fits } from '../shared/view-schema';
import type { InteractionResult } from './interactions.service';

export const invitationSummary = z.strictObject({
  id: idString,
  survey: z.string().meta({ example: 'support-nps' }),
  type: z.string().meta({ example: 'nps' }),
  channel: z.enum(CHANNELS).nullable(),
  status: z.enum(['scheduled', 'suppressed']),
  reason: z.string().optional().meta({ description: 'Why it was suppressed', example: 'fatigue' }),
  scheduledFor: isoDateTime.nullable(),
  url: z.string().nullable().meta({ description: 'The survey link, for link and chat channels' }),
});

export const interactionResult = z
  .strictObject({
    interaction: z.strictObject({ id: idString, externalId: z.string() }),
    invitations: z.array(invitationSummary),
  })
  .meta({ id: 'InteractionResult' });

export const interactionResultFits: Fits<InteractionResult, typeof interactionResult> = true;
