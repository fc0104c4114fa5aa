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
  range: ReportRange,
  filters: Record<string, string | number>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    workspaceId,
    ...(type ? { surveyType: type } : {}),
    answeredAt: { $gte: range.from, $lt: range.to },
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
