import { Types } from 'mongoose';
import {
  PermanentSendError,
  TransientSendError,
  type ChannelName,
  type SendResult,
} from '../channels/channel';
import { explainTwilioError } from '../channels/twilio-error-codes';
import { createChannelFallback, openChannels } from './channel-fallback';
import type { DispatchContext } from './dispatch-context';
import { expireInvitation } from './dispatch-expiry';
import type { DispatchJob } from './dispatch-job';
import { createDispatchKit, type DispatchDeps, type DispatchOutcome } from './dispatch-kit';
import { sendReminder } from './dispatch-reminder';
import { checkAtSendTime } from './send-time-check';
import type { SuppressionDecision } from './suppression';
import type { WhatsappPlan } from './whatsapp-message';
import type { InvitationDoc } from './invitation.model';
import { canAdvance, type InvitationStatus } from './invitation-status';

export type { DispatchDeps, DispatchOutcome } from './dispatch-kit';

/** A send-time decision, or a refusal only the send can find (no WhatsApp template). */
type SendTimeDecision =
  | SuppressionDecision
  | { send: false; reason: 'no_whatsapp_template'; skipped: SuppressionDecision['skipped'] };

/** A send that crashed before its answer is looked for among messages since shortly before. */
const RECONCILE_WINDOW_MS = 5 * 60_000;
/** Longer than any adapter's request timeout (10 s): by then the claiming run sent or gave up. */
export const SEND_CLAIM_MS = 15_000;

export function createDispatchService(deps: DispatchDeps) {
  const kit = createDispatchKit(deps);
  const fallBack = createChannelFallback(kit.Invitations, deps.queues);
  const {
    Invitations,
    store,
    loadContext,
    clock,
    linkFor,
    buildMessage,
    planWhatsapp,
    recordOptOut,
    reminderDueAt,
    enqueueFollowUps,
    conversationChat,
    adapterFor,
  } = kit;

  /** One write records the send and the reminder plan; the follow-up jobs come after it. */
  const markSent = async (
    inv: InvitationDoc,
    ctx: DispatchContext,
    result: SendResult,
    at: Date,
    detail: string | null,
  ) => {
    const reminderAt = reminderDueAt(inv, ctx, at);
    const moved = await store.move(
      inv,
      'sending',
      'sent',
      at,
      {
        sentAt: at,
        providerId: result.providerId || null,
        segments: result.segments ?? null,
        encoding: result.encoding ?? null,
        ...(reminderAt ? { 'reminder.status': 'scheduled', 'reminder.dueAt': reminderAt } : {}),
      },
      detail,
    );
    if (moved) await enqueueFollowUps(inv, reminderAt, at);
  };

  /** After a crash mid-send: did the provider get it? Returns its id, null (no), undefined (can't tell). */
  const reconcile = async (
    inv: InvitationDoc,
    ctx: DispatchContext | null,
  ): Promise<string | null | undefined> => {
    // No survey or contact any more: nothing to find, and the send fails for that reason.
    if (!ctx) return null;
    const adapter = await adapterFor(inv, inv.channel as ChannelName, ctx);
    if (!adapter.findSent) return undefined;
    const since = new Date(
      (inv.sendingAt ?? inv.updatedAt ?? clock()).getTime() - RECONCILE_WINDOW_MS,
    );
    return adapter.findSent(inv.to ?? '', linkFor(inv._id), since);
  };

  async function sendInitial(inv: InvitationDoc, isLast: boolean): Promise<DispatchOutcome> {
    const now = clock();
    if (inv.status === 'sending') {
      // A job whose lock expired while its worker was still sending (a starved event loop) runs
      // again here. Asking the provider now could miss a message that is still in flight, so
      // wait until the claiming run must have finished, unless this is the last attempt.
      const claimedAt = inv.sendingAt;
      if (!isLast && claimedAt && now.getTime() - claimedAt.getTime() < SEND_CLAIM_MS) {
        throw new Error('another run claimed this send moments ago; retrying after it');
      }
      const ctx = await loadContext(inv);
      const found = await reconcile(inv, ctx);
      if (typeof found === 'string' && ctx) {
        await markSent(
          inv,
          ctx,
          { providerId: found },
          now,
          'found at the provider after an interrupted send',
        );
        return { kind: 'reconciled', providerId: found };
      }
      if (found === undefined) {
        // Email and chat cannot be looked up; a second copy is worse than a missing survey.
        await store.move(inv, 'sending', 'failed', now, {
          reason: 'send_outcome_unknown',
        });
        return { kind: 'failed', reason: 'send_outcome_unknown' };
      }
    } else if (inv.status !== 'scheduled') {
      return { kind: 'skipped', reason: `already ${inv.status}` };
    }

    const ctx = await loadContext(inv);
    if (!ctx) {
      await store.move(inv, inv.status as InvitationStatus, 'failed', now, {
        reason: 'survey_or_contact_missing',
      });
      return { kind: 'failed', reason: 'survey_or_contact_missing' };
    }
    const inChat = await conversationChat(inv);
    // After a fallback the channel that failed permanently is no longer among the choices.
    const allowed = openChannels(inv);
    let decision: SendTimeDecision = await checkAtSendTime(
      Invitations,
      inv,
      ctx,
      now,
      inChat !== null,
      allowed,
    );
    let whatsapp: WhatsappPlan | undefined;
    let fallbackNote: string | null = null;
    if (decision.send && decision.channel === 'whatsapp') {
      whatsapp = await planWhatsapp(inv, ctx, decision.to, now);
      if (whatsapp.kind === 'no_template') {
        // Outside the session window WhatsApp takes approved templates only: the next channel.
        fallbackNote = `no WhatsApp template for ${whatsapp.locale} outside the 24-hour window`;
        const others = allowed.filter((c) => c !== 'whatsapp');
        const next = others.length
          ? await checkAtSendTime(Invitations, inv, ctx, now, inChat !== null, others)
          : null;
        decision = next?.send
          ? next
          : { send: false, reason: 'no_whatsapp_template', skipped: decision.skipped };
      }
    }
    if (!decision.send) {
      const to: InvitationStatus = decision.reason === 'expired' ? 'expired' : 'suppressed';
      const from = inv.status as InvitationStatus;
      if (canAdvance(from, to))
        await store.move(
          inv,
          from,
          to,
          now,
          { reason: decision.reason },
          fallbackNote ?? 'checked again at send time',
        );
      return { kind: to === 'expired' ? 'expired' : 'suppressed', reason: decision.reason };
    }
    if (decision.sendAt.getTime() > now.getTime() + 1000) {
      await Invitations.updateOne(
        { _id: inv._id, workspaceId: inv.workspaceId },
        { $set: { scheduledFor: decision.sendAt, deferredByQuietHours: true } },
      );
      return { kind: 'deferred', until: decision.sendAt };
    }

    const to =
      decision.channel === 'chat'
        ? (inChat?.to ?? ctx.workspace.chatWebhookUrl ?? '')
        : decision.to;
    const claimed = await store.move(
      inv,
      inv.status as InvitationStatus,
      'sending',
      now,
      { sendingAt: now, channel: decision.channel, to },
      decision.channel !== inv.channel
        ? `fell back from ${inv.channel} to ${decision.channel}${fallbackNote ? `: ${fallbackNote}` : ''}`
        : whatsapp?.kind === 'template'
          ? `WhatsApp template ${whatsapp.contentSid} (${whatsapp.locale}), outside the 24-hour window`
          : null,
    );
    if (!claimed) return { kind: 'skipped', reason: 'claimed by another run' };
    const sending = {
      ...inv,
      status: 'sending',
      sendingAt: now,
      channel: decision.channel,
      to,
    } as InvitationDoc;
    const adapter =
      (decision.channel === 'chat' ? inChat : null) ?? kit.adaptersOf(ctx)[decision.channel];

    let result: SendResult;
    try {
      result = await adapter.send(
        buildMessage(sending, ctx, decision.channel, to, false, whatsapp),
      );
    } catch (err) {
      return handleSendError(sending, err, adapter.findSent !== undefined, isLast, now);
    }
    await markSent(sending, ctx, result, clock(), null);
    return { kind: 'sent', providerId: result.providerId };
  }

  async function handleSendError(
    inv: InvitationDoc,
    err: unknown,
    canReconcile: boolean,
    isLast: boolean,
    now: Date,
  ): Promise<DispatchOutcome> {
    if (err instanceof PermanentSendError) {
      const reason = `provider_${err.code}`;
      const viaTwilio = inv.channel === 'sms' || inv.channel === 'whatsapp';
      const error = viaTwilio && typeof err.code === 'number' ? explainTwilioError(err.code) : null;
      await store.move(
        inv,
        'sending',
        'failed',
        now,
        { reason, ...(error ? { error } : {}) },
        error ? `${err.message}: ${error.en}` : err.message,
      );
      if (err.optedOut) await recordOptOut(inv, inv.channel as ChannelName, `provider-${err.code}`);
      // The provider refused this channel for good: the next one the trigger allows, once.
      if (await fallBack(inv, `${inv.channel} refused: ${reason}`, now))
        return { kind: 'skipped', reason: `${reason}: fell back to the next channel` };
      return { kind: 'failed', reason };
    }
    if (isLast) {
      await store.move(
        inv,
        'sending',
        'failed',
        now,
        { reason: 'provider_unavailable' },
        (err as Error).message,
      );
      return { kind: 'failed', reason: 'provider_unavailable' };
    }
    // A provider we can query stays "sending": the retry looks the message up before sending again
    // (a timeout may have delivered it). Others go back to "scheduled": their errors mean "not sent".
    // The attempt is over: its claim is released (sendingAt null), so the retry looks the
    // message up at once instead of waiting for a claim that is no longer live.
    if (canReconcile)
      await store.note(
        inv._id,
        inv.workspaceId,
        'sending',
        now,
        `retry after: ${(err as Error).message}`,
        { sendingAt: null },
      );
    else
      await store.move(
        inv,
        'sending',
        'scheduled',
        now,
        {},
        `retry after: ${(err as Error).message}`,
      );
    throw err instanceof TransientSendError ? err : new TransientSendError((err as Error).message);
  }

  return {
    async run(job: DispatchJob, attempt: { isLast: boolean }): Promise<DispatchOutcome> {
      const inv = await Invitations.findOne({
        _id: new Types.ObjectId(job.invitationId),
        workspaceId: new Types.ObjectId(job.workspaceId),
      }).lean<InvitationDoc>();
      if (!inv) return { kind: 'skipped', reason: 'missing' };
      if (job.kind === 'reminder') return sendReminder(kit, inv, attempt.isLast);
      if (job.kind === 'expire') return expireInvitation(kit, inv);
      return sendInitial(inv, attempt.isLast);
    },
  };
}

export type DispatchService = ReturnType<typeof createDispatchService>;
