import type { Types } from 'mongoose';
import type { ReportRange } from '../report-range';

export type SurveyKind = 'nps' | 'csat' | 'ces';

/**
 * Every responses pipeline starts here: workspaceId + surveyType + answeredAt range lead, so
 * the { workspaceId, surveyType, answeredAt } index (or a segment index) serves the query.
 */
export function responsesMatch(
  workspaceId: Types.ObjectId,
  type: SurveyKind | undefined,
  range: ReportRange | readonly ReportRange[],
  filters: Record<string, string | number>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    workspaceId,
    ...(type ? { surveyType: type } : {}),
    ...rangeMatch('answeredAt', range),
    score: { $type: 'number' },
    ...filters,
    ...extra,
  };
}

/** $dateTrunc in the workspace's zone; weeks start on Monday. */
export function periodExpr(field: string, unit: 'day' | 'week' | 'month', timezone: string) {
  return {
    $dateTrunc: {
      date: `$${field}`,
      unit,
      timezone,
      ...(unit === 'week' ? { startOfWeek: 'monday' } : {}),
    },
  };
}

/** One range as a plain condition; several (the parts rollups do not cover) as an $or. */
export function rangeMatch(
  field: string,
  range: ReportRange | readonly ReportRange[],
): Record<string, unknown> {
  const ranges: readonly ReportRange[] = 'from' in range ? [range] : range;
  const condition = (r: ReportRange) => ({ [field]: { $gte: r.from, $lt: r.to } });
  return ranges.length === 1 ? condition(ranges[0]!) : { $or: ranges.map(condition) };
}
