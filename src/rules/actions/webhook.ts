import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
} from '../../channels/webhook-signature';
import { responseModel } from '../../responses/response.model';
import { OutboundBlockedError } from '../../shared/outbound';
import { actionLogModel, webhookDeliveryModel, type ActionLogDoc } from '../action-log.model';
import { ruleModel, type RuleDoc } from '../rule.model';
import type { NotifyAction } from '../rules.schema';
import type { ActionDeps, ActionResult, ActionRun, StoredResponse } from './action-context';

const objectIdText = z.string().regex(/^[0-9a-f]{24}$/);
export const webhookJob = z.object({ workspaceId: objectIdText, logId: objectIdText });
export type WebhookJob = z.infer<typeof webhookJob>;

/** One job per action log entry (its id is the job id), so a second enqueue is a no-op. */
export async function enqueueWebhook(deps: ActionDeps, run: ActionRun): Promise<ActionResult> {
  const job: WebhookJob = { workspaceId: String(run.workspaceId), logId: String(run.logId) };
  await deps.queues.webhooks.add('webhook', job, {
    jobId: `wh-${job.logId}`,
    attempts: deps.options.webhookAttempts,
    backoff: { type: 'exponential', delay: deps.options.webhookRetryDelayMs },
    removeOnComplete: { age: 7 * 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  });
  return { status: 'queued' };
}

/**
 * One delivery attempt: POST the signed payload, record the attempt, and throw on a
 * retryable failure so BullMQ retries with backoff. The receiver dedupes on X-Retour-Delivery.
 */
export async function deliverWebhook(
  deps: ActionDeps,
  job: WebhookJob,
  attempt: number,
  isLastAttempt: boolean,
): Promise<string> {
  const Logs = actionLogModel(deps.conn);
  const log = await Logs.findOne({
    _id: job.logId,
    workspaceId: job.workspaceId,
  }).lean<ActionLogDoc>();
  if (!log || log.status === 'done' || log.status === 'failed') return 'already handled';
  const target = await targetOf(deps, log);
  if (!target) {
    await Logs.updateOne(
      { _id: log._id },
      { $set: { status: 'failed', error: 'the rule or action is gone' } },
    );
    deps.counters.ruleAction('notify', 'failed');
    return 'failed';
  }
  const body = JSON.stringify(target.payload);
  const timestamp = Math.floor(deps.clock().getTime() / 1000);
  const started = Date.now();
  let statusCode: number | null;
  let error: string | null = null;
  let blocked = false;
  try {
    const res = await deps.outbound.request({
      method: 'POST',
      url: target.url,
      body,
      timeoutMs: deps.options.webhookTimeoutMs,
      maxResponseBytes: 64 * 1024,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Retour-Webhook/1',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, body),
        [DELIVERY_HEADER]: String(log._id),
      },
    });
    statusCode = res.status;
  } catch (err) {
    // A URL that is or resolves to an internal address never becomes deliverable by retrying.
    blocked = err instanceof OutboundBlockedError;
    statusCode = (err as { status?: number }).status ?? null;
    error = err instanceof Error ? err.message : String(err);
  }
  const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
  await webhookDeliveryModel(deps.conn).create({
    workspaceId: log.workspaceId,
    actionLogId: log._id,
    url: target.url,
    attempt,
    statusCode,
    ok,
    error,
    durationMs: Date.now() - started,
    at: deps.clock(),
  });
  if (ok) {
    await Logs.updateOne(
      { _id: log._id },
      { $set: { status: 'done', result: { statusCode, attempts: attempt } } },
    );
    deps.counters.ruleAction('notify', 'done');
    return 'done';
  }
  const retryable =
    !blocked &&
    (statusCode === null || statusCode === 408 || statusCode === 429 || statusCode >= 500);
  const reason = error ?? `answered ${String(statusCode)}`;
  if (!retryable || isLastAttempt) {
    await Logs.updateOne({ _id: log._id }, { $set: { status: 'failed', error: reason } });
    deps.counters.ruleAction('notify', 'failed');
    throw new UnrecoverableError(`webhook failed: ${reason}`);
  }
  await Logs.updateOne({ _id: log._id }, { $set: { status: 'retry', error: reason } });
  deps.counters.ruleAction('notify', 'retry');
  throw new Error(`webhook failed, will retry: ${reason}`);
}

async function targetOf(deps: ActionDeps, log: ActionLogDoc) {
  const rule = await ruleModel(deps.conn)
    .findOne({ _id: log.ruleId, workspaceId: log.workspaceId })
    .lean<RuleDoc>();
  const action = rule?.actions[log.actionIndex] as NotifyAction | undefined;
  if (!rule || action?.type !== 'notify' || !action.webhook) return null;
  const response = await responseModel(deps.conn)
    .findOne({ _id: log.responseId, workspaceId: log.workspaceId })
    .lean<StoredResponse>();
  if (!response) return null;
  return {
    url: action.webhook.url,
    secret: action.webhook.secret,
    payload: {
      type: 'rule.matched',
      deliveryId: String(log._id),
      workspaceId: String(log.workspaceId),
      rule: { id: String(rule._id), name: rule.name },
      response: {
        id: String(response._id),
        type: response.surveyType,
        score: response.score,
        category: response.category,
        comment: response.comment,
        channel: response.channel,
        answeredAt: response.answeredAt,
        segment: response.segment,
        version: response.version,
      },
    },
  };
}
