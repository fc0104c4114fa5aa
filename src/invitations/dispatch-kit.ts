import { Types, type Connection } from 'mongoose';
import type {
  ChannelAdapter,
  ChannelAdapters,
  ChannelName,
  OutgoingMessage,
} from '../channels/channel';
import type { ContactsService } from '../contacts';
import type { WorkspaceTwilio } from '../channels/workspace-twilio';
import type { Counters } from '../metrics/counters';
import { pickLocalized } from '../shared/locales';
import type { Logger } from '../shared/logger';
import { dispatchQueueName, type Queues } from '../shared/queues';
import type { SurveysService } from '../surveys';
import type { WorkspacesService } from '../workspaces';
import type { ConversationChat } from './conversation-chat';
import { dispatchContextLoader, type DispatchContext } from './dispatch-context';
import { DISPATCH_JOB_OPTIONS, type DispatchJob } from './dispatch-job';
import { invitationModel, type InvitationDoc } from './invitation.model';
import { invitationStore } from './invitation-store';
import { messageVars, renderSurveyMessage, type MessageContext } from './render-message';
import { surveyLinkToken, surveyUrl } from './survey-link';
import { planWhatsappMessage, type WhatsappPlan } from './whatsapp-message';
import { createWhatsappSessions } from './whatsapp-sessions';

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
  counters: Counters;
  now?: () => Date;
  /** Chat into the connector's conversation, before the workspace's chat webhook. */
  conversationChat?: ConversationChat;
  /** Workspaces with their own Twilio account send through it (else `adapters`). */
  workspaceTwilio?: WorkspaceTwilio;
}

/** What the initial send, the reminder and the expiry steps share. */
export function createDispatchKit(deps: DispatchDeps) {
  const Invitations = invitationModel(deps.conn);
  const clock = deps.now ?? (() => new Date());
  const linkFor = (id: Types.ObjectId) =>
    surveyUrl(deps.publicUrl, surveyLinkToken(deps.linkSecret, String(id)));

  const messageContext = (inv: InvitationDoc, ctx: DispatchContext): MessageContext => {
    const link = linkFor(inv._id);
    return {
      company: ctx.workspace.name,
      customerName: ctx.contact.name,
      agentName: ctx.agentName,
      link,
      locale: inv.locale,
      defaultLocale: ctx.workspace.defaultLocale,
      unsubscribeUrl: `${link}/unsubscribe`,
    };
  };

  const sessions = createWhatsappSessions(deps.conn);

  /** The workspace's own Twilio account's adapters, or the installation's. */
  const adaptersOf = (ctx: DispatchContext): ChannelAdapters =>
    deps.workspaceTwilio?.adaptersFor(ctx.workspace.id, ctx.workspace.twilioAccount) ??
    deps.adapters;

  /** Free-form, an approved template, or nothing: what WhatsApp allows for this contact now. */
  const planWhatsapp = async (
    inv: InvitationDoc,
    ctx: DispatchContext,
    to: string,
    now: Date,
  ): Promise<WhatsappPlan> => {
    const message = messageContext(inv, ctx);
    return planWhatsappMessage({
      lastInboundAt: await sessions.lastInbound(
        inv.workspaceId as Types.ObjectId,
        to,
        adaptersOf(ctx).whatsapp.sender,
      ),
      now,
      content: ctx.survey.whatsappContent,
      locale: inv.locale,
      textLocale:
        pickLocalized(ctx.survey.templates.whatsapp, inv.locale, ctx.workspace.defaultLocale)
          ?.locale ?? null,
      vars: messageVars(message),
    });
  };

  /** Twilio posts a workspace's own account's receipts to that workspace's URL. */
  const statusCallbackOf = (ctx: DispatchContext) =>
    ctx.workspace.twilioAccount
      ? `${deps.publicUrl}/webhooks/twilio/${ctx.workspace.slug}/status`
      : `${deps.publicUrl}/webhooks/twilio/status`;

  const buildMessage = (
    inv: InvitationDoc,
    ctx: DispatchContext,
    channel: ChannelName,
    to: string,
    reminder: boolean,
    whatsapp?: WhatsappPlan,
  ): OutgoingMessage => {
    const message = messageContext(inv, ctx);
    const link = message.link;
    const rendered = renderSurveyMessage(ctx.survey, channel, message, { reminder });
    const content =
      channel === 'whatsapp' && whatsapp?.kind === 'template'
        ? { content: { sid: whatsapp.contentSid, variables: whatsapp.variables } }
        : {};
    const messageIdDomain = new URL(deps.publicUrl).hostname;
    return {
      channel,
      to,
      ...rendered,
      ...content,
      headers: {
        ...rendered.headers,
        ...(reminder && channel === 'email'
          ? { 'Message-ID': `<reminder-${inv._id}@${messageIdDomain}>` }
          : {}),
      },
      link,
      statusCallback:
        channel === 'sms' || channel === 'whatsapp' ? statusCallbackOf(ctx) : undefined,
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

  /** When the one reminder is due, or null when there is none (no delay, link, or past expiry). */
  const reminderDueAt = (inv: InvitationDoc, ctx: DispatchContext, sentAt: Date): Date | null => {
    const dueAt = sentAt.getTime() + ctx.survey.reminderDelayMs;
    const wanted =
      ctx.survey.reminderDelayMs > 0 && inv.channel !== 'link' && dueAt < inv.expiresAt.getTime();
    return wanted ? new Date(dueAt) : null;
  };

  /** The reminder (if any) and the expiry, as delayed jobs keyed by the invitation id. */
  const enqueueFollowUps = async (inv: InvitationDoc, reminderAt: Date | null, sentAt: Date) => {
    const job = { invitationId: String(inv._id), workspaceId: String(inv.workspaceId) };
    if (reminderAt) {
      await deps.queues[dispatchQueueName(inv.channel as ChannelName)].add(
        'remind',
        { ...job, kind: 'reminder' } satisfies DispatchJob,
        {
          ...DISPATCH_JOB_OPTIONS,
          jobId: `${inv._id}-reminder`,
          delay: reminderAt.getTime() - sentAt.getTime(),
        },
      );
    }
    await deps.queues.expiry.add('expire', { ...job, kind: 'expire' } satisfies DispatchJob, {
      ...DISPATCH_JOB_OPTIONS,
      jobId: `${inv._id}-expire`,
      delay: Math.max(0, inv.expiresAt.getTime() - sentAt.getTime()),
    });
  };

  /** The in-conversation chat adapter when the invitation may use chat and its interaction allows it. */
  const conversationChat = async (inv: InvitationDoc) =>
    deps.conversationChat && (inv.channels as ChannelName[]).includes('chat')
      ? deps.conversationChat.adapterFor(
          inv.workspaceId as Types.ObjectId,
          inv.interactionId as Types.ObjectId,
        )
      : null;

  /** The adapter a send on this channel goes through. */
  const adapterFor = async (
    inv: InvitationDoc,
    channel: ChannelName,
    ctx: DispatchContext,
  ): Promise<ChannelAdapter> =>
    (channel === 'chat' ? await conversationChat(inv) : null) ?? adaptersOf(ctx)[channel];

  return {
    deps,
    conversationChat,
    adapterFor,
    adaptersOf,
    Invitations,
    store: invitationStore(Invitations, deps.counters),
    loadContext: dispatchContextLoader(deps),
    clock,
    linkFor,
    buildMessage,
    planWhatsapp,
    sessions,
    recordOptOut,
    reminderDueAt,
    enqueueFollowUps,
  };
}

export type DispatchKit = ReturnType<typeof createDispatchKit>;
