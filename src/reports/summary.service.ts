import type { Types } from 'mongoose';
import type { InvitationModel } from '../invitations/invitation.model';
import type { ResponseModel } from '../responses/response.model';
import { invitationFieldOf, invitationGroupsPipeline } from './pipelines/invitation-groups';
import { periodExpr, responsesMatch } from './pipelines/match';
import { scoreGroupsPipeline, toScoreRow, type ScoreGroupRaw } from './pipelines/score-groups';
import { periodKey, periodStarts } from './periods';
import { scaleMatch, type ReportContext } from './report-context';
import {
  fieldOf,
  PERIODS,
  type Dimension,
  type Period,
  type ReportQuery,
} from './report-query.schema';
import { resolveRange, type ReportRange } from './report-range';
import { CATEGORY_KEYS, scoreFigures, type ScoreFigures, type SurveyKind } from './score-figures';
import { responseRate, round } from './statistics';

export interface SummaryGroup extends ScoreFigures {
  key: string | null;
  label: string;
  responseRate: number | null;
}

export interface ReportDeps {
  Responses: ResponseModel;
  Invitations: InvitationModel;
  context: (workspaceId: Types.ObjectId, type: SurveyKind) => Promise<ReportContext>;
}

const isPeriod = (g: string): g is Period => (PERIODS as readonly string[]).includes(g);

export function groupKeys(groupBy: Period | Dimension, zone: string) {
  if (isPeriod(groupBy)) {
    return {
      response: { key: periodExpr('answeredAt', groupBy, zone) },
      invitation: periodExpr('sentAt', groupBy, zone),
    };
  }
  const field = fieldOf(groupBy);
  const label = groupBy === 'agent' ? '$segment.agentName' : undefined;
  return {
    response: { key: `$${field}`, label },
    invitation: `$${invitationFieldOf(field)}`,
  };
}

/** Stable text key of a group: the period's first local day, else the segment value. */
export function keyText(key: unknown, groupBy: Period | Dimension | undefined, zone: string) {
  if (key === null || key === undefined) return null;
  if (groupBy && isPeriod(groupBy) && key instanceof Date) return periodKey(key, groupBy, zone).key;
  return String(key);
}

/** Scores with intervals and response rates, overall and per group (summary and trend share it). */
export async function scoreTable(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: { type: SurveyKind; filters: Record<string, string | number> },
  range: ReportRange,
  ctx: ReportContext,
  groupBy?: Period | Dimension,
) {
  const keys = groupBy ? groupKeys(groupBy, ctx.timezone) : undefined;
  const categories = CATEGORY_KEYS[query.type];
  const match = responsesMatch(
    workspaceId,
    query.type,
    range,
    query.filters,
    scaleMatch(query.type, ctx),
  );
  const invitationsFor = (key: unknown) =>
    deps.Invitations.aggregate<{ _id: unknown; reached: number; answered: number }>(
      invitationGroupsPipeline({
        workspaceId,
        type: query.type,
        range,
        filters: query.filters,
        key,
      }),
    );
  const [[facets], overallInv, groupInv] = await Promise.all([
    deps.Responses.aggregate<{ overall: ScoreGroupRaw[]; groups?: ScoreGroupRaw[] }>(
      scoreGroupsPipeline(match, categories, keys?.response),
    ),
    invitationsFor(null),
    keys ? invitationsFor(keys.invitation) : Promise.resolve([]),
  ]);
  const rate = (rows: typeof overallInv, key: string | null) => {
    const row = rows.find((r) => keyText(r._id, groupBy, ctx.timezone) === key);
    const value = responseRate({ reached: row?.reached ?? 0, answered: row?.answered ?? 0 });
    return value === null ? null : round(value, 1);
  };
  const empty = { key: null, label: null, n: 0, sum: 0, sumSq: 0, counts: {} };
  const overallRow = facets?.overall[0] ? toScoreRow(facets.overall[0], categories) : empty;
  const rows = (facets?.groups ?? []).map((g) => toScoreRow(g, categories));
  return {
    overall: { ...scoreFigures(query.type, overallRow, ctx), responseRate: rate(overallInv, null) },
    rows,
    groupRate: (key: string | null) => rate(groupInv, key),
  };
}

export async function summaryReport(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: ReportQuery<'summary'>,
) {
  const ctx = await deps.context(workspaceId, query.type);
  const range = resolveRange(query, ctx.timezone);
  const table = await scoreTable(deps, workspaceId, query, range, ctx, query.groupBy);
  const groupBy = query.groupBy;
  let groups: SummaryGroup[] = table.rows.map((row) => {
    const key = keyText(row.key, groupBy, ctx.timezone);
    const label =
      groupBy && isPeriod(groupBy) && row.key instanceof Date
        ? periodKey(row.key, groupBy, ctx.timezone).label
        : (row.label ?? key ?? '(none)');
    return {
      key,
      label,
      ...scoreFigures(query.type, row, ctx),
      responseRate: table.groupRate(key),
    };
  });
  if (groupBy && isPeriod(groupBy)) {
    // Periods without answers still appear, with a null score, so a chart has no silent gaps.
    const byKey = new Map(groups.map((g) => [g.key, g]));
    const none = scoreFigures(query.type, { n: 0, sum: 0, sumSq: 0, counts: {} }, ctx);
    groups = periodStarts(range, groupBy, ctx.timezone).map((start) => {
      const { key, label } = periodKey(start, groupBy, ctx.timezone);
      return byKey.get(key) ?? { key, label, ...none, responseRate: table.groupRate(key) };
    });
  }
  return {
    type: query.type,
    scale: ctx.scale,
    direction: ctx.direction,
    timezone: ctx.timezone,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    groupBy: groupBy ?? null,
    overall: table.overall,
    groups,
  };
}
