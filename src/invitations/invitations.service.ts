import { Types, type Connection } from 'mongoose';
import type { ChannelName } from '../channels/channel';
import { optOutFlags, type ContactDoc } from '../contacts';
import { isFinalInvitationStatus, type Counters } from '../metrics/counters';
import { isDuplicateKey } from '../shared/mongo-errors';
import { dispatchQueueName, type Queues } from '../shared/queues';
import type { SurveyView } from '../surveys';
import type { WorkspaceSendSettings } from '../workspaces/workspaces.service';
import { invitationModel, type InvitationDoc } from './invitation.model';
import { applyDeliveryReceipt, type DeliveryReceipt } from './delivery-status';
import { lastSurveyedAt } from './fatigue';
import type { ConversationChat } from './conversation-chat';
import { decideSuppression } from './suppression';
import { invitationLog } from './invitation-log';
import { hashLinkToken, sampleDraw, surveyLinkToken, surveyUrl } from './survey-link';
import { DISPATCH_JOB_OPTIONS, type DispatchJob } from './dispatch-job';
import { createChannelFallback } from './channel-fallback';
import { emailBounceInput, type EmailBounceInput } from './email-bounces.schema';
import { canAdvance, type InvitationStatus } from './invitation-status';
import { AppError } from '../shared/errors';
import { explainTwilioError } from '../channels/twilio-error-codes';

/** One survey to send for an interaction: from the request's `survey` or from a trigger. */
export interface InvitationPlan {
  survey: SurveyView;
  channels: ChannelName[];
  delayMs: number;
  samplingRate: number;
  triggerId: Types.ObjectId | null;
}

export interface InvitationSummary {
  id: string;
  survey: string;
  type: string;
  channel: ChannelName | null;
  status: 'scheduled' | 'suppressed';
  reason?: string;
  scheduledFor: string | null;
  url: string | null;
}

export interface ScheduleContext {
  workspace: WorkspaceSendSettings;
  interaction: {
    _id: Types.ObjectId;
    occurredAt: Date;
    agent?: unknown;
    connectorId?: Types.ObjectId | null;
  };
  contact: ContactDoc;
  locale: string;
  now: Date;
}

export interface InvitationsDeps {
  conn: Connection;
  queues: Queues;
  linkSecret: string;
  publicUrl: string;
  counters: Counters;
  /** Chat into the connector's conversation counts as a way to reach the customer. */
  conversationChat?: ConversationChat;
}

export function createInvitationsService({
  conn,
  queues,
  linkSecret,
  publicUrl,
  counters,
  conversationChat,
}: InvitationsDeps) {
  const Invitations = invitationModel(conn);
  const fallBack = createChannelFallback(Invitations, queues);

  const linkFor = (invitationId: string) =>
    surveyUrl(publicUrl, surveyLinkToken(linkSecret, invitationId));

  const enqueue = async (
    doc: Pick<InvitationDoc, '_id' | 'workspaceId' | 'channel' | 'scheduledFor'>,
    now: Date,
  ) => {
    const job: DispatchJob = {
      invitationId: String(doc._id),
      workspaceId: String(doc.workspaceId),
      kind: 'initial',
    };
    const delay = Math.max(0, (doc.scheduledFor?.getTime() ?? now.getTime()) - now.getTime());
    // jobId = invitation id: adding it again (a replayed interaction) is a no-op in BullMQ.
    await queues[dispatchQueueName(doc.channel as ChannelName)].add('send', job, {
      ...DISPATCH_JOB_OPTIONS,
      jobId: job.invitationId,
      delay,
    });
  };

  const summarize = (
    doc: InvitationDoc,
    survey: { id: string; type: string },
  ): InvitationSummary => ({
    id: String(doc._id),
    survey: survey.id,
    type: survey.type,
    channel: (doc.channel as ChannelName | null) ?? null,
    status: doc.status === 'suppressed' ? 'suppressed' : 'scheduled',
    ...(doc.reason ? { reason: doc.reason } : {}),
    scheduledFor: doc.status === 'suppressed' ? null : (doc.scheduledFor?.toISOString() ?? null),
    url: doc.status === 'suppressed' ? null : linkFor(String(doc._id)),
  });

  return {
    linkFor,
    /** The console's invitation log and the home page's failed sends. */
    log: invitationLog(Invitations),

    async applyReceipt(receipt: DeliveryReceipt) {
      const outcome = await applyDeliveryReceipt(Invitations, receipt);
      if (outcome.applied && isFinalInvitationStatus(outcome.status))
        counters.invitation(outcome.channel, outcome.status);
      // Undelivered for good (63016, 21211, 30005…): the next channel the trigger allows, once.
      const code = receipt.errorCode;
      if (
        outcome.applied &&
        outcome.status === 'failed' &&
        code &&
        explainTwilioError(code).permanent
      ) {
        await fallBack(
          {
            _id: new Types.ObjectId(outcome.invitationId),
            workspaceId: new Types.ObjectId(outcome.workspaceId),
          },
          `twilio ${receipt.status} ${code}`,
          receipt.at,
        );
      }
      return outcome;
    },

    /**
     * A bounced invitation email: a permanent bounce fails the send and moves the invitation to
     * its next channel (once); a passing one (4.x.x) is only noted in its history.
     */
    async applyBounce(workspaceId: Types.ObjectId, input: EmailBounceInput, at: Date) {
      const bounce = emailBounceInput.parse(input);
      const bare = bounce.messageId.replace(/^<|>$/g, '');
      const inv = await Invitations.findOne({
        workspaceId,
        channel: 'email',
        providerId: { $in: [`<${bare}>`, bare] },
      }).lean();
      if (!inv) throw AppError.notFound('No invitation email has this Message-ID.');
      const permanent = bounce.status.startsWith('5');
      const detail = `email bounced ${bounce.status}${bounce.diagnostic ? `: ${bounce.diagnostic}` : ''}`;
      let fellBack = false;
      if (!permanent) {
        await Invitations.updateOne(
          { _id: inv._id, workspaceId },
          { $push: { history: { status: inv.status, at, detail } } },
        );
      } else if (canAdvance(inv.status as InvitationStatus, 'failed')) {
        const moved = await Invitations.updateOne(
          { _id: inv._id, workspaceId, status: inv.status },
          {
            $set: { status: 'failed', reason: 'email_bounced' },
            $push: { history: { status: 'failed', at, detail } },
          },
        );
        if (moved.modifiedCount === 1) {
          counters.invitation('email', 'failed');
          fellBack = await fallBack(inv, detail, at);
        }
      }
      const now = await Invitations.findOne({ _id: inv._id, workspaceId }, { status: 1 }).lean();
      return { invitationId: String(inv._id), status: String(now?.status), permanent, fellBack };
    },

    /**
     * The workspace of the last invitation sent to this phone on these channels: whom a
     * message to the shared sender answers. Across workspaces on purpose: finding the
     * workspace is the point.
     */
    async workspaceOfLastSent(
      phone: string,
      channels: readonly ('sms' | 'whatsapp')[],
    ): Promise<Types.ObjectId | null> {
      const doc = await Invitations.findOne({
        to: phone,
        channel: { $in: [...channels] },
        sentAt: { $ne: null },
      })
        .sort({ sentAt: -1, createdAt: -1, _id: -1 })
        .select({ workspaceId: 1 })
        .lean();
      return doc?.workspaceId ?? null;
    },

    /** The invitation a survey link belongs to; the token itself is never stored. */
    findByToken: (token: string) =>
      Invitations.findOne({ tokenHash: hashLinkToken(token) }).lean<InvitationDoc>(),

    async schedule(ctx: ScheduleContext, plan: InvitationPlan): Promise<InvitationSummary> {
      const { workspace, interaction, contact, now } = ctx;
      const dueAt = new Date(
        Math.max(now.getTime(), interaction.occurredAt.getTime() + plan.delayMs),
      );
      const expiresAt = new Date(
        interaction.occurredAt.getTime() + plan.delayMs + plan.survey.expiryMs,
      );
      const inChat =
        conversationChat && interaction.connectorId && plan.channels.includes('chat')
          ? await conversationChat.adapterFor(contact.workspaceId, interaction._id)
          : null;
      const decision = decideSuppression({
        now,
        channels: plan.channels,
        contact: {
          phone: contact.phone,
          email: contact.email,
          timezone: contact.timezone,
          optedOut: optOutFlags(contact),
          lastSurveyedAt: await lastSurveyedAt(Invitations, {
            workspaceId: contact.workspaceId,
            contactId: contact._id,
            surveyType: plan.survey.type,
          }),
        },
        chatWebhookConfigured: Boolean(workspace.chatWebhookUrl),
        chatInConversation: inChat !== null,
        fatigueWindowDays: workspace.fatigueWindowDays,
        samplingRate: plan.samplingRate,
        sampleDraw: sampleDraw(`${interaction._id}:${plan.survey.id}`),
        sendAt: dueAt,
        expiresAt,
        workspaceTimezone: workspace.timezone,
        quietHours: workspace.quietHours,
      });

      const _id = new Types.ObjectId();
      const status = decision.send ? 'scheduled' : 'suppressed';
      const detail = decision.send ? null : decision.reason;
      try {
        const doc = await Invitations.create({
          _id,
          workspaceId: contact.workspaceId,
          interactionId: interaction._id,
          surveyId: new Types.ObjectId(plan.survey.id),
          surveyType: plan.survey.type,
          triggerId: plan.triggerId,
          contactId: contact._id,
          channels: plan.channels,
          channel: decision.send ? decision.channel : null,
          to: decision.send
            ? decision.channel === 'chat'
              ? (inChat?.to ?? workspace.chatWebhookUrl)
              : decision.to
            : null,
          locale: ctx.locale,
          agentName: (interaction.agent as { name?: string } | null | undefined)?.name ?? null,
          tokenHash: hashLinkToken(surveyLinkToken(linkSecret, String(_id))),
          status,
          reason: detail,
          history: [
            {
              status,
              at: now,
              detail: decision.skipped.map((s) => `${s.channel}: ${s.reason}`).join(', ') || detail,
            },
          ],
          scheduledFor: decision.send ? decision.sendAt : null,
          deferredByQuietHours: decision.send && decision.deferredByQuietHours,
          expiresAt,
        });
        if (decision.send) await enqueue(doc, now);
        // Nothing was chosen to send on: counted under the channel asked for first.
        else counters.invitation(plan.channels[0] ?? 'none', 'suppressed');
        return summarize(doc.toObject() as InvitationDoc, plan.survey);
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const existing = await Invitations.findOne({
          workspaceId: contact.workspaceId,
          interactionId: interaction._id,
          surveyId: plan.survey.id,
        }).lean<InvitationDoc>();
        if (!existing) throw err;
        return summarize(existing, plan.survey);
      }
    },

    /** For a replayed interaction: make sure every scheduled invitation has its job. */
    async ensureQueued(
      workspaceId: Types.ObjectId,
      interactionId: Types.ObjectId,
      now = new Date(),
    ): Promise<void> {
      const docs = await Invitations.find({ workspaceId, interactionId, status: 'scheduled' }).lean<
        InvitationDoc[]
      >();
      for (const doc of docs) await enqueue(doc, now);
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
