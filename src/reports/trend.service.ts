import type { Types } from 'mongoose';
import { periodKey, periodStarts } from './periods';
import type { ReportQuery } from './report-query.schema';
import { resolveRange } from './report-range';
import { scoreChange, scoreFigures, type ScoreSums } from './score-figures';
import { keyText, scoreTable, type ReportDeps } from './summary.service';

const NONE: ScoreSums = { n: 0, sum: 0, sumSq: 0, counts: {} };

/**
 * Score per period with its interval, and the change from the period before with its 95%
 * interval; "significant" only when that interval excludes 0. The range is widened to whole
 * periods so the first and last are comparable.
 */
export async function trendReport(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: ReportQuery<'trend'>,
) {
  const ctx = await deps.context(workspaceId, query.type);
  const asked = resolveRange(query, ctx.timezone);
  const starts = periodStarts(asked, query.period, ctx.timezone);
  const range = {
    from: starts[0]?.toJSDate() ?? asked.from,
    to:
      starts
        .at(-1)
        ?.plus({ [`${query.period}s`]: 1 })
        .toJSDate() ?? asked.to,
  };
  const table = await scoreTable(deps, workspaceId, query, range, ctx, query.period);
  const sums = new Map(table.rows.map((r) => [keyText(r.key, query.period, ctx.timezone), r]));
  let previous: ScoreSums | null = null;
  const periods = starts.map((start) => {
    const { key, label } = periodKey(start, query.period, ctx.timezone);
    const current = sums.get(key) ?? NONE;
    const change = previous ? scoreChange(query.type, current, previous) : null;
    previous = current;
    return {
      key,
      label,
      start: start.toISO(),
      ...scoreFigures(query.type, current, ctx),
      responseRate: table.groupRate(key),
      change,
    };
  });
  return {
    type: query.type,
    scale: ctx.scale,
    direction: ctx.direction,
    timezone: ctx.timezone,
    period: query.period,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    overall: table.overall,
    periods,
  };
}
