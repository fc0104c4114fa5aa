import { Types } from 'mongoose';
import { responseModel } from '../../src/responses/response.model';
import { taskModel } from '../../src/tasks/task.model';
import type { TestContext } from '../support/harness';
import { storedResponse } from './rules-helpers';

let seq = 0;

/** A detractor's answer and its follow-up task, made through the tasks service. */
export async function detractorTask(
  ctx: TestContext,
  workspaceId: Types.ObjectId,
  options: {
    userId?: string;
    team?: string;
    dueAt?: Date;
    comment?: string;
    score?: number;
    /** Marks the task overdue as the SLA job would (give a past dueAt too). */
    overdue?: boolean;
  } = {},
) {
  seq += 1;
  const score = options.score ?? 2;
  const comment = options.comment ?? 'The technician never came';
  const stored = await storedResponse(ctx, workspaceId, { score, team: options.team ?? 'billing' });
  await responseModel(ctx.container.mongo).updateOne(
    { _id: stored.responseId, workspaceId },
    {
      $set: {
        comment,
        'segment.product': 'Fibre',
        'segment.attributes': { product: 'Fibre', tier: 'gold' },
      },
    },
  );
  const task = await ctx.container.services.tasks.createTask(workspaceId, {
    originKey: `${stored.responseId}:inbox-test:${seq}`,
    responseId: new Types.ObjectId(stored.responseId),
    contactId: new Types.ObjectId(stored.contactId),
    title: 'Call the detractor back',
    priority: 'normal',
    dueAt: options.dueAt ?? new Date(Date.now() + 24 * 3600_000),
    assign: options.userId
      ? { strategy: 'user', user: options.userId, team: options.team ?? 'billing' }
      : { strategy: 'team_queue', team: options.team ?? 'billing' },
    response: { surveyType: 'nps', score, category: 'detractor', comment },
  });
  if (options.overdue) {
    await taskModel(ctx.container.mongo).updateOne(
      { _id: task.id, workspaceId },
      { $set: { overdue: true, escalatedAt: new Date() } },
    );
  }
  return { task, ...stored };
}
