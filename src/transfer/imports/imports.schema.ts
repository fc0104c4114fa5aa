import { z } from 'zod';
import { IMPORT_FORMATS } from './response-import.service';

export const importParams = z.object({ format: z.enum(IMPORT_FORMATS) });

export const importQuery = z
  .object({
    type: z.enum(['nps', 'csat', 'ces']).default('nps'),
    scoreColumn: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .optional()
      .meta({ description: 'Formbricks: the question column holding the score' }),
    commentColumn: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .optional()
      .meta({ description: 'Formbricks: the question column holding the comment' }),
  })
  .strict();
