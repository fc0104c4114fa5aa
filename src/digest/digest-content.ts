import { DateTime } from 'luxon';
import type { Types } from 'mongoose';
import type { ReportsService } from '../reports';
import type { FollowupFigures } from '../reports/followup-figures';
import { CATEGORY_KEYS, type SurveyKind } from '../reports/score-figures';
import type { ResponseModel } from '../responses/response.model';
import type { TaskModel } from '../tasks/task.model';
import type { ScoreLineInput } from './digest-lines';
import type { SegmentDimension } from './digest-text';
import { weekBefore, type DigestWeek } from './digest-week';

/** A segment must have at least this many answers in the week to be named best or worst. */
export const MIN_SEGMENT_ANSWERS = 30;
const COMMENTS_PER_CATEGORY = 3;
const TYPES: readonly SurveyKind[] = ['nps', 'csat', 'ces'];
export const TYPE_LABELS: Record<SurveyKind, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };
const DIMENSIONS: readonly SegmentDimension[] = [
  'team',
  'agent',
  'channel',
  'product',
  'region',
  'reason',
];

export interface DigestSegment {
  dimension: SegmentDimension;
  label: string;
  score: number;
  n: number;
}

/** One survey type's week: the score line's figures, and what the digest says around them. */
export interface DigestSection extends ScoreLineInput {
  change: { difference: number; ci95: [number, number]; significant: boolean } | null;
  segments: { dimension: SegmentDimension; best: DigestSegment; worst: DigestSegment }[];
  comments: { category: string; items: { score: number | null; comment: string; at: Date }[] }[];
  /** The week's unhappy answers (detractors, unsatisfied, high effort) and their follow-up. */
  followUp: FollowupFigures;
  /** The manager dashboard for this survey type over the week's days. */
  dashboardUrl: string;
}

export interface DigestContent {
  week: DigestWeek;
  sections: DigestSection[];
  followUp: { opened: number; resolved: number; overdue: number };
  sampleUrl: string;
}

export interface DigestContentDeps {
  reports: ReportsService;
  Responses: ResponseModel;
  Tasks: TaskModel;
  publicUrl: string;
}

const iso = (d: Date) => d.toISOString();

/** Everything the weekly digest says about one workspace's week, from the report services. */
export async function buildDigestContent(
  deps: DigestContentDeps,
  workspaceId: Types.ObjectId,
  week: DigestWeek,
  zone: string,
): Promise<DigestContent> {
  const before = weekBefore(week.week, zone);
  const sections: DigestSection[] = [];
  for (const type of TYPES) {
    const section = await surveySection(deps, workspaceId, type, week, before, zone);
    if (section) sections.push(section);
  }
  const [opened, resolved, overdue] = await Promise.all([
    deps.Tasks.countDocuments({ workspaceId, createdAt: { $gte: week.from, $lt: week.to } }),
    deps.Tasks.countDocuments({ workspaceId, resolvedAt: { $gte: week.from, $lt: week.to } }),
    deps.Tasks.countDocuments({ workspaceId, status: { $ne: 'resolved' }, overdue: true }),
  ]);
  return {
    week,
    sections,
    followUp: { opened, resolved, overdue },
    sampleUrl: `${deps.publicUrl}/app/reports/sample?week=${week.week}`,
  };
}

/** /app/reports over the week's Monday to Sunday, as days in the workspace's zone. */
export function dashboardUrl(
  publicUrl: string,
  type: SurveyKind,
  week: DigestWeek,
  zone: string,
): string {
  const from = DateTime.fromJSDate(week.from, { zone });
  const to = DateTime.fromJSDate(week.to, { zone }).minus({ days: 1 });
  return `${publicUrl}/app/reports?type=${type}&from=${from.toISODate()}&to=${to.toISODate()}`;
}

async function surveySection(
  deps: DigestContentDeps,
  workspaceId: Types.ObjectId,
  type: SurveyKind,
  week: DigestWeek,
  before: DigestWeek,
  zone: string,
): Promise<DigestSection | null> {
  const trend = await deps.reports.trend(workspaceId, {
    type,
    period: 'week',
    from: iso(before.from),
    to: iso(week.to),
    filters: {},
  });
  const current = trend.periods.find(
    (p) => p.start && new Date(p.start).getTime() === week.from.getTime(),
  );
  if (!current || current.n === 0) return null;
  const range = { from: iso(week.from), to: iso(week.to), filters: {} };
  const higherBetter = trend.direction !== 'lower_better';
  const segments: DigestSection['segments'] = [];
  for (const dimension of DIMENSIONS) {
    const summary = await deps.reports.summary(workspaceId, { type, groupBy: dimension, ...range });
    const ranked = summary.groups
      .filter((g) => g.key !== null && g.score !== null && g.n >= MIN_SEGMENT_ANSWERS)
      .map((g) => ({ dimension, label: g.label, score: g.score!, n: g.n }))
      .sort((a, b) => (higherBetter ? b.score - a.score : a.score - b.score));
    if (ranked.length >= 2) segments.push({ dimension, best: ranked[0]!, worst: ranked.at(-1)! });
  }
  const comments = await Promise.all(
    CATEGORY_KEYS[type].map(async (category) => {
      const docs = await deps.Responses.find({
        workspaceId,
        surveyType: type,
        answeredAt: { $gte: week.from, $lt: week.to },
        category,
        comment: { $nin: [null, ''] },
      })
        .sort({ answeredAt: -1, _id: -1 })
        .limit(COMMENTS_PER_CATEGORY)
        .select({ score: 1, comment: 1, answeredAt: 1 })
        .lean<{ score: number | null; comment: string; answeredAt: Date }[]>();
      return {
        category,
        items: docs.map((d) => ({ score: d.score, comment: d.comment, at: d.answeredAt })),
      };
    }),
  );
  const followUp = await deps.reports.followup(workspaceId, { type, ...range });
  const change = current.change;
  return {
    type,
    label: TYPE_LABELS[type],
    scale: trend.scale,
    direction: trend.direction,
    score: current.score,
    n: current.n,
    ci95: current.ci95,
    lowN: current.lowN,
    responseRate: current.responseRate,
    change: change
      ? { difference: change.difference, ci95: change.ci95, significant: change.significant }
      : null,
    segments,
    comments: comments.filter((c) => c.items.length > 0),
    followUp: followUp.overall,
    dashboardUrl: dashboardUrl(deps.publicUrl, type, week, zone),
  };
}
