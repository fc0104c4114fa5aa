/**
 * Reproducible report data for bench/reports: interactions, the invitations they produced (failed,
 * sent, delivered, opened, expired or answered) and the responses of the answered ones, shaped as
 * the trigger API and the answering flow store them, written in large batches straight into the
 * collections (no API, no mongoose validation). The same seed gives the same documents, ids
 * included.
 */
import { DateTime } from 'luxon';
import { Types, type Connection } from 'mongoose';
import { interactionModel } from '../src/interactions/interaction.model';
import { invitationModel } from '../src/invitations/invitation.model';
import { responseModel } from '../src/responses/response.model';
import { scoreCategory } from '../src/responses';

export type Kind = 'nps' | 'csat' | 'ces';

export interface BenchSurvey {
  id: Types.ObjectId;
  scale: { min: number; max: number };
  direction: 'higher_better' | 'lower_better';
}

export interface ReportDataOptions {
  workspaceId: Types.ObjectId;
  surveys: Record<Kind, BenchSurvey>;
  /** How many responses to write; interactions and invitations follow from the rates below. */
  responses: number;
  /** Exclusive end of the data (answers fall in the `days` days before it). */
  end: Date;
  days?: number;
  timezone?: string;
  seed?: number;
  /** 0–255, distinct per data set sharing a database (ids and link tokens stay unique). */
  series?: number;
  batchSize?: number;
  onBatch?: (progress: { responses: number; interactions: number }) => void;
}

export interface ReportDataCounts {
  interactions: number;
  invitations: number;
  failed: number;
  answered: number;
  responses: number;
}

/** mulberry32: a tiny, fast, seedable PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TEAMS = [
  'Support',
  'Billing',
  'Retention',
  'Onboarding',
  'Tech',
  'Sales',
  'VIP',
  'Returns',
];
export const AGENTS = Array.from({ length: 50 }, (_, i) => ({
  id: `agent-${String(i + 1).padStart(2, '0')}`,
  name: `Agent ${i + 1}`,
  team: TEAMS[i % TEAMS.length]!,
}));
/** Where the support interaction happened (segment.interactionChannel). */
export const INTERACTION_CHANNELS = ['phone', 'chat', 'email', 'store'];
/** Where the survey went (invitation and response `channel`). */
const SURVEY_CHANNELS = ['sms', 'email', 'whatsapp', 'link'];
const PRODUCTS = ['Free', 'Starter', 'Pro', 'Business', 'Enterprise'];
const REGIONS = ['FR', 'BE', 'CH', 'CA', 'US'];
const REASONS = ['billing', 'bug', 'how-to', 'delivery', 'refund', 'account', 'outage', 'other'];
const COMMENTS = [
  'Très rapide, merci !',
  'Nobody called me back.',
  'Problème réglé du premier coup.',
  'Had to explain my issue three times.',
  'Super agent, très patient.',
  'The app still crashes after the update.',
];

/** Share of invitations whose send failed, and of reached invitations that get an answer. */
export const FAILED_SHARE = 0.03;
export const ANSWERED_SHARE = 0.75;

/**
 * A fixed-width ObjectId: 4 bytes of seconds (as mongod's), 1 byte of kind, 1 byte of series
 * (one per data set written into the same database), 6 bytes of counter.
 */
function objectId(at: Date, kind: number, series: number, n: number): Types.ObjectId {
  const secs = Math.floor(at.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  const hex = (v: number, width: number) => v.toString(16).padStart(width, '0');
  return new Types.ObjectId(`${secs}${hex(kind, 2)}${hex(series, 2)}${hex(n, 12)}`);
}

/** Scores lean per agent (a quality in −1..1) and drift slowly over time, so reports have shape. */
function drawScore(kind: Kind, survey: BenchSurvey, quality: number, rand: () => number): number {
  const { min, max } = survey.scale;
  const good = Math.min(0.95, Math.max(0.05, 0.55 + 0.25 * quality));
  const bad = Math.min(0.9, Math.max(0.02, 0.2 - 0.12 * quality));
  const u = rand();
  const span = max - min + 1;
  const pick = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  if (kind === 'nps') return u < good ? pick(9, 10) : u < good + bad ? pick(0, 6) : pick(7, 8);
  // CSAT and CES 1–5: the "good" end is 4–5 for CSAT, 1–2 for CES (lower is better).
  const top = u < good;
  const low = !top && u < good + bad;
  if (kind === 'csat' || survey.direction === 'higher_better')
    return top
      ? max - Math.floor(rand() * 2)
      : low
        ? min + Math.floor(rand() * 2)
        : min + Math.floor(span / 2);
  return top
    ? min + Math.floor(rand() * 2)
    : low
      ? max - Math.floor(rand() * 2)
      : min + Math.floor(span / 2);
}

/** Writes the data set; returns what it wrote. */
export async function generateReportData(
  conn: Connection,
  options: ReportDataOptions,
): Promise<ReportDataCounts> {
  const rand = seededRandom(options.seed ?? 20261125);
  const days = options.days ?? 730;
  const zone = options.timezone ?? 'Europe/Paris';
  const batchSize = options.batchSize ?? 5000;
  const series = options.series ?? 0;
  const firstDay = DateTime.fromJSDate(options.end, { zone }).startOf('day').minus({ days });
  const qualities = AGENTS.map(() => rand() * 2 - 1);
  const Interactions = interactionModel(conn).collection;
  const Invitations = invitationModel(conn).collection;
  const Responses = responseModel(conn).collection;
  const counts: ReportDataCounts = {
    interactions: 0,
    invitations: 0,
    failed: 0,
    answered: 0,
    responses: 0,
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

  while (counts.responses < options.responses) {
    const interactions: Record<string, unknown>[] = [];
    const invitations: Record<string, unknown>[] = [];
    const responses: Record<string, unknown>[] = [];
    while (interactions.length < batchSize && counts.responses < options.responses) {
      const i = counts.interactions++;
      // Working hours, more on weekdays: the volume heat map has a shape.
      let day = Math.floor(rand() * days);
      const local = firstDay.plus({ days: day });
      if (local.weekday >= 6 && rand() < 0.6) day = (day + 2) % days;
      const occurredAt = firstDay
        .plus({ days: day, hours: 8 + Math.floor(rand() * 11), minutes: Math.floor(rand() * 60) })
        .toJSDate();
      const agentIndex = Math.floor(rand() * AGENTS.length);
      const agent = AGENTS[agentIndex]!;
      const u = rand();
      const kind: Kind = u < 0.6 ? 'nps' : u < 0.9 ? 'csat' : 'ces';
      const survey = options.surveys[kind];
      const interactionChannel = pick(INTERACTION_CHANNELS);
      const channel = pick(SURVEY_CHANNELS);
      const attributes = {
        product: pick(PRODUCTS),
        region: pick(REGIONS),
        reason: pick(REASONS),
        revenue: Math.round(20 + 2000 * rand() ** 3),
        tier: rand() < 0.1 ? 'gold' : 'standard',
      };
      const contactId = objectId(occurredAt, 4, series, Math.floor(rand() * 200_000));
      const interactionId = objectId(occurredAt, 1, series, i);
      interactions.push({
        _id: interactionId,
        workspaceId: options.workspaceId,
        externalId: `bench-${i}`,
        type: rand() < 0.8 ? 'ticket.solved' : 'chat.closed',
        occurredAt,
        customer: { id: `customer-${contactId.toHexString().slice(-6)}`, locale: 'fr' },
        agent: { id: agent.id, name: agent.name },
        team: agent.team,
        channel: interactionChannel,
        attributes,
        surveyRequest: null,
        contactId,
        result: null,
        createdAt: occurredAt,
        updatedAt: occurredAt,
      });

      const sentAt = new Date(occurredAt.getTime() + 15 * 60_000);
      const failed = rand() < FAILED_SHARE;
      const answered = !failed && rand() < ANSWERED_SHARE + 0.1 * qualities[agentIndex]!;
      const answeredAt = answered
        ? new Date(sentAt.getTime() + Math.floor(60_000 + rand() * 6 * 3600_000))
        : null;
      const status = failed
        ? 'failed'
        : answered
          ? 'answered'
          : pick(['sent', 'delivered', 'delivered', 'opened', 'expired']);
      const deliveredAt = !failed && channel !== 'link' && status !== 'sent' ? sentAt : null;
      const invitationId = objectId(sentAt, 2, series, i);
      invitations.push({
        _id: invitationId,
        workspaceId: options.workspaceId,
        interactionId,
        surveyId: survey.id,
        surveyType: kind,
        triggerId: null,
        contactId,
        channels: [channel],
        channel,
        to: null,
        locale: 'fr',
        agentName: agent.name,
        tokenHash: `bench${series}-${i.toString(16).padStart(12, '0')}`,
        status,
        reason: failed ? 'provider error' : null,
        history: [
          { status: 'scheduled', at: occurredAt, detail: null },
          { status: failed ? 'failed' : 'sent', at: sentAt, detail: null },
          ...(answeredAt ? [{ status: 'answered', at: answeredAt, detail: null }] : []),
        ],
        scheduledFor: sentAt,
        deferredByQuietHours: false,
        expiresAt: new Date(sentAt.getTime() + 7 * 86400_000),
        sendingAt: sentAt,
        sentAt: failed ? null : sentAt,
        deliveredAt,
        openedAt: answeredAt,
        answeredAt,
        providerId: null,
        segments: null,
        encoding: null,
        reminder: { status: 'none', dueAt: null, sentAt: null, providerId: null, detail: null },
        createdAt: occurredAt,
        updatedAt: answeredAt ?? sentAt,
      });
      // Failed sends still count for the data set's shape but never reach anyone.
      counts.invitations++;
      if (failed) counts.failed++;
      if (!answeredAt) continue;
      counts.answered++;

      const score = drawScore(kind, survey, qualities[agentIndex]!, rand);
      const category = scoreCategory(
        { type: kind, scale: survey.scale, direction: survey.direction },
        score,
      );
      const comment = rand() < 0.2 ? pick(COMMENTS) : null;
      const source = channel === 'sms' && rand() < 0.5 ? 'sms-reply' : 'web';
      responses.push({
        _id: objectId(answeredAt, 3, series, i),
        workspaceId: options.workspaceId,
        invitationId,
        interactionId,
        surveyId: survey.id,
        contactId,
        surveyType: kind,
        scale: survey.scale,
        direction: survey.direction,
        score,
        category,
        comment,
        locale: 'fr',
        channel,
        source,
        answeredAt,
        timing: Math.round((answeredAt.getTime() - sentAt.getTime()) / 1000),
        segment: {
          agentId: agent.id,
          agentName: agent.name,
          team: agent.team,
          interactionChannel,
          interactionType: interactions.at(-1)!.type,
          product: attributes.product,
          region: attributes.region,
          reason: attributes.reason,
          revenue: attributes.revenue,
          attributes: { tier: attributes.tier },
        },
        version: 1,
        history: [{ score, category, comment, source, at: answeredAt }],
        createdAt: answeredAt,
        updatedAt: answeredAt,
      });
      counts.responses++;
    }
    await Interactions.insertMany(interactions, { ordered: false });
    await Invitations.insertMany(invitations, { ordered: false });
    if (responses.length) await Responses.insertMany(responses, { ordered: false });
    options.onBatch?.({ responses: counts.responses, interactions: counts.interactions });
  }
  return counts;
}
