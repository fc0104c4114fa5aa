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
import type { WorkspacesService, WorkspaceView } from '../workspaces';
import type { ResponseDoc } from './response.model';
import { settingsCache } from './settings-cache';

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
  /** The invitation's response when it was read along (null: none); undefined: not read. */
  response?: ResponseDoc | null;
  /** The interaction when it was read along (the answer's segment); undefined: not read. */
  interaction?: InteractionDoc | null;
}

/** What an invitation read joins, beside the invitation itself. */
interface Joined {
  _response?: ResponseDoc[];
  _interaction?: InteractionDoc[];
  _contact?: { locale?: string | null }[];
  _survey?: { updatedAt?: Date }[];
  _workspace?: { updatedAt?: Date }[];
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
  const Responses = conn.collection('responses');

  // Survey texts and workspace names change rarely; every page view needs them.
  const surveys = settingsCache<SurveyView>(SETTINGS_TTL_MS);
  const workspaces = settingsCache<WorkspaceView>(SETTINGS_TTL_MS);

  const contextOf = async (
    invitation: InvitationDoc,
    joined: Joined = {},
  ): Promise<AnswerContext | null> => {
    const { workspaceId } = invitation;
    const surveyKey = `${workspaceId}:${invitation.surveyId}`;
    // Invitations made before contactLocale was kept on them name no contact locale.
    const snapshot = (invitation as { contactLocale?: string | null }).contactLocale;
    const contactLocale = joined._contact
      ? Promise.resolve(joined._contact[0]?.locale ?? null)
      : snapshot !== undefined
        ? Promise.resolve(snapshot)
        : Contacts.findOne({ _id: invitation.contactId, workspaceId })
            .select({ locale: 1 })
            .lean()
            .then((c) => c?.locale ?? null);
    const [survey, workspace, locale] = await Promise.all([
      surveys.get(surveyKey, joined._survey?.[0]?.updatedAt, () =>
        deps.surveys.get(workspaceId, String(invitation.surveyId)).catch(() => null),
      ),
      workspaces.get(String(workspaceId), joined._workspace?.[0]?.updatedAt, () =>
        deps.workspaces.getWorkspace(workspaceId).catch(() => null),
      ),
      contactLocale,
    ]);
    if (!survey || !workspace) return null;
    const ctx: AnswerContext = { invitation, survey, workspace, contactLocale: locale };
    if (joined._response) ctx.response = joined._response[0] ?? null;
    if (joined._interaction) ctx.interaction = joined._interaction[0] ?? null;
    return ctx;
  };

  /**
   * One read of the invitation with what answering it needs: its response, interaction, the
   * contact's locale and the survey's and workspace's updatedAt (which validate the cache).
   */
  const readJoined = async (match: Record<string, unknown>, withInteraction: boolean) => {
    // The let form, not localField with a pipeline, which the test stand-in refuses (mingo
    // would run that pipeline over the whole joined collection). $eq in $expr uses the index.
    const scoped = (from: string, localField: string, foreignField: string, project: object) => ({
      $lookup: {
        from,
        let: { w: '$workspaceId', k: `$${localField}` },
        pipeline: [
          {
            $match: {
              $expr: {
                $and: [{ $eq: [`$${foreignField}`, '$$k'] }, { $eq: ['$workspaceId', '$$w'] }],
              },
            },
          },
          { $limit: 1 },
          ...(Object.keys(project).length ? [{ $project: project }] : []),
        ],
        as: `_${from === 'responses' ? 'response' : from.slice(0, -1)}`,
      },
    });
    const [doc] = await Invitations.collection
      .aggregate<InvitationDoc & Joined>([
        { $match: match },
        { $limit: 1 },
        scoped('responses', '_id', 'invitationId', {}),
        ...(withInteraction ? [scoped('interactions', 'interactionId', '_id', {})] : []),
        scoped('contacts', 'contactId', '_id', { locale: 1 }),
        scoped('surveys', 'surveyId', '_id', { updatedAt: 1 }),
        {
          $lookup: {
            from: 'workspaces',
            let: { w: '$workspaceId' },
            pipeline: [
              { $match: { $expr: { $eq: ['$_id', '$$w'] } } },
              { $limit: 1 },
              { $project: { updatedAt: 1 } },
            ],
            as: '_workspace',
          },
        },
      ])
      .toArray();
    if (!doc) return null;
    const { _response, _interaction, _contact, _survey, _workspace, ...invitation } = doc;
    return contextOf(invitation as InvitationDoc, {
      _response,
      _contact,
      _survey,
      _workspace,
      ...(withInteraction ? { _interaction } : {}),
    });
  };

  const move = async (invitation: InvitationDoc, to: 'opened' | 'answered', at: Date) => {
    const stamp = to === 'opened' ? 'openedAt' : 'answeredAt';
    await Invitations.updateOne(
      { _id: invitation._id, workspaceId: invitation.workspaceId, status: { $in: from(to) } },
      { $set: { status: to, [stamp]: at }, $push: { history: { status: to, at, detail: null } } },
    );
  };

  return {
    /** The invitation with its response and interaction (to answer) or its response (to thank). */
    async byToken(
      token: string,
      options: { interaction?: boolean } = {},
    ): Promise<AnswerContext | null> {
      if (!TOKEN.test(token)) return null;
      return readJoined({ tokenHash: hashLinkToken(token) }, options.interaction ?? false);
    },

    /**
     * The survey page's read: one findOneAndUpdate that also marks the invitation opened when
     * the page will show the form (an open link on the main line, before any answer). Its
     * response is read only when the invitation says it has one (or predates that field).
     */
    async openByToken(token: string, now: Date): Promise<AnswerContext | null> {
      if (!TOKEN.test(token)) return null;
      const moves = {
        $and: [{ $in: ['$status', from('opened')] }, { $gt: ['$expiresAt', now] }],
      };
      const when = (then: unknown, otherwise: unknown) => ({ $cond: [moves, then, otherwise] });
      const invitation = await Invitations.collection.findOneAndUpdate(
        { tokenHash: hashLinkToken(token) },
        [
          {
            $set: {
              status: when('opened', '$status'),
              openedAt: when(now, '$openedAt'),
              updatedAt: when(now, '$updatedAt'),
              history: when(
                { $concatArrays: ['$history', [{ status: 'opened', at: now, detail: null }]] },
                '$history',
              ),
            },
          },
        ],
        { returnDocument: 'after' },
      );
      if (!invitation) return null;
      const doc = invitation as unknown as InvitationDoc & { respondedAt?: Date | null };
      const response =
        doc.respondedAt === null
          ? null
          : ((await Responses.findOne({
              workspaceId: doc.workspaceId,
              invitationId: doc._id,
            })) as ResponseDoc | null);
      const ctx = await contextOf(doc);
      if (ctx) ctx.response = response;
      return ctx;
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

    /**
     * After each stored version of the response: the invitation notes that it has one (so the
     * survey page reads it) and, for a score, moves to answered, in one update.
     */
    async markResponded(invitation: InvitationDoc, at: Date, scored: boolean) {
      const moves = { $and: [scored, { $in: ['$status', from('answered')] }] };
      const when = (then: unknown, otherwise: unknown) => ({ $cond: [moves, then, otherwise] });
      await Invitations.collection.updateOne(
        { _id: invitation._id, workspaceId: invitation.workspaceId },
        [
          {
            $set: {
              respondedAt: { $ifNull: ['$respondedAt', at] },
              updatedAt: at,
              status: when('answered', '$status'),
              answeredAt: when(at, '$answeredAt'),
              history: when(
                { $concatArrays: ['$history', [{ status: 'answered', at, detail: null }]] },
                '$history',
              ),
            },
          },
        ],
      );
    },
  };
}

export type AnswerContexts = ReturnType<typeof createAnswerContexts>;
