import type { PipelineStage, Types } from 'mongoose';
import {
  followupFigures,
  followupGroups,
  type DetractorRow,
  type FollowupTask,
} from './followup-figures';
import { responsesMatch } from './pipelines/match';
import { scaleMatch, type ReportContext } from './report-context';
import type { ReportQuery } from './report-query.schema';
import { resolveRange, type ReportRange } from './report-range';
import type { SurveyKind } from './score-figures';
import type { ReportDeps } from './summary.service';

export interface FollowupDeps extends ReportDeps {
  /** The tasks collection's name, for the $lookup. */
  tasksCollection: string;
  now?: () => Date;
}

/** The category at the unhappy end of each survey type: what rules follow up. */
export const UNHAPPY: Record<SurveyKind, string> = {
  nps: 'detractor',
  csat: 'unsatisfied',
  ces: 'hard',
};

interface RawTask extends Omit<FollowupTask, 'id' | 'assigneeId'> {
  id: unknown;
  assigneeId: unknown;
}
interface RawRow {
  team: string | null;
  tasks: RawTask[];
}

/**
 * Unhappy answers in range (the responses' { workspaceId, surveyType, answeredAt } index leads)
 * joined to the tasks made for them, projected to what the funnel needs.
 */
export function followupPipeline(
  workspaceId: Types.ObjectId,
  type: SurveyKind,
  range: ReportRange,
  filters: Record<string, string | number>,
  ctx: ReportContext,
  tasksCollection: string,
  taskMatch?: Record<string, unknown>,
): PipelineStage[] {
  const match = responsesMatch(workspaceId, type, range, filters, {
    ...scaleMatch(type, ctx),
    category: UNHAPPY[type],
  });
  return [
    { $match: match },
    {
      $lookup: {
        from: tasksCollection,
        localField: '_id',
        foreignField: 'responseId',
        as: 'tasks',
      },
    },
    ...(taskMatch ? [{ $match: taskMatch }] : []),
    {
      $project: {
        _id: 0,
        team: { $ifNull: ['$segment.team', null] },
        tasks: {
          $map: {
            input: '$tasks',
            as: 't',
            in: {
              id: '$$t._id',
              assigneeId: { $ifNull: ['$$t.assigneeId', null] },
              assigneeName: { $ifNull: ['$$t.assigneeName', null] },
              team: { $ifNull: ['$$t.team', null] },
              status: '$$t.status',
              createdAt: '$$t.createdAt',
              firstActionAt: { $ifNull: ['$$t.firstActionAt', null] },
              resolvedAt: { $ifNull: ['$$t.resolvedAt', null] },
              dueAt: '$$t.dueAt',
              overdue: { $eq: ['$$t.overdue', true] },
              reachedCustomer: { $ifNull: ['$$t.outcome.reachedCustomer', null] },
              noteCount: { $size: { $ifNull: ['$$t.notes', []] } },
            },
          },
        },
      },
    },
  ] as PipelineStage[];
}

/** The rows of unhappy answers with their tasks, assignee ids as text. */
export async function detractorRows(
  deps: FollowupDeps,
  workspaceId: Types.ObjectId,
  query: { type: SurveyKind; filters: Record<string, string | number> },
  range: ReportRange,
  ctx: ReportContext,
  /** Narrows the rows after the join, e.g. to tasks assigned to one user. */
  taskMatch?: Record<string, unknown>,
): Promise<DetractorRow[]> {
  const raw = await deps.Responses.aggregate<RawRow>(
    followupPipeline(
      workspaceId,
      query.type,
      range,
      query.filters,
      ctx,
      deps.tasksCollection,
      taskMatch,
    ),
  );
  return raw.map((r) => ({
    team: r.team ?? null,
    tasks: (r.tasks ?? []).map((t) => ({
      ...t,
      id: String(t.id),
      assigneeId: t.assigneeId === null || t.assigneeId === undefined ? null : String(t.assigneeId),
      reachedCustomer: typeof t.reachedCustomer === 'boolean' ? t.reachedCustomer : null,
    })),
  }));
}

/** Detractor follow-up: funnel, median/p90 times and SLA breaches, overall and per owner. */
export async function followupReport(
  deps: FollowupDeps,
  workspaceId: Types.ObjectId,
  query: ReportQuery<'followup'>,
) {
  const ctx = await deps.context(workspaceId, query.type);
  const range = resolveRange(query, ctx.timezone);
  const rows = await detractorRows(deps, workspaceId, query, range, ctx);
  const now = deps.now?.() ?? new Date();
  return {
    type: query.type,
    scale: ctx.scale,
    direction: ctx.direction,
    category: UNHAPPY[query.type],
    timezone: ctx.timezone,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    groupBy: query.groupBy ?? null,
    overall: followupFigures(rows, now),
    groups: query.groupBy ? followupGroups(rows, query.groupBy, now) : [],
  };
}
