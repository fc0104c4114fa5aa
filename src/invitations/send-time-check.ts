import type { ChannelName } from '../channels/channel';
import { optOutFlags } from '../contacts';
import type { DispatchContext } from './dispatch-context';
import { lastSurveyedAt } from './fatigue';
import type { InvitationDoc, InvitationModel } from './invitation.model';
import { decideSuppression, type SuppressionDecision } from './suppression';

/**
 * Suppression again, with what is true now: an opt-out, another survey, a changed quiet-hours
 * setting or an expiry may have happened since the invitation was scheduled.
 */
export async function checkAtSendTime(
  Invitations: InvitationModel,
  inv: InvitationDoc,
  ctx: DispatchContext,
  now: Date,
  /** Chat can go into the interaction's own conversation (see ConversationChat). */
  chatInConversation = false,
  /** The channels still open, when one was ruled out at send time; else the invitation's. */
  channels: ChannelName[] = inv.channels as ChannelName[],
): Promise<SuppressionDecision> {
  return decideSuppression({
    now,
    channels,
    contact: {
      phone: ctx.contact.phone,
      email: ctx.contact.email,
      timezone: ctx.contact.timezone,
      optedOut: optOutFlags(ctx.contact),
      lastSurveyedAt: await lastSurveyedAt(Invitations, {
        workspaceId: inv.workspaceId,
        contactId: inv.contactId,
        surveyType: inv.surveyType,
        excludeId: inv._id,
      }),
    },
    chatWebhookConfigured: Boolean(ctx.workspace.chatWebhookUrl),
    chatInConversation,
    fatigueWindowDays: ctx.workspace.fatigueWindowDays,
    samplingRate: 100, // sampled once, when scheduled
    sampleDraw: 0,
    sendAt: now,
    expiresAt: inv.expiresAt,
    workspaceTimezone: ctx.workspace.timezone,
    quietHours: ctx.workspace.quietHours,
  });
}
