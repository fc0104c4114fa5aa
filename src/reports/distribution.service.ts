import type { Types } from 'mongoose';
import { responsesMatch } from './pipelines/match';
import { scaleMatch, type ReportContext } from './report-context';
import type { ReportQuery } from './report-query.schema';
import { resolveRange, type ReportRange } from './report-range';
import { rollupSelector } from './rollups/rollup-selector';
import { round } from './statistics';
import type { ReportDeps } from './summary.service';

/** Answers per score value: rollups for the whole days they cover, raw pipelines for the rest. */
async function scoreCounts(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: ReportQuery<'distribution'>,
  range: ReportRange,
  ctx: ReportContext,
): Promise<Map<number, number>> {
  const selector = deps.rollups ? rollupSelector(query.filters) : null;
  const coverage = selector ? await deps.rollups!.coverage(workspaceId, ctx.timezone, range) : null;
  const rawCounts = async (ranges: ReportRange | ReportRange[]) => {
    const match = responsesMatch(
      workspaceId,
      query.type,
      ranges,
      query.filters,
      scaleMatch(query.type, ctx),
    );
    const rows = await deps.Responses.aggregate<{ _id: number; count: number }>([
      { $match: match },
      { $group: { _id: '$score', count: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    return new Map(rows.map((r) => [r._id, r.count]));
  };
  if (!selector || !coverage) return rawCounts(range);
  const [raw, rolled] = await Promise.all([
    coverage.raw.length ? rawCounts(coverage.raw) : Promise.resolve(new Map<number, number>()),
    deps.rollups!.scoreCounts({
      workspaceId,
      type: query.type,
      scaleMax: query.type === 'ces' ? ctx.scale.max : undefined,
      selector,
      days: coverage.days,
      zone: ctx.timezone,
    }),
  ]);
  for (const [score, count] of rolled) raw.set(score, (raw.get(score) ?? 0) + count);
  return raw;
}

/** Count and share per score value, every value of the scale listed (zeros included). */
export async function distributionReport(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: ReportQuery<'distribution'>,
) {
  const ctx = await deps.context(workspaceId, query.type);
  const range = resolveRange(query, ctx.timezone);
  const counts = await scoreCounts(deps, workspaceId, query, range, ctx);
  const n = [...counts.values()].reduce((total, count) => total + count, 0);
  const values = [];
  for (let score = ctx.scale.min; score <= ctx.scale.max; score += 1) {
    const count = counts.get(score) ?? 0;
    values.push({ score, count, share: n === 0 ? null : round((count / n) * 100, 1) });
  }
  return {
    type: query.type,
    scale: ctx.scale,
    direction: ctx.direction,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    n,
    values,
  };
}
