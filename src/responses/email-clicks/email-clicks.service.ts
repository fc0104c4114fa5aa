import { Types, type Connection } from 'mongoose';
import type { Logger } from '../../shared/logger';
import type { Queues } from '../../shared/queues';
import type { AnswerContext, AnswerContexts } from '../answer-context';
import type { ResponsesService } from '../responses.service';
import { SCANNER_BURST_MS, settleClicks } from './click-settlement';
import { emailClickModel, type EmailClickState } from './email-click.model';
import {
  SETTLE_CLICK_JOB_NAME,
  SETTLE_CLICK_JOB_OPTIONS,
  type SettleClickJob,
} from './settle-click-job';

export interface EmailClicksDeps {
  conn: Connection;
  queues: Queues;
  contexts: AnswerContexts;
  responses: ResponsesService;
  /** How long a click waits for the other links of its mail before it counts. */
  settleMs: number;
  logger?: Logger;
}

export type SettleOutcome = 'none' | 'recorded' | 'discarded' | 'superseded';

/**
 * One-click e-mail answers: a click is noted, and becomes an answer (and reaches the rules) only
 * once it has settled and was not a scanner opening every link of the mail.
 */
export function createEmailClicks(deps: EmailClicksDeps) {
  const Clicks = emailClickModel(deps.conn);

  const mark = async (ids: Types.ObjectId[], state: EmailClickState, now: Date) => {
    await Clicks.updateMany(
      { _id: { $in: ids }, state: 'pending' },
      { $set: { state, settledAt: now } },
    );
  };

  return {
    async note(ctx: AnswerContext, score: number, now = new Date()): Promise<void> {
      const { workspaceId, _id: invitationId } = ctx.invitation;
      // A plain insert: the survey page's GET should not pay for a mongoose document.
      const click = {
        _id: new Types.ObjectId(),
        workspaceId,
        invitationId,
        score,
        at: now,
        state: 'pending' as const,
        settledAt: null,
      };
      await Clicks.collection.insertOne(click);
      const job: SettleClickJob = {
        workspaceId: String(workspaceId),
        invitationId: String(invitationId),
      };
      await deps.queues.responses.add(SETTLE_CLICK_JOB_NAME, job, {
        ...SETTLE_CLICK_JOB_OPTIONS,
        delay: deps.settleMs,
        jobId: `settle-click-${String(click._id)}`,
      });
    },

    async settle(job: SettleClickJob, now = new Date()): Promise<SettleOutcome> {
      const workspaceId = new Types.ObjectId(job.workspaceId);
      const invitationId = new Types.ObjectId(job.invitationId);
      // One read: the pending clicks, and the discarded ones a scanner burst may straddle.
      const clicks = await Clicks.find({
        workspaceId,
        invitationId,
        state: { $in: ['pending', 'discarded'] },
      })
        .select({ score: 1, at: 1, state: 1 })
        .sort({ at: 1, _id: 1 })
        .lean();
      const pending = clicks.filter((c) => c.state === 'pending');
      if (pending.length === 0) return 'none';
      const ids = pending.map((c) => c._id);
      const ctx = await deps.contexts.byInvitation(workspaceId, invitationId);
      if (!ctx) {
        await mark(ids, 'discarded', now);
        return 'discarded';
      }
      // The customer pressed Send in the meantime: their own submit is the answer.
      if ((await deps.responses.forInvitation(ctx))?.score != null) {
        await mark(ids, 'superseded', now);
        return 'superseded';
      }
      // A scanner's burst can straddle two settle jobs: clicks discarded just before these still
      // count, so a straggler of the burst is not taken for a person's lone click.
      const burstStart = pending[0]!.at.getTime() - SCANNER_BURST_MS;
      const recentlyDiscarded = clicks.filter(
        (c) => c.state === 'discarded' && c.at.getTime() >= burstStart,
      );
      const settlement = settleClicks([...recentlyDiscarded, ...pending]);
      if (settlement.kind !== 'record') {
        deps.logger?.info(
          { invitationId: job.invitationId, clicks: pending.length },
          'score links opened together: treated as a mail scanner, no answer recorded',
        );
        await mark(ids, 'discarded', now);
        return 'discarded';
      }
      await deps.responses.record(
        ctx,
        { score: settlement.score, source: 'email-click' },
        settlement.at,
      );
      await mark(ids, 'recorded', now);
      return 'recorded';
    },
  };
}

export type EmailClicks = ReturnType<typeof createEmailClicks>;
