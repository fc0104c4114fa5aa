import type { Types } from 'mongoose';
import { responsesMatch } from './pipelines/match';
import { scaleMatch } from './report-context';
import type { ReportQuery } from './report-query.schema';
import { resolveRange } from './report-range';
import { round } from './statistics';
import type { ReportDeps } from './summary.service';

/** Count and share per score value, every value of the scale listed (zeros included). */
export async function distributionReport(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: ReportQuery<'distribution'>,
) {
  const ctx = await deps.context(workspaceId, query.type);
  const range = resolveRange(query, ctx.timezone);
  const match = responsesMatch(
    workspaceId,
    query.type,
    range,
    query.filters,
    scaleMatch(query.type, ctx),
  );
  const rows = await deps.Responses.aggregate<{ _id: number; count: number }>([
    { $match: match },
    { $group: { _id: '$score', count: { $sum: 1 } } },
    { $sort: { _id: 1 } },
  ]);
  const counts = new Map(rows.map((r) => [r._id, r.count]));
  const n = rows.reduce((total, r) => total + r.count, 0);
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
