import { z } from 'zod';
import { PROBLEM_FIXED, TASK_PRIORITIES, TASK_STATUSES } from './task.model';

const objectId = z.string().regex(/^[0-9a-fA-F]{24}$/, 'must be an id');

export { PROBLEM_FIXED, type ProblemFixed } from './task.model';

/** Also true / false (the boolean of earlier versions of the API) as "yes" / "no". */
const problemFixed = z.preprocess(
  (v) => (v === true ? 'yes' : v === false ? 'no' : v),
  z.enum(PROBLEM_FIXED),
);

export const taskOutcome = z
  .object({
    reachedCustomer: z.boolean(),
    problemFixed,
    sentiment: z.enum(['positive', 'neutral', 'negative']),
    comment: z.string().trim().max(2000).nullable().default(null),
  })
  .strict();
export type TaskOutcome = z.output<typeof taskOutcome>;

const booleanText = z.enum(['true', 'false']).transform((v) => v === 'true');

export const taskListQuery = z
  .object({
    status: z.enum(TASK_STATUSES).optional(),
    /** A user id, or "none" for the unassigned queue. */
    assignee: z.union([objectId, z.literal('none')]).optional(),
    team: z.string().trim().min(1).max(100).optional(),
    overdue: booleanText.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
export type TaskListQuery = z.output<typeof taskListQuery>;

/** PATCH /api/v1/tasks/:id: one or more changes, applied in a fixed order. */
export const taskPatch = z
  .object({
    status: z.enum(['in_progress', 'resolved']).optional(),
    assigneeId: objectId.nullable().optional(),
    team: z.string().trim().min(1).max(100).nullable().optional(),
    priority: z.enum(TASK_PRIORITIES).optional(),
    note: z.string().trim().min(1).max(5000).optional(),
    outcome: taskOutcome.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.status === 'resolved' && !p.outcome) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'is required to resolve' });
    }
    if (p.outcome && p.status !== 'resolved') {
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: 'must be "resolved" with an outcome',
      });
    }
    if (Object.keys(p).length === 0) ctx.addIssue({ code: 'custom', message: 'nothing to change' });
  });
export type TaskPatch = z.output<typeof taskPatch>;
