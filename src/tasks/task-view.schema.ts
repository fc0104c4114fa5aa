import { z } from 'zod';
import { type Fits, idString, isoDateTime } from '../shared/view-schema';
import { PROBLEM_FIXED, TASK_PRIORITIES, TASK_STATUSES } from './task.model';
import type { TaskView } from './task-view';

export const taskView = z
  .strictObject({
    id: idString,
    responseId: idString,
    contactId: idString.nullable(),
    interactionId: idString.nullable(),
    ruleId: z.string().nullable(),
    title: z.string().meta({ example: 'Call back: NPS 3 from Ana' }),
    status: z.enum(TASK_STATUSES),
    priority: z.enum(TASK_PRIORITIES),
    assignee: z.strictObject({ id: idString, name: z.string().nullable() }).nullable(),
    team: z.string().nullable(),
    dueAt: isoDateTime,
    overdue: z.boolean(),
    escalatedAt: isoDateTime.nullable(),
    surveyType: z.string().nullable(),
    score: z.number().nullable(),
    category: z.string().nullable(),
    comment: z.string().nullable(),
    notes: z.array(
      z.strictObject({
        authorId: z.string().nullable(),
        authorName: z.string().nullable(),
        text: z.string(),
        at: isoDateTime,
      }),
    ),
    outcome: z
      .strictObject({
        reachedCustomer: z.boolean(),
        problemFixed: z.enum(PROBLEM_FIXED),
        sentiment: z.enum(['positive', 'neutral', 'negative']),
        comment: z.string().nullable(),
      })
      .nullable(),
    createdAt: isoDateTime,
    firstActionAt: isoDateTime.nullable(),
    resolvedAt: isoDateTime.nullable(),
    history: z.array(
      z.strictObject({
        at: isoDateTime,
        by: z.string().nullable(),
        byName: z.string().nullable(),
        action: z.string().meta({ example: 'created' }),
        detail: z.unknown(),
      }),
    ),
  })
  .meta({ id: 'Task' });
export const taskPage = z.strictObject({
  items: z.array(taskView),
  nextCursor: z.string().nullable(),
});

/** The model stores the priority as text; only TASK_PRIORITIES are ever written. */
type StoredTask = Omit<TaskView, 'priority'> & { priority: (typeof TASK_PRIORITIES)[number] };
export const taskViewFits: Fits<StoredTask, typeof taskView> = true;
