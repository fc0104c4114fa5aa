import { Types, type Connection } from 'mongoose';
import { z } from 'zod';
import { interactionModel, type InteractionDoc } from '../../interactions/interaction.model';
import { responseModel, type ResponseDoc } from '../../responses/response.model';
import type { OutboxQueue } from '../../shared/job-outbox';
import type { Logger } from '../../shared/logger';
import { isDuplicateKey } from '../../shared/mongo-errors';
import type { OutboundClient } from '../../shared/outbound';
import { taskModel, type TaskDoc } from '../../tasks/task.model';
import type { ConnectorsService } from '../connectors.service';
import { CONNECTOR_BACKOFF } from '../enrichment/backoff';
import { providerApi } from '../enrichment/provider-api';
import { EnrichmentRetryError } from '../enrichment/retry-error';
import { writeBackFor } from './registry';
import { composeWriteBack, type WriteBackContent } from './note';
import {
  WRITEBACK_LEASE_MS,
  WRITEBACK_STATES,
  writeBackModel,
  type WriteBackDoc,
  type WriteBackOutcome,
  type WriteBackState,
} from './writeback.model';

export const WRITEBACK_JOB_NAME = 'write-back';
const objectIdText = z.string().regex(/^[0-9a-f]{24}$/);
export const writeBackJob = z.object({
  workspaceId: objectIdText,
  responseId: objectIdText,
  state: z.enum(WRITEBACK_STATES),
  /** answered: the response version the note tells. */
  version: z.number().int().positive().optional(),
  /** task_created, task_resolved: the task. */
  taskId: objectIdText.optional(),
});
export type WriteBackJob = z.infer<typeof writeBackJob>;

const keyOf = (job: WriteBackJob) =>
  job.state === 'answered' ? `answered:v${job.version ?? 1}` : `${job.state}:${job.taskId}`;

/**
 * The event hook responses and tasks call: enqueues a write-back job when the interaction came
 * from a connector. It never fails the caller's request (the answer or the task is already
 * stored); a failure is logged. With Redis down the job is parked in MongoDB.
 */
export function createWriteBackTrigger(deps: {
  conn: Connection;
  queue: OutboxQueue;
  logger?: Logger;
}) {
  const Interactions = interactionModel(deps.conn);
  const fromConnector = async (workspaceId: Types.ObjectId, interactionId: unknown) =>
    interactionId != null &&
    (await Interactions.exists({ _id: interactionId, workspaceId, connectorId: { $ne: null } })) !==
      null;
  const enqueue = async (
    workspaceId: Types.ObjectId,
    interactionId: unknown,
    job: WriteBackJob,
    /** The interaction when the caller already read it: no second read to know its origin. */
    known?: { connectorId?: unknown } | null,
  ): Promise<void> => {
    try {
      const connected =
        known !== undefined && known !== null
          ? known.connectorId != null
          : await fromConnector(workspaceId, interactionId);
      if (!connected) return;
      await deps.queue.add(WRITEBACK_JOB_NAME, job, {
        // One job per (response, state); BullMQ ignores the same id added again.
        jobId: `wb-${job.responseId}-${keyOf(job).replace(':', '-')}`,
        attempts: 6,
        backoff: { type: CONNECTOR_BACKOFF, delay: 2000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      });
    } catch (err) {
      deps.logger?.warn({ err, job }, 'connector write-back not queued');
    }
  };
  return {
    answered(
      r: {
        _id: Types.ObjectId;
        workspaceId: Types.ObjectId;
        interactionId: Types.ObjectId;
        version: number;
        score?: number | null;
      },
      interaction?: { connectorId?: unknown } | null,
    ): Promise<void> {
      // A comment-only note (an SMS reply with no score) tells the ticket nothing new.
      if (r.score === null || r.score === undefined) return Promise.resolve();
      return enqueue(
        r.workspaceId,
        r.interactionId,
        {
          workspaceId: String(r.workspaceId),
          responseId: String(r._id),
          state: 'answered',
          version: r.version,
        },
        interaction,
      );
    },
    task(
      state: 'task_created' | 'task_resolved',
      t: {
        _id: Types.ObjectId;
        workspaceId: Types.ObjectId;
        responseId: Types.ObjectId;
        interactionId?: Types.ObjectId | null;
      },
    ): Promise<void> {
      return enqueue(t.workspaceId, t.interactionId, {
        workspaceId: String(t.workspaceId),
        responseId: String(t.responseId),
        state,
        taskId: String(t._id),
      });
    },
  };
}
export type WriteBackTrigger = ReturnType<typeof createWriteBackTrigger>;

export type WriteBackResult = 'written' | 'refused' | 'failed' | 'already' | 'off' | 'skipped';

export interface WriteBackDeps {
  conn: Connection;
  connectors: ConnectorsService;
  outbound: OutboundClient;
  publicUrl: string;
  clock?: () => Date;
}

export function createWriteBackService(deps: WriteBackDeps) {
  const WriteBacks = writeBackModel(deps.conn);
  const Responses = responseModel(deps.conn);
  const Interactions = interactionModel(deps.conn);
  const Tasks = taskModel(deps.conn);
  const now = deps.clock ?? (() => new Date());

  const contentOf = (
    job: WriteBackJob,
    response: ResponseDoc,
    task: TaskDoc | null,
  ): WriteBackContent | null => {
    // The note of version n tells that version's answer, even once the response moved on.
    const told =
      job.state === 'answered' ? (response.history[(job.version ?? 1) - 1] ?? response) : response;
    if (told.score === null || told.score === undefined) return null;
    return {
      state: job.state,
      surveyType: response.surveyType,
      score: told.score,
      scale: { min: response.scale.min ?? 0, max: response.scale.max ?? 10 },
      category: told.category ?? null,
      comment: told.comment ?? null,
      task: task
        ? {
            title: task.title,
            link: `${deps.publicUrl}/app/tasks/${String(task._id)}`,
            assigneeName: task.assigneeName ?? null,
            outcome: task.outcome
              ? {
                  reachedCustomer: Boolean(task.outcome.reachedCustomer),
                  problemFixed: String(task.outcome.problemFixed),
                  sentiment: String(task.outcome.sentiment),
                  comment: task.outcome.comment ?? null,
                }
              : null,
          }
        : null,
    };
  };

  /** Appends the attempt and moves the row on (back to pending for a retry: the claim is released). */
  const finish = (
    row: WriteBackDoc,
    attempt: { outcome: WriteBackOutcome; status: number | null; detail: string | null },
    status: 'pending' | 'written' | 'refused' | 'failed',
  ) =>
    WriteBacks.updateOne(
      { _id: row._id, workspaceId: row.workspaceId },
      {
        $set: { status, claimedUntil: null },
        $push: { attempts: { ...attempt, at: now() } },
      },
    );

  return {
    async process(job: WriteBackJob, isLastAttempt: boolean): Promise<WriteBackResult> {
      const workspaceId = new Types.ObjectId(job.workspaceId);
      const response = await Responses.findOne({
        _id: job.responseId,
        workspaceId,
      }).lean<ResponseDoc>();
      if (!response) return 'skipped';
      const interaction = await Interactions.findOne(
        { _id: response.interactionId, workspaceId },
        { externalId: 1, connectorId: 1 },
      ).lean<InteractionDoc>();
      if (!interaction?.connectorId) return 'skipped';
      const connector = await deps.connectors.openIn(workspaceId, interaction.connectorId);
      const provider = connector && writeBackFor(connector.provider);
      if (!connector || !provider) return 'skipped';
      const wants = {
        note: connector.writeBack?.note ?? false,
        tags: connector.writeBack?.tags ?? false,
      };
      if (!wants.note && !wants.tags) return 'off';
      const task =
        job.state === 'answered'
          ? null
          : await Tasks.findOne({ _id: job.taskId, workspaceId }).lean<TaskDoc>();
      if (job.state !== 'answered' && !task) return 'skipped';
      const content = contentOf(job, response, task);
      if (!content) return 'skipped';

      const ids = { connectorId: connector.id, responseId: response._id, key: keyOf(job) };
      try {
        await WriteBacks.updateOne(
          ids,
          {
            $setOnInsert: {
              ...ids,
              workspaceId,
              interactionId: String(interaction._id),
              state: job.state,
              version: job.state === 'answered' ? (job.version ?? 1) : null,
              taskId: job.taskId ?? null,
              status: 'pending',
            },
          },
          { upsert: true },
        );
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      // The claim: only one job at a time calls the provider, and never after it was written.
      const at = now();
      const row = await WriteBacks.findOneAndUpdate(
        {
          ...ids,
          workspaceId,
          $or: [{ status: 'pending' }, { status: 'claimed', claimedUntil: { $lt: at } }],
        },
        { $set: { status: 'claimed', claimedUntil: new Date(at.getTime() + WRITEBACK_LEASE_MS) } },
        { returnDocument: 'after' },
      ).lean<WriteBackDoc>();
      if (!row) return 'already';

      const api = connector.api;
      const baseUrl = (api?.baseUrl || provider.defaultBaseUrl)?.replace(/\/+$/, '');
      const text = composeWriteBack(content);
      const steps =
        api && baseUrl
          ? provider.steps(
              {
                target: interaction.externalId.slice(interaction.externalId.indexOf(':') + 1),
                note: wants.note ? text.note : null,
                tags: wants.tags ? text.tags : null,
              },
              { ...api, baseUrl },
            )
          : {
              cannot: api
                ? `${connector.provider} needs api.baseUrl`
                : 'the connector has no api credentials',
            };
      if (!Array.isArray(steps)) {
        await finish(row, { outcome: 'refused', status: null, detail: steps.cannot }, 'refused');
        return 'refused';
      }
      const http = providerApi(deps.outbound, connector.provider);
      let status: number | null = null;
      for (const step of steps) {
        if (row.done.includes(step.name)) continue;
        let answer;
        try {
          answer = await step.run(http);
        } catch (err) {
          const detail = `${step.name}: ${err instanceof Error ? err.message : String(err)}`;
          const retryStatus = err instanceof EnrichmentRetryError ? (err.status ?? null) : null;
          if (isLastAttempt) {
            await finish(row, { outcome: 'failed', status: retryStatus, detail }, 'failed');
            return 'failed';
          }
          await finish(row, { outcome: 'retrying', status: retryStatus, detail }, 'pending');
          throw err;
        }
        if (!answer.ok) {
          const detail = `${step.name}: ${answer.reason}${answer.detail ? ` ${answer.detail}` : ''}`;
          await finish(
            row,
            { outcome: 'refused', status: answer.status ?? null, detail },
            'refused',
          );
          return 'refused';
        }
        status = answer.status ?? status;
        await WriteBacks.updateOne(
          { _id: row._id, workspaceId },
          { $addToSet: { done: step.name } },
        );
      }
      await finish(
        row,
        { outcome: 'written', status, detail: steps.map((s) => s.name).join(', ') },
        'written',
      );
      return 'written';
    },
  };
}
export type WriteBackService = ReturnType<typeof createWriteBackService>;

/** The delivery log's `writeBack` entries: every attempt of every write-back, oldest first. */
export interface WriteBackEntry {
  state: WriteBackState;
  version?: number;
  taskId?: string;
  at: string;
  outcome: WriteBackOutcome;
  status: number | null;
  detail: string | null;
}

export async function writeBackEntries(
  conn: Connection,
  workspaceId: Types.ObjectId,
  connectorId: Types.ObjectId,
  interactionIds: string[],
): Promise<Map<string, WriteBackEntry[]>> {
  const byInteraction = new Map<string, WriteBackEntry[]>();
  if (interactionIds.length === 0) return byInteraction;
  const rows = await writeBackModel(conn)
    .find({ workspaceId, connectorId, interactionId: { $in: interactionIds } })
    .lean<WriteBackDoc[]>();
  for (const row of rows) {
    const list = byInteraction.get(row.interactionId) ?? [];
    for (const a of row.attempts) {
      list.push({
        state: row.state as WriteBackState,
        ...(row.version ? { version: row.version } : {}),
        ...(row.taskId ? { taskId: row.taskId } : {}),
        at: a.at.toISOString(),
        outcome: a.outcome as WriteBackOutcome,
        status: a.status ?? null,
        detail: a.detail ?? null,
      });
    }
    byInteraction.set(row.interactionId, list);
  }
  for (const list of byInteraction.values()) list.sort((a, b) => a.at.localeCompare(b.at));
  return byInteraction;
}
