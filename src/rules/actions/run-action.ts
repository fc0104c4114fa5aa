import type { Types } from 'mongoose';
import { isDuplicateKey } from '../../shared/mongo-errors';
import { actionLogModel, type ActionLogDoc, type ActionStatus } from '../action-log.model';
import type { PlannedAction } from '../evaluate-rules';
import type { ActionDeps, ActionResult, ActionRun, StoredResponse } from './action-context';
import { createTask } from './create-task';
import { notify } from './notify';
import { planMessage } from './send-message';
import { tagResponse } from './tag';
import type { ContactDoc } from '../../contacts';

/** Whose effect is keyed by the log itself (task origin key, job id, $addToSet): safe to redo. */
const IDEMPOTENT = new Set(['create_task', 'send_message', 'tag']);

export type RunOutcome = ActionResult | { status: 'already'; logStatus: string };

/**
 * Exactly once: the action log entry (unique on response, rule, action index) is written
 * before the effect. A duplicate job finds it and stops; a job retried after a failure takes
 * it over only when the effect is known not to have happened or is idempotent.
 */
export async function runAction(
  deps: ActionDeps,
  workspaceId: Types.ObjectId,
  response: StoredResponse,
  contact: ContactDoc | null,
  planned: PlannedAction,
): Promise<RunOutcome> {
  const Logs = actionLogModel(deps.conn);
  const keyFields = {
    responseId: response._id,
    ruleId: planned.ruleId,
    actionIndex: planned.index,
  };
  const log = await claim(deps, workspaceId, response, planned);
  if (!log) {
    const existing = await Logs.findOne({ ...keyFields, workspaceId }).lean<ActionLogDoc>();
    return { status: 'already', logStatus: existing?.status ?? 'unknown' };
  }
  const run: ActionRun = {
    workspaceId,
    response,
    contact,
    ruleId: planned.ruleId,
    ruleName: planned.ruleName,
    index: planned.index,
    key: `${String(response._id)}:${planned.ruleId}:${planned.index}`,
    logId: log._id,
  };
  try {
    const outcome = await effect(deps, run, planned);
    const settled = await Logs.updateOne(
      { _id: log._id, workspaceId, status: 'running' },
      {
        $set:
          outcome.status === 'skipped'
            ? { status: 'skipped', error: outcome.reason }
            : { status: outcome.status, result: outcome.result ?? null },
      },
    );
    // "queued" is settled by the messages or webhooks worker, which counts it then.
    if (settled.modifiedCount === 1 && outcome.status !== 'queued')
      deps.counters.ruleAction(planned.action.type, outcome.status);
    return outcome;
  } catch (err) {
    const settled = await Logs.updateOne(
      { _id: log._id, workspaceId, status: 'running' },
      { $set: { status: 'failed', error: err instanceof Error ? err.message : String(err) } },
    );
    if (settled.modifiedCount === 1) deps.counters.ruleAction(planned.action.type, 'failed');
    throw err;
  }
}

async function claim(
  deps: ActionDeps,
  workspaceId: Types.ObjectId,
  response: StoredResponse,
  planned: PlannedAction,
): Promise<ActionLogDoc | null> {
  const Logs = actionLogModel(deps.conn);
  const keyFields = {
    responseId: response._id,
    ruleId: planned.ruleId,
    actionIndex: planned.index,
  };
  try {
    const doc = await Logs.create({
      workspaceId,
      ...keyFields,
      type: planned.action.type,
      status: 'running',
      responseVersion: response.version,
    });
    return doc.toObject() as ActionLogDoc;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const retakable: ActionStatus[] = IDEMPOTENT.has(planned.action.type)
    ? ['running', 'failed']
    : ['failed'];
  return Logs.findOneAndUpdate(
    { ...keyFields, workspaceId, status: { $in: retakable } },
    { $set: { status: 'running' }, $inc: { attempts: 1 } },
    { returnDocument: 'after' },
  ).lean<ActionLogDoc>();
}

function effect(deps: ActionDeps, run: ActionRun, planned: PlannedAction): Promise<ActionResult> {
  const action = planned.action;
  switch (action.type) {
    case 'create_task':
      return createTask(deps, run, action);
    case 'send_message':
      return planMessage(deps, run, action);
    case 'notify':
      return notify(deps, run, action);
    case 'tag':
      return tagResponse(deps, run, action);
  }
}
