import { Types } from 'mongoose';
import { interactionModel } from '../../src/interactions/interaction.model';
import { invitationModel } from '../../src/invitations/invitation.model';
import { responseModel } from '../../src/responses/response.model';
import { scoreCategory } from '../../src/responses';
import type { TestContext, TestWorkspace } from '../support/harness';

type Kind = 'nps' | 'csat' | 'ces';

export interface SeedAnswer {
  score: number | null;
  /** ISO instant of the answer. */
  at: string;
  type?: Kind;
  comment?: string | null;
  channel?: string;
  /** The answer's (and its invitation's) language; 'en' by default. */
  locale?: string;
  segment?: Record<string, unknown>;
  scale?: { min: number; max: number };
}

const DEFAULT_SEGMENT = {
  agentId: 'a1',
  agentName: 'Alice',
  team: 'Support',
  interactionChannel: 'chat',
  interactionType: 'ticket_closed',
  product: 'Pro',
  region: 'EU',
  reason: 'billing',
  revenue: null,
  attributes: {},
};

let seq = 0;
/** The interaction a segment snapshot was taken from, as the trigger API stores it. */
function interactionFor(ws: TestWorkspace, segment: typeof DEFAULT_SEGMENT, at: Date) {
  seq += 1;
  const { product, region, reason, revenue } = segment;
  return {
    _id: new Types.ObjectId(),
    workspaceId: ws.workspaceId,
    externalId: `report-ticket-${seq}`,
    type: segment.interactionType,
    occurredAt: at,
    customer: { id: `customer-${seq}` },
    agent: { id: segment.agentId, name: segment.agentName },
    team: segment.team,
    channel: segment.interactionChannel,
    attributes: { product, region, reason, revenue, ...segment.attributes },
  };
}

const SCALES: Record<Kind, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 5 },
};

/**
 * Answered invitations with their responses, shaped as the answering flow stores them (the
 * invitation sent an hour before the answer, delivered, then answered).
 */
export async function seedAnswers(ctx: TestContext, ws: TestWorkspace, answers: SeedAnswer[]) {
  const Invitations = invitationModel(ctx.container.mongo);
  const Responses = responseModel(ctx.container.mongo);
  const surveyId = new Types.ObjectId();
  const invitations: Record<string, unknown>[] = [];
  const interactions: Record<string, unknown>[] = [];
  const responses: Record<string, unknown>[] = [];
  for (const a of answers) {
    const type = a.type ?? 'nps';
    const scale = a.scale ?? SCALES[type];
    const direction = type === 'ces' && scale.max === 5 ? 'lower_better' : 'higher_better';
    const at = new Date(a.at);
    const sentAt = new Date(at.getTime() - 3600_000);
    const segment = { ...DEFAULT_SEGMENT, ...a.segment };
    const interaction = interactionFor(ws, segment, sentAt);
    interactions.push(interaction);
    const invitation = {
      _id: new Types.ObjectId(),
      interactionId: interaction._id,
      contactId: new Types.ObjectId(),
      workspaceId: ws.workspaceId,
      surveyId,
      surveyType: type,
      channels: [a.channel ?? 'sms'],
      channel: a.channel ?? 'sms',
      locale: a.locale ?? 'en',
      tokenHash: new Types.ObjectId().toHexString(),
      status: 'answered',
      expiresAt: new Date(at.getTime() + 7 * 86400_000),
      sentAt,
      deliveredAt: sentAt,
      answeredAt: at,
    };
    invitations.push(invitation);
    responses.push({
      workspaceId: ws.workspaceId,
      invitationId: invitation._id,
      interactionId: invitation.interactionId,
      surveyId,
      contactId: invitation.contactId,
      surveyType: type,
      scale,
      direction,
      score: a.score,
      category: a.score === null ? null : scoreCategory({ type, scale, direction }, a.score),
      comment: a.comment ?? null,
      locale: a.locale ?? 'en',
      channel: a.channel ?? 'sms',
      source: 'web',
      answeredAt: at,
      timing: 3600,
      segment,
    });
  }
  await interactionModel(ctx.container.mongo).insertMany(interactions);
  await Invitations.insertMany(invitations);
  await Responses.insertMany(responses);
}

/** Invitations sent (and delivered, or failed) that nobody answered. */
export async function seedUnanswered(
  ctx: TestContext,
  ws: TestWorkspace,
  count: number,
  at: string,
  options: {
    type?: Kind;
    status?: 'delivered' | 'sent' | 'failed';
    channel?: string;
    segment?: Record<string, unknown>;
  } = {},
) {
  const Invitations = invitationModel(ctx.container.mongo);
  const sentAt = new Date(at);
  const status = options.status ?? 'delivered';
  const interactions = Array.from({ length: count }, () =>
    interactionFor(ws, { ...DEFAULT_SEGMENT, ...options.segment }, sentAt),
  );
  await interactionModel(ctx.container.mongo).insertMany(interactions);
  await Invitations.insertMany(
    interactions.map((interaction) => ({
      workspaceId: ws.workspaceId,
      interactionId: interaction._id,
      surveyId: new Types.ObjectId(),
      surveyType: options.type ?? 'nps',
      contactId: new Types.ObjectId(),
      channels: [options.channel ?? 'sms'],
      channel: options.channel ?? 'sms',
      locale: 'en',
      tokenHash: new Types.ObjectId().toHexString(),
      status,
      expiresAt: new Date(sentAt.getTime() + 7 * 86400_000),
      sentAt,
      deliveredAt: status === 'delivered' ? sentAt : null,
    })),
  );
}

/** n answers of one score at one instant. */
export function many(n: number, score: number, at: string, extra: Partial<SeedAnswer> = {}) {
  return Array.from({ length: n }, () => ({ score, at, ...extra }));
}

/**
 * A follow-up task document as the tasks service stores it, for raw inserts whose timestamps are
 * the test's, not the clock's: open, unassigned, due a day after `at`, unless `fields` say more.
 */
export function rawTask(
  base: { workspaceId: Types.ObjectId; responseId: Types.ObjectId; originKey: string; at: Date },
  fields: Record<string, unknown> = {},
) {
  return {
    _id: new Types.ObjectId(),
    workspaceId: base.workspaceId,
    originKey: base.originKey,
    responseId: base.responseId,
    title: 'Call back',
    status: 'open',
    priority: 'normal',
    assigneeId: null,
    assigneeName: null,
    team: 'Support',
    dueAt: new Date(base.at.getTime() + 86400_000),
    overdue: false,
    notes: [],
    outcome: null,
    firstActionAt: null,
    resolvedAt: null,
    history: [],
    createdAt: base.at,
    updatedAt: base.at,
    ...fields,
  };
}
