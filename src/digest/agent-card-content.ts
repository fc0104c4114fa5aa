import type { Types } from 'mongoose';
import type { ReportsService } from '../reports';
import type { FollowupFigures } from '../reports/followup-figures';
import type { ScaleInfo, ScoreFigures, SurveyKind } from '../reports/score-figures';
import type { ResponseModel } from '../responses/response.model';
import { TYPE_LABELS } from './digest-content';
import type { DigestWeek } from './digest-week';

const TYPES: readonly SurveyKind[] = ['nps', 'csat', 'ces'];

export interface CardAgent {
  /** The Retour user id. */
  id: string;
  email: string;
  name: string;
}

export interface AgentCardSection extends ScaleInfo {
  type: SurveyKind;
  label: string;
  score: ScoreFigures;
  responseRate: number | null;
  team: {
    name: string;
    restOfTeam: ScoreFigures;
    difference: { difference: number; ci95: [number, number]; significant: boolean } | null;
  } | null;
  followUp: FollowupFigures;
  comments: { score: number | null; category: string | null; comment: string; at: Date | null }[];
}

export interface AgentCardContent {
  week: DigestWeek;
  agent: CardAgent;
  sections: AgentCardSection[];
  inboxUrl: string;
}

export interface AgentCardContentDeps {
  reports: ReportsService;
  Responses: ResponseModel;
  publicUrl: string;
}

/**
 * The helpdesk names an answer's agent by their Retour user id or their e-mail: the card reads
 * the one this agent's latest answer carries (the user id when they have none yet).
 */
async function agentIdOf(deps: AgentCardContentDeps, workspaceId: Types.ObjectId, a: CardAgent) {
  const latest = await deps.Responses.findOne({
    workspaceId,
    'segment.agentId': { $in: [a.id, a.email] },
  })
    .sort({ answeredAt: -1, _id: -1 })
    .select({ 'segment.agentId': 1 })
    .lean<{ segment: { agentId: string } }>();
  return latest?.segment.agentId ?? a.id;
}

/** One agent's week, from the agent report card only: nobody else's figures get in. */
export async function buildAgentCardContent(
  deps: AgentCardContentDeps,
  workspaceId: Types.ObjectId,
  agent: CardAgent,
  week: DigestWeek,
): Promise<AgentCardContent> {
  const agentId = await agentIdOf(deps, workspaceId, agent);
  const sections: AgentCardSection[] = [];
  for (const type of TYPES) {
    const card = await deps.reports.agentCard(workspaceId, agentId, {
      type,
      from: week.from.toISOString(),
      to: week.to.toISOString(),
      filters: {},
    });
    if (card.score.n === 0 && card.followup.detractors === 0) continue;
    sections.push({
      type,
      label: TYPE_LABELS[type],
      scale: card.scale,
      direction: card.direction,
      score: card.score,
      responseRate: card.responseRate,
      team:
        card.team && card.team.name
          ? {
              name: card.team.name,
              restOfTeam: card.team.restOfTeam,
              difference: card.team.difference,
            }
          : null,
      followUp: card.followup,
      comments: card.recentComments.map((c) => ({
        score: c.score ?? null,
        category: c.category ?? null,
        comment: c.comment ?? '',
        at: c.answeredAt ? new Date(c.answeredAt) : null,
      })),
    });
  }
  return { week, agent, sections, inboxUrl: `${deps.publicUrl}/app/inbox` };
}
