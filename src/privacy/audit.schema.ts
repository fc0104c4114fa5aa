import { z } from 'zod';

/** `GET /audit` (and the console page): filters, then a page size and the cursor to go on from. */
export const auditQuery = z
  .object({
    actor: z.string().trim().min(1).max(320).optional(),
    action: z
      .string()
      .trim()
      .regex(/^[a-z-]+\.[a-z-]+$/, 'must be an action such as survey.updated')
      .optional(),
    targetType: z
      .string()
      .trim()
      .regex(/^[a-z-]+$/, 'must be a target type such as survey')
      .optional(),
    targetId: z.string().trim().min(1).max(200).optional(),
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    cursor: z.string().trim().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to), {
    path: ['to'],
    message: 'must not be before from',
  });
export type AuditQuery = z.output<typeof auditQuery>;
