import { z } from 'zod';

/** The JSON of every problem+json answer (src/shared/problem.ts), as the API documents it. */
export const fieldProblemSchema = z
  .strictObject({
    path: z.string().meta({ description: 'JSON path of the bad field', example: 'customer.phone' }),
    message: z.string().meta({ example: 'must be a valid phone number in E.164 format' }),
  })
  .meta({ id: 'FieldProblem' });

export const problemSchema = z
  .strictObject({
    type: z.string().meta({ example: 'about:blank' }),
    title: z.string().meta({ example: 'Bad Request' }),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(fieldProblemSchema).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Problem' });

/** A 400 always names the bad fields. */
export const validationProblemSchema = problemSchema.extend({
  status: z.literal(400),
  errors: z.array(fieldProblemSchema).optional(),
});
