import type { Types } from 'mongoose';
import { responsesMatch } from './pipelines/match';
import { scaleMatch } from './report-context';
import { fieldOf, type Dimension } from './report-query.schema';
import { resolveRange } from './report-range';
import type { SurveyKind } from './score-figures';
import type { ReportDeps } from './summary.service';

export interface CommentsQuery {
  type: SurveyKind;
  from?: string;
  to?: string;
  filters: Record<string, string | number>;
  /** promoter / passive / detractor (NPS), satisfied / … (CSAT), easy / … (CES). */
  category?: string;
  /** One segment value, e.g. { dimension: 'team', value: 'Support' }. */
  segment?: { dimension: Dimension; value: string };
  limit?: number;
}

export interface LatestComment {
  id: string;
  answeredAt: string;
  score: number;
  category: string | null;
  comment: string;
  agent: string | null;
  team: string | null;
  channel: string | null;
}

interface CommentDoc {
  _id: Types.ObjectId;
  answeredAt: Date;
  score: number;
  category?: string | null;
  comment: string;
  segment?: { agentName?: string | null; team?: string | null; interactionChannel?: string | null };
}

/** The segment condition; an agent matches by id or by name, as managers know agents by name. */
export function segmentMatch(segment: CommentsQuery['segment']): Record<string, unknown> {
  if (!segment) return {};
  if (segment.dimension === 'agent') {
    return {
      $or: [{ 'segment.agentId': segment.value }, { 'segment.agentName': segment.value }],
    };
  }
  return { [fieldOf(segment.dimension)]: segment.value };
}

/**
 * The newest answers with a comment in the report's range and filters, optionally of one
 * category and one segment; always within the workspace (responsesMatch leads with it).
 */
export async function latestComments(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: CommentsQuery,
): Promise<LatestComment[]> {
  const ctx = await deps.context(workspaceId, query.type);
  const range = resolveRange(query, ctx.timezone);
  const match = responsesMatch(workspaceId, query.type, range, query.filters, {
    ...scaleMatch(query.type, ctx),
    comment: { $type: 'string', $ne: '' },
    ...(query.category ? { category: query.category } : {}),
    ...segmentMatch(query.segment),
  });
  const docs = await deps.Responses.find(match)
    .sort({ answeredAt: -1, _id: -1 })
    .limit(query.limit ?? 20)
    .select({ answeredAt: 1, score: 1, category: 1, comment: 1, segment: 1 })
    .lean<CommentDoc[]>();
  return docs.map((d) => ({
    id: String(d._id),
    answeredAt: d.answeredAt.toISOString(),
    score: d.score,
    category: d.category ?? null,
    comment: d.comment,
    agent: d.segment?.agentName ?? null,
    team: d.segment?.team ?? null,
    channel: d.segment?.interactionChannel ?? null,
  }));
}
