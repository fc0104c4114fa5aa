import type { Connection, Types } from 'mongoose';
import { contactModel } from '../contacts/contact.model';
import { interactionModel, type InteractionDoc } from '../interactions/interaction.model';
import { invitationModel, type InvitationDoc } from '../invitations/invitation.model';
import {
  canAdvance,
  INVITATION_STATUSES,
  type InvitationStatus,
} from '../invitations/invitation-status';
import { hashLinkToken } from '../invitations/survey-link';
import type { SurveysService, SurveyView } from '../surveys';
import { ttlCache } from '../shared/ttl-cache';
import type { WorkspacesService, WorkspaceView } from '../workspaces';

/**
 * Everything an answer needs about its invitation, loaded in one place. The invitations,
 * contacts and interactions components expose no lookups by token or phone yet, so this file
 * reads their collections directly (read-only, except the two status moves below, which go
 * through canAdvance like every other status change).
 */
export interface AnswerContext {
  invitation: InvitationDoc;
  survey: SurveyView;
  workspace: WorkspaceView;
  contactLocale: string | null;
}

const TOKEN = /^[\w-]{22}$/;
const SETTINGS_TTL_MS = 5_000;
const from = (to: 'opened' | 'answered') => INVITATION_STATUSES.filter((s) => canAdvance(s, to));
const OPEN_STATUSES: InvitationStatus[] = ['sent', 'delivered', 'opened', 'answered'];

export function isClosed(invitation: InvitationDoc, now: Date): boolean {
  return (
    invitation.status === 'expired' ||
    invitation.status === 'suppressed' ||
    invitation.expiresAt.getTime() <= now.getTime()
  );
}

export function createAnswerContexts(
  conn: Connection,
  deps: { surveys: SurveysService; workspaces: WorkspacesService },
) {
  const Invitations = invitationModel(conn);
  const Contacts = contactModel(conn);
  const Interactions = interactionModel(conn);

  // Survey texts and workspace names change rarely; every page view needs them.
  const surveys = ttlCache<SurveyView | null>(SETTINGS_TTL_MS);
  const workspaces = ttlCache<WorkspaceView | null>(SETTINGS_TTL_MS);

  const contextOf = async (invitation: InvitationDoc): Promise<AnswerContext | null> => {
    const surveyKey = `${invitation.workspaceId}:${invitation.surveyId}`;
    const [survey, workspace, contact] = await Promise.all([
      surveys(surveyKey, () =>
        deps.surveys.get(invitation.workspaceId, String(invitation.surveyId)).catch(() => null),
      ),
      workspaces(String(invitation.workspaceId), () =>
        deps.workspaces.getWorkspace(invitation.workspaceId).catch(() => null),
      ),
      Contacts.findOne({ _id: invitation.contactId, workspaceId: invitation.workspaceId })
        .select({ locale: 1 })
        .lean(),
    ]);
    if (!survey || !workspace) return null;
    return { invitation, survey, workspace, contactLocale: contact?.locale ?? null };
  };

  const move = async (invitation: InvitationDoc, to: 'opened' | 'answered', at: Date) => {
    const stamp = to === 'opened' ? 'openedAt' : 'answeredAt';
    await Invitations.updateOne(
      { _id: invitation._id, workspaceId: invitation.workspaceId, status: { $in: from(to) } },
      { $set: { status: to, [stamp]: at }, $push: { history: { status: to, at, detail: null } } },
    );
  };

  return {
    async byToken(token: string): Promise<AnswerContext | null> {
      if (!TOKEN.test(token)) return null;
      const invitation = await Invitations.findOne({
        tokenHash: hashLinkToken(token),
      }).lean<InvitationDoc>();
      return invitation ? contextOf(invitation) : null;
    },

    async byInvitation(
      workspaceId: Types.ObjectId,
      invitationId: Types.ObjectId,
    ): Promise<AnswerContext | null> {
      const invitation = await Invitations.findOne({
        _id: invitationId,
        workspaceId,
      }).lean<InvitationDoc>();
      return invitation ? contextOf(invitation) : null;
    },

    /**
     * The newest SMS or WhatsApp invitation still open to a reply from this phone, in the
     * workspaces the reply was routed to (never across all of them).
     */
    async openForPhone(
      phone: string,
      workspaceIds: Types.ObjectId[],
      now: Date,
    ): Promise<AnswerContext | null> {
      const contacts = await Contacts.find({ phone, workspaceId: { $in: workspaceIds } })
        .select({ _id: 1, workspaceId: 1 })
        .lean();
      if (contacts.length === 0) return null;
      const invitation = await Invitations.findOne({
        workspaceId: { $in: contacts.map((c) => c.workspaceId) },
        contactId: { $in: contacts.map((c) => c._id) },
        channel: { $in: ['sms', 'whatsapp'] },
        status: { $in: OPEN_STATUSES },
        expiresAt: { $gt: now },
      })
        .sort({ sentAt: -1, createdAt: -1, _id: -1 })
        .lean<InvitationDoc>();
      return invitation ? contextOf(invitation) : null;
    },

    interactionOf: (invitation: InvitationDoc) =>
      Interactions.findOne({
        _id: invitation.interactionId,
        workspaceId: invitation.workspaceId,
      }).lean<InteractionDoc>(),

    markOpened: (invitation: InvitationDoc, at: Date) => move(invitation, 'opened', at),
    markAnswered: (invitation: InvitationDoc, at: Date) => move(invitation, 'answered', at),
  };
}

export type AnswerContexts = ReturnType<typeof createAnswerContexts>;
