import type { Types } from 'mongoose';
import type { InteractionModel } from '../interactions/interaction.model';
import type { InvitationModel } from '../invitations/invitation.model';
import type { ResponseModel } from '../responses/response.model';
import { invitationFieldOf, invitationGroupsPipeline } from './pipelines/invitation-groups';
import { periodExpr, responsesMatch } from './pipelines/match';
import { scoreGroupsPipeline, toScoreRow, type ScoreGroupRaw } from './pipelines/score-groups';
import { periodKey, periodStarts } from './periods';
import { scaleMatch, type ReportContext } from './report-context';
import type { ReportReads } from './report-sources';
import {
  fieldOf,
  PERIODS,
  type Dimension,
  type Period,
  type ReportQuery,
} from './report-query.schema';
import { resolveRange, type ReportRange } from './report-range';
import type { RollupReader } from './rollups';
import {
  compareKeys,
  EMPTY_TABLE,
  mergeTables,
  valueIdentity,
  type Reach,
  type SumsTable,
} from './rollups/rollup-merge';
import { rollupSelector } from './rollups/rollup-selector';
import { CATEGORY_KEYS, scoreFigures, type ScoreFigures, type SurveyKind } from './score-figures';
import { compareSegments, type SegmentComparison } from './segment-comparison';
import { responseRate, round } from './statistics';

export interface SummaryGroup extends ScoreFigures {
  key: string | null;
  label: string;
  responseRate: number | null;
  /** Segment breakdowns only: this segment against all other answers, FDR-controlled. */
  vsRest?: SegmentComparison | null;
}

export interface ReportDeps {
  Responses: ReportReads<ResponseModel>;
  Invitations: ReportReads<InvitationModel>;
  Interactions: ReportReads<InteractionModel>;
  /** Daily rollups for whole days; absent, every report runs on the raw collections. */
  rollups?: RollupReader;
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

type Ranges = ReportRange | readonly ReportRange[];
type TableQuery = { type: SurveyKind; filters: Record<string, string | number> };

/** The sums of a score table straight from responses and invitations over the range(s). */
async function rawSums(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: TableQuery,
  range: Ranges,
  ctx: ReportContext,
  groupBy?: Period | Dimension,
): Promise<SumsTable> {
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
    deps.Invitations.aggregate<{ _id: unknown } & Reach>(
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
  const groupReach = new Map<string | null, Reach>();
  for (const row of groupInv) {
    const key = keyText(row._id, groupBy, ctx.timezone);
    if (!groupReach.has(key)) groupReach.set(key, { reached: row.reached, answered: row.answered });
  }
  return {
    overall: facets?.overall[0] ? toScoreRow(facets.overall[0], categories) : null,
    rows: (facets?.groups ?? []).map((g) => toScoreRow(g, categories)),
    reach: { reached: overallInv[0]?.reached ?? 0, answered: overallInv[0]?.answered ?? 0 },
    groupReach,
  };
}

/**
 * The sums of a score table: whole days that daily rollups cover come from their rows, the
 * rest (partial days, today, days changed since the last refresh) from the raw pipelines.
 * Both parts add up to exactly what the raw pipelines give for the whole range.
 */
async function tableSums(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: TableQuery,
  range: ReportRange,
  ctx: ReportContext,
  groupBy?: Period | Dimension,
): Promise<SumsTable> {
  const selector = deps.rollups ? rollupSelector(query.filters, groupBy) : null;
  const coverage = selector ? await deps.rollups!.coverage(workspaceId, ctx.timezone, range) : null;
  if (!selector || !coverage) return rawSums(deps, workspaceId, query, range, ctx, groupBy);
  const [raw, rolled] = await Promise.all([
    coverage.raw.length
      ? rawSums(deps, workspaceId, query, coverage.raw, ctx, groupBy)
      : Promise.resolve(EMPTY_TABLE),
    deps.rollups!.sums({
      workspaceId,
      type: query.type,
      categories: CATEGORY_KEYS[query.type],
      scaleMax: query.type === 'ces' ? ctx.scale.max : undefined,
      selector,
      days: coverage.days,
      zone: ctx.timezone,
    }),
  ]);
  const period = groupBy && isPeriod(groupBy) ? groupBy : null;
  const text = (key: unknown) => keyText(key, groupBy, ctx.timezone) ?? '';
  return period
    ? mergeTables(raw, rolled, text, (a, b) => (text(a.key) < text(b.key) ? -1 : 1))
    : mergeTables(raw, rolled, valueIdentity, (a, b) => compareKeys(a.key, b.key));
}

/** Scores with intervals and response rates, overall and per group (summary and trend share it). */
export async function scoreTable(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: TableQuery,
  range: ReportRange,
  ctx: ReportContext,
  groupBy?: Period | Dimension,
) {
  const sums = await tableSums(deps, workspaceId, query, range, ctx, groupBy);
  const rate = (reach: Reach | undefined) => {
    const value = responseRate(reach ?? { reached: 0, answered: 0 });
    return value === null ? null : round(value, 1);
  };
  const empty = { key: null, label: null, n: 0, sum: 0, sumSq: 0, counts: {} };
  return {
    overall: {
      ...scoreFigures(query.type, sums.overall ?? empty, ctx),
      responseRate: rate(sums.reach),
    },
    rows: sums.rows,
    overallSums: sums.overall ?? empty,
    groupRate: (key: string | null) => rate(sums.groupReach.get(key)),
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
  const comparisons =
    groupBy && !isPeriod(groupBy)
      ? compareSegments(query.type, table.overallSums, table.rows, ctx.direction)
      : null;
  let groups: SummaryGroup[] = table.rows.map((row, i) => {
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
      ...(comparisons ? { vsRest: comparisons[i] ?? null } : {}),
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
