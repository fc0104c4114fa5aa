import type { Types } from 'mongoose';
import type { ReportsService } from '../reports';
import { fieldOf } from '../reports/report-query.schema';
import type { ScoreFigures, SurveyKind } from '../reports/score-figures';
import { isLowN, type Moments } from '../reports/statistics';
import type { AlertDay } from './alert-days';

/** The report dimensions an alert watches, besides all answers together ("overall"). */
export const ALERT_DIMENSIONS = [
  'agent',
  'team',
  'channel',
  'product',
  'region',
  'reason',
] as const;
export type AlertDimension = 'overall' | (typeof ALERT_DIMENSIONS)[number];

export type Figures = ScoreFigures & { moments?: Moments };

/** One segment's day next to its trailing level, as the summary report shows them. */
export interface SegmentComparison {
  dimension: AlertDimension;
  /** The segment's value ('' for overall): the agent id, the team name… */
  value: string;
  label: string;
  day: Figures;
  trailing: Figures;
}

export interface DayComparisons {
  type: SurveyKind;
  scale: { min: number; max: number };
  direction: 'higher_better' | 'lower_better';
  timezone: string;
  segments: SegmentComparison[];
}

const NO_ANSWERS = (type: SurveyKind): ScoreFigures => ({
  score: null,
  n: 0,
  ci95: null,
  method: null,
  counts: {},
  lowN: true,
  ...(type === 'ces' ? { easyShare: null } : {}),
});

/**
 * Every segment with enough answers on the day, with its figures for that day and for the
 * trailing days, read through the summary report so an alert and the dashboard say the same.
 * Segments under 30 answers are left out before the trailing level is even asked for.
 */
export async function dayComparisons(
  reports: ReportsService,
  workspaceId: Types.ObjectId,
  type: SurveyKind,
  watched: AlertDay,
): Promise<DayComparisons | null> {
  const day = { type, from: watched.day, to: watched.day, filters: {} };
  const trailing = { type, ...watched.trailing, filters: {} };
  const overall = await reports.summary(workspaceId, day);
  // A segment is a part of all answers: no segment can reach 30 when the whole day has fewer.
  if (isLowN(overall.overall.n)) return null;
  const segments: SegmentComparison[] = [];
  const before = await reports.summary(workspaceId, trailing);
  segments.push({
    dimension: 'overall',
    value: '',
    label: '',
    day: overall.overall,
    trailing: before.overall,
  });
  for (const dimension of ALERT_DIMENSIONS) {
    const groups = (await reports.summary(workspaceId, { ...day, groupBy: dimension })).groups;
    const busy = groups.filter((g) => g.key !== null && !isLowN(g.n));
    if (!busy.length) continue;
    const past = (await reports.summary(workspaceId, { ...trailing, groupBy: dimension })).groups;
    for (const g of busy) {
      segments.push({
        dimension,
        value: g.key!,
        label: g.label,
        day: g,
        trailing: past.find((p) => p.key === g.key) ?? NO_ANSWERS(type),
      });
    }
  }
  if (type === 'ces') {
    // The mean's test needs Σx and Σx²; the distribution (count per score) gives them exactly.
    for (const s of segments) {
      const filters = s.dimension === 'overall' ? {} : { [fieldOf(s.dimension)]: s.value };
      s.day.moments = await momentsOf(reports, workspaceId, { ...day, filters });
      s.trailing.moments = await momentsOf(reports, workspaceId, { ...trailing, filters });
    }
  }
  return {
    type,
    scale: overall.scale,
    direction: overall.direction,
    timezone: overall.timezone,
    segments,
  };
}

async function momentsOf(
  reports: ReportsService,
  workspaceId: Types.ObjectId,
  query: Parameters<ReportsService['distribution']>[1],
): Promise<Moments> {
  const { values } = await reports.distribution(workspaceId, query);
  const m: Moments = { n: 0, sum: 0, sumSq: 0 };
  for (const v of values) {
    m.n += v.count;
    m.sum += v.score * v.count;
    m.sumSq += v.score * v.score * v.count;
  }
  return m;
}
