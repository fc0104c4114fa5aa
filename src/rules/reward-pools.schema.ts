import { z } from 'zod';

export const poolParam = z.object({
  pool: z
    .string()
    .regex(/^[\w-]{1,64}$/, 'must be 1–64 letters, digits, "_" or "-"')
    .meta({ example: 'promoter-coupons' }),
});
export const codesInput = z
  .object({ codes: z.array(z.string().trim().min(1).max(100)).min(1).max(1000) })
  .strict();
