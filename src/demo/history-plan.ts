import type { ScaleSpec, ScoreCategory } from '../responses/score-category';
import { segmentOf, type Segment } from '../responses/segment';
import {
  ALL_REASONS,
  DELIVERY_REASON,
  INTERACTION_KINDS,
  PRODUCTS,
  REASONS_BY_TEAM,
  REGIONS,
  SURVEY_MIX,
  type InteractionKind,
  type Product,
  type Reason,
} from './history-catalog';
import {
  contactTime,
  historyDays,
  WEEKDAY_VOLUME,
  weekStartOf,
  type LocalDay,
} from './history-calendar';
import { commentFor } from './history-comments';
import { planContacts, type PlannedContact } from './history-contacts';
import { planFollowup, type DemoAgent, type PlannedTask } from './history-followup';
import {
  planInvitation,
  type AnswerSource,
  type PlannedInvitation,
  type SurveyChannel,
} from './history-invitation';
import { drawScore } from './history-scores';
import { createRng, type Rng } from './prng';

export type { DemoAgent } from './history-followup';
export type { PlannedContact } from './history-contacts';
export type SurveyKind = ScaleSpec['type'];

/** Every demo interaction and customer id starts with this, so demo data is easy to tell. */
export const DEMO_ID_PREFIX = 'demo-';
/** The product whose outage makes the bad week, four weeks before `now`. */
export const BAD_WEEK_PRODUCT = 'Fibre';
const BAD_WEEK_WEEKS_AGO = 4;
const DAY_MS = 86_400_000;
/** Agents differ a little: the first is the star, the last has their moments. */
const AGENT_MOOD = [0.15, -0.05, 0.05, -0.1];

export interface DemoSurvey extends ScaleSpec {
  expiryMs: number;
  reminderDelayMs: number;
}

export interface DemoHistoryInput {
  now: Date;
  weeks: number;
  seed: number;
  timezone: string;
  interactionsPerWeek: number;
  /** The workspace's default survey per type; types without one are not asked. */
  surveys: Partial<Record<SurveyKind, DemoSurvey>>;
  /** Agents who handle the interactions (the demo agent users). */
  agents: readonly DemoAgent[];
}

export interface PlannedInteraction {
  externalId: string;
  type: string;
  occurredAt: Date;
  agent: { id: string; name: string; email: string } | null;
  team: string | null;
  channel: string;
  attributes: Record<string, unknown>;
}

export interface PlannedCase {
  /** Index into the plan's contacts. */
  contact: number;
  interaction: PlannedInteraction;
  invitation: PlannedInvitation & { surveyType: SurveyKind; to: string; locale: 'fr' | 'en' };
  response: {
    score: number;
    category: ScoreCategory;
    comment: string | null;
    source: AnswerSource;
    answeredAt: Date;
    segment: Segment;
  } | null;
  followUp: PlannedTask | null;
}

export interface DemoHistoryPlan {
  /** Monday 00:00 (local) of the week of the outage. */
  badWeek: Date;
  /** The agent whose week it was (the last agent), if any. */
  badAgent: DemoAgent | null;
  contacts: PlannedContact[];
  cases: PlannedCase[];
}

interface Slot {
  day: LocalDay;
  at: Date;
  hour: number;
}

/** When interactions happen: weekday and office-hours profile, slow growth, a busy bad week. */
function planSlots(input: DemoHistoryInput, days: LocalDay[], badWeek: number, rng: Rng): Slot[] {
  const firstMs = days[0]!.startMs;
  const fromMs = +input.now - input.weeks * 7 * DAY_MS;
  const spanMs = days.length * DAY_MS;
  const totalWeight = days.reduce((t, d) => t + WEEKDAY_VOLUME[d.weekday]!, 0);
  const perWeight = (input.interactionsPerWeek * (days.length / 7)) / totalWeight;
  const slots: Slot[] = [];
  for (const day of days) {
    const growth = 0.9 + 0.2 * ((day.startMs - firstMs) / spanMs);
    const busy = day.weekStartMs === badWeek ? 1.25 : 1;
    const expected = perWeight * WEEKDAY_VOLUME[day.weekday]! * growth * busy;
    const count = Math.max(0, Math.round(expected + rng.normal() * Math.sqrt(expected)));
    for (let i = 0; i < count; i++) {
      const { at, hour } = contactTime(day, rng);
      if (+at >= fromMs && at < input.now) slots.push({ day, at, hour });
    }
  }
  return slots.sort((a, b) => +a.at - +b.at);
}

/**
 * How the answer leans (0 = the baseline; negative is worse): a mild upward trend over the
 * history, Monday's backlog, the channel, the reason, the agent, and the outage week.
 */
function moodFor(f: {
  progress: number;
  weekday: number;
  kind: InteractionKind;
  reason: Reason;
  agentIndex: number;
  outage: boolean;
  badAgentsWeek: boolean;
}): number {
  return (
    -0.15 +
    0.45 * f.progress +
    (f.weekday === 1 ? -0.2 : 0) +
    f.kind.mood +
    f.reason.mood +
    (f.agentIndex >= 0 ? AGENT_MOOD[f.agentIndex % AGENT_MOOD.length]! : 0) +
    (f.outage ? -1.3 : 0) +
    (f.badAgentsWeek ? -0.5 : 0)
  );
}

/**
 * The whole demo history, pure: interactions over `weeks` weeks up to `now` with office-hours
 * peaks, a Monday backlog, a mild upward trend and one bad week (a fibre outage, hardest on the
 * last agent); invitations on the workspace's default surveys, some failed, about 40 % answered;
 * answers with French and English comments; follow-up tasks for NPS detractors and CSAT 1–2 as
 * the default rules make them. The same input gives the same plan.
 */
export function planDemoHistory(input: DemoHistoryInput): DemoHistoryPlan {
  const rng = createRng(input.seed);
  const { now, timezone: zone, agents } = input;
  const days = historyDays(now, input.weeks, zone);
  const badWeek = weekStartOf(new Date(+now - BAD_WEEK_WEEKS_AGO * 7 * DAY_MS), zone);
  const badAgent = agents.length ? agents[agents.length - 1]! : null;
  const types = SURVEY_MIX.filter(([t]) => input.surveys[t]);
  const plan: DemoHistoryPlan = { badWeek: new Date(badWeek), badAgent, contacts: [], cases: [] };
  if (types.length === 0) return plan;

  const slots = planSlots(input, days, badWeek, rng);
  // A customer comes back about every five weeks: never twice within the fatigue window.
  const contactCount = Math.max(1, Math.ceil((slots.length * 35) / days.length));
  plan.contacts = planContacts(contactCount, DEMO_ID_PREFIX, rng);
  const order = rng.shuffle(Array.from({ length: contactCount }, (_, i) => i));
  const firstMs = days[0]!.startMs;
  const rulesFrom = firstMs + 9 * DAY_MS; // the follow-up rules were switched on after a week
  const fibre: Product = PRODUCTS.find(([p]) => p.name === BAD_WEEK_PRODUCT)![0];
  const supportTeam = agents.find((a) => a.team === 'support')?.team ?? null;
  const seq: Record<string, number> = {};

  for (const [index, slot] of slots.entries()) {
    const contactIndex = order[index % contactCount]!;
    const contact = plan.contacts[contactIndex]!;
    const inBadWeek = slot.day.weekStartMs === badWeek;
    const kind = rng.weighted(INTERACTION_KINDS);
    let product = rng.weighted(PRODUCTS);
    if (inBadWeek && rng.chance(0.3)) product = fibre;
    const outage = inBadWeek && product === fibre;
    const agent = kind.hasAgent && agents.length ? rng.pick(agents) : null;
    const team = agent ? agent.team : supportTeam;
    let reason: Reason = agent
      ? rng.weighted((agent.team && REASONS_BY_TEAM[agent.team]) || ALL_REASONS)
      : DELIVERY_REASON;
    if (outage && agent?.team === 'support') reason = { name: 'technical issue', mood: 0 };
    const prefix = kind.type.split('.')[0]!;
    seq[prefix] = (seq[prefix] ?? 0) + 1;
    const interaction: PlannedInteraction = {
      externalId: `${DEMO_ID_PREFIX}${prefix}-${String(seq[prefix]).padStart(5, '0')}`,
      type: kind.type,
      occurredAt: slot.at,
      agent: agent ? { id: agent.id, name: agent.name, email: agent.email } : null,
      team,
      channel: kind.channel,
      attributes: {
        product: product.name,
        region: rng.weighted(REGIONS),
        reason: reason.name,
        revenue: rng.pick(product.plans),
        tier: contact.tier,
        demo: true,
      },
    };

    const surveyType = rng.weighted(types);
    const survey = input.surveys[surveyType]!;
    const channel: SurveyChannel = rng.weighted(kind.surveyChannels);
    const { invitation, source } = planInvitation(
      {
        channel,
        at: slot.at,
        day: slot.day,
        hour: slot.hour,
        expiryMs: survey.expiryMs,
        reminderDelayMs: survey.reminderDelayMs,
        answerBoost: outage ? 1.2 : 1,
        now,
      },
      rng,
    );
    const to = channel === 'email' ? contact.email : channel === 'link' ? '' : contact.phone;
    const planned: PlannedCase = {
      contact: contactIndex,
      interaction,
      invitation: { ...invitation, surveyType, to, locale: contact.locale },
      response: null,
      followUp: null,
    };
    plan.cases.push(planned);
    if (!source || !invitation.answeredAt) continue;

    const answeredAt = invitation.answeredAt;
    const badAgentsWeek = inBadWeek && agent !== null && agent === badAgent;
    const mood = moodFor({
      progress: (+slot.at - firstMs) / (days.length * DAY_MS),
      weekday: slot.day.weekday,
      kind,
      reason,
      agentIndex: agent ? agents.indexOf(agent) : -1,
      outage,
      badAgentsWeek,
    });
    const { score, category } = drawScore(survey, mood, rng);
    const comment = commentFor(
      { category, locale: contact.locale, oneClick: source === 'email-click' },
      { outage, surveyType, reason: reason.name },
      rng,
    );
    planned.response = {
      score,
      category,
      comment,
      source,
      answeredAt,
      segment: segmentOf(interaction),
    };

    const followedUp =
      (surveyType === 'nps' && category === 'detractor') ||
      (surveyType === 'csat' && category === 'unsatisfied');
    if (!followedUp || +answeredAt < rulesFrom) continue;
    planned.followUp = planFollowup(
      {
        surveyType: surveyType as 'nps' | 'csat',
        answeredAt,
        now,
        timezone: zone,
        agent,
        team,
        teamAgents: agents.filter((a) => a.team === team),
        slowness: badAgentsWeek ? 3 : 1,
      },
      rng,
    );
  }
  return plan;
}
