import { z } from 'zod';

export const exportQuery = z
  .object({
    cursor: z.string().trim().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100_000).optional(),
  })
  .strict();
