import { Types } from 'mongoose';
import type { ResponseDoc } from '../responses/response.model';
import { AppError } from '../shared/errors';
import type { UserModel } from '../workspaces/users/user.model';
import type { ReportReads } from './report-sources';
import { followupFigures, primaryTask } from './followup-figures';
import { detractorRows, type FollowupDeps } from './followup.service';
import { responsesMatch } from './pipelines/match';
import { scoreGroupsPipeline, toScoreRow, type ScoreGroupRaw } from './pipelines/score-groups';
import { scaleMatch } from './report-context';
import type { ReportQuery } from './report-query.schema';
import { resolveRange } from './report-range';
import { CATEGORY_KEYS, scoreChange, scoreFigures, type ScoreSums } from './score-figures';
import { scoreTable } from './summary.service';

export interface AgentCardDeps extends FollowupDeps {
  Users: ReportReads<UserModel>;
}

interface RawUser {
  _id: Types.ObjectId;
  name?: string;
  email?: string;
  teams?: string[];
}

const EMPTY: ScoreSums = { n: 0, sum: 0, sumSq: 0, counts: {} };
const RECENT_COMMENTS = 5;

/** A user of the workspace by id or email (inactive ones too: their history still counts). */
async function findUser(Users: ReportReads<UserModel>, workspaceId: Types.ObjectId, id: string) {
  const or: Record<string, unknown>[] = [{ email: id.toLowerCase() }];
  if (/^[0-9a-f]{24}$/i.test(id)) or.push({ _id: new Types.ObjectId(id) });
  return Users.findOne({ workspaceId, $or: or }).lean<RawUser>();
}

/**
 * An agent's report card. `id` is the agent id the answers carry (segment.agentId: the id the
 * helpdesk sent, which may be a Retour user id or e-mail, or the id of the user found by the
 * agent's e-mail, see agentIdentity in responses/segment); 404 when neither a user of the
 * workspace nor any answer knows it. The team comparison sets the agent against the rest of
 * their team (the team without them), so the two sides of the difference are independent.
 */
export async function agentCardReport(
  deps: AgentCardDeps,
  workspaceId: Types.ObjectId,
  requestedId: string,
  query: ReportQuery<'agent'>,
) {
  const latestOf = (id: string) =>
    deps.Responses.findOne({ workspaceId, 'segment.agentId': id })
      .sort({ answeredAt: -1, _id: -1 })
      .select({ segment: 1 })
      .lean<Pick<ResponseDoc, 'segment'>>();
  const [user, carried] = await Promise.all([
    findUser(deps.Users, workspaceId, requestedId),
    latestOf(requestedId),
  ]);
  if (!user && !carried) throw AppError.notFound(`No agent "${requestedId}" in this workspace.`);
  // Answers given only the agent's e-mail carry the user's id (agentIdentity): a card asked
  // for by that e-mail reads them under the id.
  const agentId = carried || !user ? requestedId : String(user._id);
  const latest = carried ?? (agentId === requestedId ? null : await latestOf(agentId));
  const ctx = await deps.context(workspaceId, query.type);
  const range = resolveRange(query, ctx.timezone);
  const team = user?.teams?.[0] ?? latest?.segment.team ?? null;
  const name = latest?.segment.agentName ?? user?.name ?? agentId;
  const categories = CATEGORY_KEYS[query.type];
  const agentFilters = { ...query.filters, 'segment.agentId': agentId };

  const teamSums = async () => {
    if (!team) return null;
    const match = responsesMatch(
      workspaceId,
      query.type,
      range,
      { ...query.filters, 'segment.team': team },
      scaleMatch(query.type, ctx),
    );
    const [facets] = await deps.Responses.aggregate<{
      overall: ScoreGroupRaw[];
      groups: ScoreGroupRaw[];
    }>(
      scoreGroupsPipeline(match, categories, {
        key: { $eq: ['$segment.agentId', { $literal: agentId }] },
      }),
    );
    const whole = facets?.overall[0] ? toScoreRow(facets.overall[0], categories) : EMPTY;
    const rest = facets?.groups.find((g) => g._id === false);
    return { whole, rest: rest ? toScoreRow(rest, categories) : EMPTY };
  };

  // The agent's own sums, for the difference with the rest of the team.
  const agentSums = async (): Promise<ScoreSums> => {
    const match = responsesMatch(
      workspaceId,
      query.type,
      range,
      agentFilters,
      scaleMatch(query.type, ctx),
    );
    const [facets] = await deps.Responses.aggregate<{ overall: ScoreGroupRaw[] }>(
      scoreGroupsPipeline(match, categories),
    );
    return facets?.overall[0] ? toScoreRow(facets.overall[0], categories) : EMPTY;
  };

  const [agentTable, agentRow, teamRows, rows, comments] = await Promise.all([
    scoreTable(deps, workspaceId, { type: query.type, filters: agentFilters }, range, ctx),
    agentSums(),
    teamSums(),
    user
      ? detractorRows(deps, workspaceId, query, range, ctx, { 'tasks.assigneeId': user._id })
      : Promise.resolve([]),
    deps.Responses.find({
      ...responsesMatch(workspaceId, query.type, range, agentFilters, scaleMatch(query.type, ctx)),
      comment: { $type: 'string', $ne: '' },
    })
      .sort({ answeredAt: -1, _id: -1 })
      .limit(RECENT_COMMENTS)
      .select({ answeredAt: 1, score: 1, category: 1, comment: 1, channel: 1 })
      .lean<
        Pick<ResponseDoc, '_id' | 'answeredAt' | 'score' | 'category' | 'comment' | 'channel'>[]
      >(),
  ]);

  const userId = user ? String(user._id) : null;
  const assigned = rows.filter((r) => {
    const task = primaryTask(r.tasks);
    return task !== null && task.assigneeId === userId;
  });

  return {
    type: query.type,
    scale: ctx.scale,
    direction: ctx.direction,
    timezone: ctx.timezone,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    agent: { id: agentId, name, userId, team },
    score: agentTable.overall,
    team: teamRows
      ? {
          name: team,
          score: scoreFigures(query.type, teamRows.whole, ctx),
          restOfTeam: scoreFigures(query.type, teamRows.rest, ctx),
          difference: scoreChange(query.type, agentRow, teamRows.rest),
        }
      : null,
    responseRate: agentTable.overall.responseRate,
    followup: followupFigures(assigned, deps.now?.() ?? new Date()),
    recentComments: comments.map((c) => ({
      id: String(c._id),
      answeredAt: c.answeredAt ? c.answeredAt.toISOString() : null,
      score: c.score,
      category: c.category,
      comment: c.comment,
      channel: c.channel,
    })),
  };
}
