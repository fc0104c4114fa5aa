import { Types, type Connection } from 'mongoose';
import {
  PermanentSendError,
  TransientSendError,
  type ChannelAdapters,
  type ChannelName,
  type OutgoingMessage,
  type SendResult,
} from '../channels/channel';
import type { ContactsService } from '../contacts';
import type { Logger } from '../shared/logger';
import { dispatchQueueName, type Queues } from '../shared/queues';
import type { SurveysService } from '../surveys';
import type { WorkspacesService } from '../workspaces';
import { dispatchContextLoader, type DispatchContext } from './dispatch-context';
import { DISPATCH_JOB_OPTIONS, type DispatchJob } from './dispatch-job';
import { lastSurveyedAt } from './fatigue';
import { invitationModel, type InvitationDoc } from './invitation.model';
import { canAdvance, type InvitationStatus } from './invitation-status';
import { invitationStore } from './invitation-store';
import { applyQuietHours } from './quiet-hours';
import { renderSurveyMessage } from './render-message';
import { decideSuppression } from './suppression';
import { surveyLinkToken, surveyUrl } from './survey-link';

export type DispatchOutcome =
  | { kind: 'sent' | 'reconciled' | 'reminded'; providerId: string }
  | { kind: 'deferred'; until: Date }
  | { kind: 'suppressed' | 'failed' | 'expired' | 'skipped'; reason: string };

export interface DispatchDeps {
  conn: Connection;
  queues: Queues;
  adapters: ChannelAdapters;
  workspaces: WorkspacesService;
  surveys: SurveysService;
  contacts: ContactsService;
  linkSecret: string;
  publicUrl: string;
  logger: Logger;
  now?: () => Date;
}

/** A send that crashed before its answer is looked for among messages since shortly before. */
const RECONCILE_WINDOW_MS = 5 * 60_000;
const STILL_OPEN: InvitationStatus[] = ['sent', 'delivered', 'opened'];

export function createDispatchService(deps: DispatchDeps) {
  const Invitations = invitationModel(deps.conn);
  const store = invitationStore(Invitations);
  const loadContext = dispatchContextLoader(deps);
  const clock = deps.now ?? (() => new Date());
  const linkFor = (id: Types.ObjectId) =>
    surveyUrl(deps.publicUrl, surveyLinkToken(deps.linkSecret, String(id)));

  const buildMessage = (
    inv: InvitationDoc,
    ctx: DispatchContext,
    channel: ChannelName,
    to: string,
    reminder: boolean,
  ): OutgoingMessage => {
    const link = linkFor(inv._id);
    const rendered = renderSurveyMessage(
      ctx.survey,
      channel,
      {
        company: ctx.workspace.name,
        customerName: ctx.contact.name,
        agentName: ctx.agentName,
        link,
        locale: inv.locale === 'fr' ? 'fr' : 'en',
        unsubscribeUrl: `${link}/unsubscribe`,
      },
      { reminder },
    );
    const messageIdDomain = new URL(deps.publicUrl).hostname;
    return {
      channel,
      to,
      ...rendered,
      headers: {
        ...rendered.headers,
        ...(reminder && channel === 'email'
          ? { 'Message-ID': `<reminder-${inv._id}@${messageIdDomain}>` }
          : {}),
      },
      link,
      statusCallback:
        channel === 'sms' || channel === 'whatsapp'
          ? `${deps.publicUrl}/webhooks/twilio/status`
          : undefined,
      signingSecret: ctx.workspace.chatWebhookSecret ?? undefined,
      meta: {
        workspaceId: String(inv.workspaceId),
        invitationId: String(inv._id),
        surveyType: inv.surveyType,
        locale: inv.locale,
      },
    };
  };

  const recordOptOut = async (inv: InvitationDoc, channel: ChannelName, source: string) => {
    await deps.contacts.setOptOut(inv.workspaceId, inv.contactId, [channel], true, source);
  };

  const scheduleFollowUps = async (inv: InvitationDoc, ctx: DispatchContext, sentAt: Date) => {
    const job = { invitationId: String(inv._id), workspaceId: String(inv.workspaceId) };
    const reminderAt = sentAt.getTime() + ctx.survey.reminderDelayMs;
    if (
      ctx.survey.reminderDelayMs > 0 &&
      inv.channel !== 'link' &&
      reminderAt < inv.expiresAt.getTime()
    ) {
      await Invitations.updateOne(
        { _id: inv._id, workspaceId: inv.workspaceId, 'reminder.status': 'none' },
        { $set: { 'reminder.status': 'scheduled', 'reminder.dueAt': new Date(reminderAt) } },
      );
      await deps.queues[dispatchQueueName(inv.channel as ChannelName)].add(
        'remind',
        { ...job, kind: 'reminder' } satisfies DispatchJob,
        {
          ...DISPATCH_JOB_OPTIONS,
          jobId: `${inv._id}-reminder`,
          delay: reminderAt - sentAt.getTime(),
        },
      );
    }
    await deps.queues.expiry.add('expire', { ...job, kind: 'expire' } satisfies DispatchJob, {
      ...DISPATCH_JOB_OPTIONS,
      jobId: `${inv._id}-expire`,
      delay: Math.max(0, inv.expiresAt.getTime() - sentAt.getTime()),
    });
  };

  const markSent = async (
    inv: InvitationDoc,
    ctx: DispatchContext,
    result: SendResult,
    at: Date,
    detail: string | null,
  ) => {
    const moved = await store.move(
      inv._id,
      inv.workspaceId,
      'sending',
      'sent',
      at,
      {
        sentAt: at,
        providerId: result.providerId || null,
        segments: result.segments ?? null,
        encoding: result.encoding ?? null,
      },
      detail,
    );
    if (moved) await scheduleFollowUps(inv, ctx, at);
  };

  /** After a crash mid-send: did the provider get it? Returns its id, null (no), undefined (can't tell). */
  const reconcile = async (inv: InvitationDoc): Promise<string | null | undefined> => {
    const adapter = deps.adapters[inv.channel as ChannelName];
    if (!adapter?.findSent) return undefined;
    const since = new Date(
      (inv.sendingAt ?? inv.updatedAt ?? clock()).getTime() - RECONCILE_WINDOW_MS,
    );
    return adapter.findSent(inv.to ?? '', linkFor(inv._id), since);
  };

  async function sendInitial(inv: InvitationDoc, isLast: boolean): Promise<DispatchOutcome> {
    const now = clock();
    if (inv.status === 'sending') {
      const ctx = await loadContext(inv);
      const found = await reconcile(inv);
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
        await store.move(inv._id, inv.workspaceId, 'sending', 'failed', now, {
          reason: 'send_outcome_unknown',
        });
        return { kind: 'failed', reason: 'send_outcome_unknown' };
      }
    } else if (inv.status !== 'scheduled') {
      return { kind: 'skipped', reason: `already ${inv.status}` };
    }

    const ctx = await loadContext(inv);
    if (!ctx) {
      await store.move(inv._id, inv.workspaceId, inv.status as InvitationStatus, 'failed', now, {
        reason: 'survey_or_contact_missing',
      });
      return { kind: 'failed', reason: 'survey_or_contact_missing' };
    }
    const decision = decideSuppression({
      now,
      channels: inv.channels as ChannelName[],
      contact: {
        phone: ctx.contact.phone,
        email: ctx.contact.email,
        timezone: ctx.contact.timezone,
        optedOut: Object.fromEntries(
          Object.entries(ctx.contact.optOut ?? {}).filter(([, v]) => v === true),
        ),
        lastSurveyedAt: await lastSurveyedAt(Invitations, {
          workspaceId: inv.workspaceId,
          contactId: inv.contactId,
          surveyType: inv.surveyType,
          excludeId: inv._id,
        }),
      },
      chatWebhookConfigured: Boolean(ctx.workspace.chatWebhookUrl),
      fatigueWindowDays: ctx.workspace.fatigueWindowDays,
      samplingRate: 100, // sampled once, when scheduled
      sampleDraw: 0,
      sendAt: now,
      expiresAt: inv.expiresAt,
      workspaceTimezone: ctx.workspace.timezone,
      quietHours: ctx.workspace.quietHours,
    });
    if (!decision.send) {
      const to: InvitationStatus = decision.reason === 'expired' ? 'expired' : 'suppressed';
      const from = inv.status as InvitationStatus;
      if (canAdvance(from, to))
        await store.move(
          inv._id,
          inv.workspaceId,
          from,
          to,
          now,
          { reason: decision.reason },
          'checked again at send time',
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

    const to = decision.channel === 'chat' ? (ctx.workspace.chatWebhookUrl ?? '') : decision.to;
    const claimed = await store.move(
      inv._id,
      inv.workspaceId,
      inv.status as InvitationStatus,
      'sending',
      now,
      { sendingAt: now, channel: decision.channel, to },
      decision.channel !== inv.channel
        ? `fell back from ${inv.channel} to ${decision.channel}`
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
    const adapter = deps.adapters[decision.channel];

    let result: SendResult;
    try {
      result = await adapter.send(buildMessage(sending, ctx, decision.channel, to, false));
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
      await store.move(inv._id, inv.workspaceId, 'sending', 'failed', now, { reason }, err.message);
      if (err.optedOut) await recordOptOut(inv, inv.channel as ChannelName, `provider-${err.code}`);
      return { kind: 'failed', reason };
    }
    if (isLast) {
      await store.move(
        inv._id,
        inv.workspaceId,
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
    if (canReconcile)
      await store.note(
        inv._id,
        inv.workspaceId,
        'sending',
        now,
        `retry after: ${(err as Error).message}`,
      );
    else
      await store.move(
        inv._id,
        inv.workspaceId,
        'sending',
        'scheduled',
        now,
        {},
        `retry after: ${(err as Error).message}`,
      );
    throw err instanceof TransientSendError ? err : new TransientSendError((err as Error).message);
  }

  async function sendReminder(inv: InvitationDoc, isLast: boolean): Promise<DispatchOutcome> {
    const now = clock();
    const skip = async (reason: string): Promise<DispatchOutcome> => {
      await Invitations.updateOne(
        { _id: inv._id, workspaceId: inv.workspaceId, 'reminder.status': 'scheduled' },
        { $set: { 'reminder.status': 'skipped', 'reminder.detail': reason } },
      );
      return { kind: 'skipped', reason };
    };
    if (inv.reminder?.status === 'sending') {
      await Invitations.updateOne(
        { _id: inv._id, workspaceId: inv.workspaceId },
        { $set: { 'reminder.status': 'failed', 'reminder.detail': 'send_outcome_unknown' } },
      );
      return { kind: 'failed', reason: 'send_outcome_unknown' };
    }
    if (inv.reminder?.status !== 'scheduled')
      return { kind: 'skipped', reason: `reminder ${inv.reminder?.status ?? 'none'}` };
    if (!STILL_OPEN.includes(inv.status as InvitationStatus)) return skip(inv.status);
    if (now >= inv.expiresAt) return skip('expired');
    const ctx = await loadContext(inv);
    if (!ctx) return skip('survey_or_contact_missing');
    const channel = inv.channel as ChannelName;
    if (ctx.contact.optOut?.[channel as 'sms']) return skip('opted_out');
    if (ctx.workspace.quietHours) {
      const zone = ctx.contact.timezone ?? ctx.workspace.timezone;
      const { sendAt, deferred } = applyQuietHours(now, zone, ctx.workspace.quietHours);
      if (deferred)
        return sendAt < inv.expiresAt ? { kind: 'deferred', until: sendAt } : skip('expired');
    }
    const claim = await Invitations.updateOne(
      { _id: inv._id, workspaceId: inv.workspaceId, 'reminder.status': 'scheduled' },
      { $set: { 'reminder.status': 'sending' } },
    );
    if (claim.modifiedCount === 0) return { kind: 'skipped', reason: 'claimed by another run' };
    try {
      const result = await deps.adapters[channel].send(
        buildMessage(inv, ctx, channel, inv.to ?? '', true),
      );
      await Invitations.updateOne(
        { _id: inv._id, workspaceId: inv.workspaceId },
        {
          $set: {
            'reminder.status': 'sent',
            'reminder.sentAt': clock(),
            'reminder.providerId': result.providerId || null,
          },
        },
      );
      return { kind: 'reminded', providerId: result.providerId };
    } catch (err) {
      const permanent = err instanceof PermanentSendError;
      if (permanent || isLast) {
        await Invitations.updateOne(
          { _id: inv._id, workspaceId: inv.workspaceId },
          { $set: { 'reminder.status': 'failed', 'reminder.detail': (err as Error).message } },
        );
        if (permanent && err.optedOut) await recordOptOut(inv, channel, `provider-${err.code}`);
        return {
          kind: 'failed',
          reason: permanent ? `provider_${err.code}` : 'provider_unavailable',
        };
      }
      await Invitations.updateOne(
        { _id: inv._id, workspaceId: inv.workspaceId },
        { $set: { 'reminder.status': 'scheduled' } },
      );
      throw err;
    }
  }

  async function expire(inv: InvitationDoc): Promise<DispatchOutcome> {
    const now = clock();
    const from = inv.status as InvitationStatus;
    if (now < inv.expiresAt || !canAdvance(from, 'expired'))
      return { kind: 'skipped', reason: from };
    await store.move(inv._id, inv.workspaceId, from, 'expired', now, { reason: 'expired' });
    return { kind: 'expired', reason: 'expired' };
  }

  return {
    async run(job: DispatchJob, attempt: { isLast: boolean }): Promise<DispatchOutcome> {
      const inv = await Invitations.findOne({
        _id: new Types.ObjectId(job.invitationId),
        workspaceId: new Types.ObjectId(job.workspaceId),
      }).lean<InvitationDoc>();
      if (!inv) return { kind: 'skipped', reason: 'missing' };
      if (job.kind === 'reminder') return sendReminder(inv, attempt.isLast);
      if (job.kind === 'expire') return expire(inv);
      return sendInitial(inv, attempt.isLast);
    },
  };
}

export type DispatchService = ReturnType<typeof createDispatchService>;
