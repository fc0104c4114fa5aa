import type { TagAction } from '../rules.schema';
import type { ActionDeps, ActionResult, ActionRun } from './action-context';

/** $addToSet is idempotent. Tags live beside the response's schema fields (raw collection). */
export async function tagResponse(
  deps: ActionDeps,
  run: ActionRun,
  action: TagAction,
): Promise<ActionResult> {
  await deps.conn
    .collection('responses')
    .updateOne(
      { _id: run.response._id, workspaceId: run.workspaceId },
      { $addToSet: { tags: { $each: action.tags } } },
    );
  return { status: 'done', result: { tags: action.tags } };
}
