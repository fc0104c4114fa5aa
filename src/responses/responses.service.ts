import { Types, type Connection } from 'mongoose';
import type { Counters } from '../metrics/counters';
import type { Logger } from '../shared/logger';
import { isDuplicateKey } from '../shared/mongo-errors';
import type { Queues } from '../shared/queues';
import type { InteractionDoc } from '../interactions/interaction.model';
import type { AnswerContext, AnswerContexts } from './answer-context';
import { responseModel, type ResponseDoc, type ResponseSource } from './response.model';
import {
  RESPONSE_JOB_NAME,
  RESPONSE_JOB_OPTIONS,
  responseJobId,
  type ResponseJob,
} from './response-job';
import { findResponses, type ResponseQuery } from './response-queries';
import { scoreCategory, type ScaleSpec, type ScoreCategory } from './score-category';
import { agentEmailToResolve } from '../shared/agent-identity';
import { userIdByEmail } from '../workspaces/users/user-by-email';
import { segmentOf } from './segment';
import { toResponseView, type ResponseView } from './response-view';

/** A first answer may be changed for this long; after that the page shows it read-only. */
export const EDIT_WINDOW_MS = 24 * 3600_000;

export interface AnswerInput {
  score: number;
  /** undefined keeps the recorded comment (a one-click email answer carries none). */
  comment?: string | null;
  source: ResponseSource;
}

export type RecordOutcome =
  | { outcome: 'created' | 'updated' | 'unchanged'; response: ResponseView }
  | { outcome: 'locked'; response: ResponseView };

export interface ResponsesDeps {
  conn: Connection;
  queues: Queues;
  contexts: AnswerContexts;
  logger?: Logger;
  /**
   * Whether a rule will create a follow-up for this response (the thank-you page then promises
   * one). The rules component plugs in here; until then nobody is promised a call back.
   */
  willFollowUp?: (response: ResponseView) => Promise<boolean>;
  counters: Counters;
  /** Each stored version (connector write-back enqueues its job here); must not throw. */
  onRecorded?: (doc: ResponseDoc, interaction?: InteractionDoc | null) => Promise<void>;
}

export function isEditable(answeredAt: Date | string | null | undefined, now: Date): boolean {
  return !answeredAt || now.getTime() - new Date(answeredAt).getTime() < EDIT_WINDOW_MS;
}

export function createResponsesService(deps: ResponsesDeps) {
  const Responses = responseModel(deps.conn);
  const MAX_RACES = 5;

  const enqueue = async (doc: Pick<ResponseDoc, '_id' | 'workspaceId' | 'version'>) => {
    const job: ResponseJob = {
      responseId: String(doc._id),
      workspaceId: String(doc.workspaceId),
      version: doc.version,
    };
    await deps.queues.responses.add(RESPONSE_JOB_NAME, job, {
      ...RESPONSE_JOB_OPTIONS,
      jobId: responseJobId(job),
    });
  };

  const specOf = (ctx: AnswerContext): ScaleSpec => ({
    type: ctx.survey.type,
    scale: ctx.survey.scale,
    direction: ctx.survey.direction,
  });

  const findFor = (ctx: AnswerContext) =>
    Responses.findOne({
      workspaceId: ctx.invitation.workspaceId,
      invitationId: ctx.invitation._id,
    }).lean<ResponseDoc>();

  /** Inserts the first version; null when another request inserted it first. */
  const insert = async (
    ctx: AnswerContext,
    fields: { score: number | null; category: ScoreCategory | null; comment: string | null },
    source: ResponseSource,
    now: Date,
  ): Promise<ResponseDoc | null> => {
    const { invitation, survey } = ctx;
    const interaction =
      ctx.interaction !== undefined
        ? ctx.interaction
        : await deps.contexts.interactionOf(invitation);
    // Interactions recorded before agents were resolved at intake may carry only an e-mail.
    const agentEmail = agentEmailToResolve(interaction?.agent);
    const agentUserId = agentEmail
      ? await userIdByEmail(deps.conn, invitation.workspaceId, agentEmail)
      : null;
    const answeredAt = fields.score === null ? null : now;
    try {
      // Every field is set here, as the schema's defaults would; no mongoose document needed.
      const doc: ResponseDoc = {
        _id: new Types.ObjectId(),
        workspaceId: invitation.workspaceId,
        invitationId: invitation._id,
        interactionId: invitation.interactionId,
        surveyId: invitation.surveyId,
        contactId: invitation.contactId,
        surveyType: survey.type,
        scale: survey.scale,
        direction: survey.direction,
        ...fields,
        locale: invitation.locale,
        channel: invitation.channel,
        source,
        answeredAt,
        timing: timingOf(invitation.sentAt, answeredAt),
        segment: segmentOf(interaction, agentUserId),
        version: 1,
        history: [{ ...fields, source, at: now }],
        createdAt: now,
        updatedAt: now,
      } as ResponseDoc;
      await Responses.collection.insertOne(doc);
      return doc;
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  };

  /** Applies a change unless someone else changed the response in between (then null). */
  const update = async (
    current: ResponseDoc,
    fields: { score: number | null; category: ScoreCategory | null; comment: string | null },
    source: ResponseSource,
    invitationSentAt: Date | null | undefined,
    now: Date,
  ): Promise<ResponseDoc | null> => {
    const answeredAt = current.answeredAt ?? (fields.score === null ? null : now);
    return Responses.findOneAndUpdate(
      { _id: current._id, workspaceId: current.workspaceId, version: current.version },
      {
        $set: { ...fields, source, answeredAt, timing: timingOf(invitationSentAt, answeredAt) },
        $inc: { version: 1 },
        $push: { history: { ...fields, source, at: now } },
      },
      { returnDocument: 'after' },
    ).lean<ResponseDoc>();
  };

  const save = async (
    ctx: AnswerContext,
    next: (current: ResponseDoc | null) => {
      score: number | null;
      category: ScoreCategory | null;
      comment: string | null;
    },
    source: ResponseSource,
    now: Date,
  ): Promise<RecordOutcome> => {
    for (let race = 0; race < MAX_RACES; race++) {
      // The page's read already holds the response; a race reads it again.
      const current = race === 0 && ctx.response !== undefined ? ctx.response : await findFor(ctx);
      if (current && !isEditable(current.answeredAt, now)) {
        return { outcome: 'locked', response: toResponseView(current) };
      }
      const fields = next(current);
      if (!current) {
        const created = await insert(ctx, fields, source, now);
        if (!created) continue;
        deps.counters.response(created.surveyType, source);
        await afterChange(ctx, created, now);
        return { outcome: 'created', response: toResponseView(created) };
      }
      if (fields.score === current.score && fields.comment === current.comment) {
        return { outcome: 'unchanged', response: toResponseView(current) };
      }
      const updated = await update(current, fields, source, ctx.invitation.sentAt, now);
      if (!updated) continue;
      await afterChange(ctx, updated, now);
      return { outcome: 'updated', response: toResponseView(updated) };
    }
    // Posts of one form keep overtaking each other (a double tap, many tabs): the answer stored
    // by one of them stands, and this customer sees it as already answered.
    const settled = await findFor(ctx);
    if (!settled) throw new Error('The response kept changing while it was being saved.');
    return { outcome: 'unchanged', response: toResponseView(settled) };
  };

  /** Every version goes to the rules: a rule may read the comment, not only the category. */
  const afterChange = async (ctx: AnswerContext, doc: ResponseDoc, now: Date) => {
    await deps.contexts.markResponded(ctx.invitation, now, doc.score !== null);
    await enqueue(doc);
    await deps.onRecorded?.(doc, ctx.interaction);
  };

  return {
    /** Records a score (creating or, within 24 h, updating the invitation's one response). */
    record(ctx: AnswerContext, input: AnswerInput, now = new Date()): Promise<RecordOutcome> {
      const category = scoreCategory(specOf(ctx), input.score);
      return save(
        ctx,
        (current) => ({
          score: input.score,
          category,
          comment: input.comment === undefined ? (current?.comment ?? null) : input.comment,
        }),
        input.source,
        now,
      );
    },

    /** Keeps a text that held no score: a comment-only note, or an addition to the comment. */
    addNote(ctx: AnswerContext, text: string, now = new Date()): Promise<RecordOutcome> {
      return save(
        ctx,
        (current) => ({
          score: current?.score ?? null,
          category: (current?.category as ScoreCategory | null) ?? null,
          comment: current?.comment ? `${current.comment}\n${text}` : text,
        }),
        'sms-reply',
        now,
      );
    },

    async forInvitation(ctx: AnswerContext): Promise<ResponseView | null> {
      const doc = ctx.response !== undefined ? ctx.response : await findFor(ctx);
      return doc ? toResponseView(doc) : null;
    },

    async get(workspaceId: Types.ObjectId, id: string): Promise<ResponseView | null> {
      if (!Types.ObjectId.isValid(id)) return null;
      const doc = await Responses.findOne({ _id: id, workspaceId }).lean<ResponseDoc>();
      return doc ? toResponseView(doc) : null;
    },

    list: (workspaceId: Types.ObjectId, query: ResponseQuery) =>
      findResponses(Responses, workspaceId, query),

    willFollowUp: (response: ResponseView) =>
      deps.willFollowUp ? deps.willFollowUp(response) : Promise.resolve(false),
  };
}

function timingOf(sentAt: Date | null | undefined, answeredAt: Date | null): number | null {
  if (!sentAt || !answeredAt) return null;
  return Math.max(0, Math.round((answeredAt.getTime() - sentAt.getTime()) / 1000));
}

export type ResponsesService = ReturnType<typeof createResponsesService>;
