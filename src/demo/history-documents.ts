import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { DemoHistoryPlan, DemoSurvey, SurveyKind } from './history-plan';

/**
 * Random stand-ins for token hashes, one per invitation: nobody holds a token that hashes to
 * them, so demo invitations have no working survey link.
 */
function deadTokenHashes(count: number): () => string {
  const pool = randomBytes(32 * count).toString('hex');
  let next = 0;
  return () => pool.slice(64 * next, 64 * ++next);
}

/**
 * The plan as the documents each collection stores, shaped as the real flows write them (the
 * 202 result on the interaction, the invitation's status history, the answer's segment
 * snapshot, the task's origin key of its rule), with their ids.
 */
export function toDocuments(
  plan: DemoHistoryPlan,
  workspaceId: Types.ObjectId,
  surveys: Partial<Record<SurveyKind, { id: Types.ObjectId } & DemoSurvey>>,
  ruleIds: Partial<Record<SurveyKind, string>>,
  /** updatedAt of every document: when it was written, so incremental readers pick it up. */
  writtenAt: Date,
) {
  const contactIds = plan.contacts.map(() => new Types.ObjectId());
  const tokenHash = deadTokenHashes(plan.cases.length);
  const contacts = plan.contacts.map((c, i) => ({
    _id: contactIds[i],
    workspaceId,
    key: `id:${c.externalId}`,
    externalId: c.externalId,
    name: c.name,
    phone: c.phone,
    email: c.email,
    locale: c.locale,
    attributes: { tier: c.tier, demo: true },
    createdAt: writtenAt,
    updatedAt: writtenAt,
  }));
  const interactions: Record<string, unknown>[] = [];
  const invitations: Record<string, unknown>[] = [];
  const responses: Record<string, unknown>[] = [];
  const tasks: Record<string, unknown>[] = [];
  for (const c of plan.cases) {
    const contact = plan.contacts[c.contact]!;
    const contactId = contactIds[c.contact]!;
    const survey = surveys[c.invitation.surveyType]!;
    const interactionId = new Types.ObjectId();
    const invitationId = new Types.ObjectId();
    const inv = c.invitation;
    interactions.push({
      _id: interactionId,
      workspaceId,
      externalId: c.interaction.externalId,
      type: c.interaction.type,
      occurredAt: c.interaction.occurredAt,
      customer: {
        id: contact.externalId,
        name: contact.name,
        phone: contact.phone,
        email: contact.email,
        locale: contact.locale,
      },
      agent: c.interaction.agent,
      team: c.interaction.team,
      channel: c.interaction.channel,
      attributes: c.interaction.attributes,
      surveyRequest: { type: inv.surveyType, channels: [inv.channel] },
      contactId,
      result: {
        interaction: { id: String(interactionId), externalId: c.interaction.externalId },
        invitations: [
          {
            id: String(invitationId),
            survey: String(survey.id),
            type: inv.surveyType,
            channel: inv.channel,
            status: 'scheduled',
            scheduledFor: inv.createdAt.toISOString(),
            url: null,
          },
        ],
      },
      createdAt: c.interaction.occurredAt,
      updatedAt: writtenAt,
    });
    invitations.push({
      _id: invitationId,
      workspaceId,
      interactionId,
      surveyId: survey.id,
      surveyType: inv.surveyType,
      triggerId: null,
      contactId,
      channels: [inv.channel],
      channel: inv.channel,
      to: inv.to,
      locale: inv.locale,
      agentName: c.interaction.agent?.name ?? null,
      tokenHash: tokenHash(),
      status: inv.status,
      reason: inv.reason,
      history: inv.history,
      scheduledFor: inv.createdAt,
      expiresAt: inv.expiresAt,
      sendingAt: inv.sentAt,
      sentAt: inv.sentAt,
      deliveredAt: inv.deliveredAt,
      openedAt: inv.openedAt,
      answeredAt: inv.answeredAt,
      providerId: inv.channel === 'link' ? '' : `demo-${String(invitationId)}`,
      reminder: inv.reminderSentAt
        ? {
            status: 'sent',
            dueAt: new Date(+inv.sentAt + survey.reminderDelayMs),
            sentAt: inv.reminderSentAt,
          }
        : { status: 'none' },
      createdAt: inv.createdAt,
      updatedAt: writtenAt,
    });
    const r = c.response;
    if (!r) continue;
    const responseId = new Types.ObjectId();
    responses.push({
      _id: responseId,
      workspaceId,
      invitationId,
      interactionId,
      surveyId: survey.id,
      contactId,
      surveyType: inv.surveyType,
      scale: survey.scale,
      direction: survey.direction,
      score: r.score,
      category: r.category,
      comment: r.comment,
      locale: inv.locale,
      channel: inv.channel,
      source: r.source,
      answeredAt: r.answeredAt,
      timing: Math.round((+r.answeredAt - +inv.sentAt) / 1000),
      segment: r.segment,
      version: 1,
      history: [
        {
          score: r.score,
          category: r.category,
          comment: r.comment,
          source: r.source,
          at: r.answeredAt,
        },
      ],
      createdAt: r.answeredAt,
      updatedAt: writtenAt,
    });
    const t = c.followUp;
    if (!t) continue;
    const ruleId = ruleIds[inv.surveyType] ?? null;
    tasks.push({
      _id: new Types.ObjectId(),
      workspaceId,
      originKey: `${String(responseId)}:${ruleId ?? 'demo'}:0`,
      responseId,
      contactId,
      interactionId,
      ruleId,
      title: t.title,
      status: t.status,
      priority: t.priority,
      assigneeId: t.assignee ? new Types.ObjectId(t.assignee.id) : null,
      assigneeName: t.assignee?.name ?? null,
      team: t.team,
      dueAt: t.dueAt,
      overdue: t.overdue,
      escalatedAt: t.escalatedAt,
      surveyType: inv.surveyType,
      score: r.score,
      category: r.category,
      comment: r.comment,
      notes: t.notes,
      outcome: t.outcome,
      firstActionAt: t.firstActionAt,
      resolvedAt: t.resolvedAt,
      history: t.history,
      createdAt: t.createdAt,
      updatedAt: writtenAt,
    });
  }
  return { contacts, interactions, invitations, responses, tasks };
}
