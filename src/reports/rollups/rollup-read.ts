import { DateTime } from 'luxon';
import type { PipelineStage, Types } from 'mongoose';
import { toScoreRow, type ScoreGroupRaw, type ScoreGroupRow } from '../pipelines/score-groups';
import { periodKey } from '../periods';
import type { ReportRange } from '../report-range';
import type { ReportSources } from '../report-sources';
import type { SurveyKind } from '../score-figures';
import { localDay, splitRange, type DaySpan } from './rollup-days';
import type { Reach, SumsTable } from './rollup-merge';
import type { RollupSelector } from './rollup-selector';

/**
 * Past this many responses or invitations changed since the last refresh, finding their days
 * costs more than it saves: the query runs raw until the next refresh.
 */
const CHANGED_LIMIT = 1000;

export interface RollupCoverage {
  /** Whole local days whose rows are up to date. */
  days: DaySpan[];
  /** What is left of the range, for the raw pipelines. */
  raw: ReportRange[];
}

export interface RollupSumsQuery {
  workspaceId: Types.ObjectId;
  type: SurveyKind;
  categories: readonly string[];
  /** CES reports keep one scale; NPS and CSAT have one. */
  scaleMax?: number;
  selector: RollupSelector;
  days: DaySpan[];
  zone: string;
}

type Id = Types.ObjectId;

/** Reads daily rollups for the report services; `enabled: false` makes every query raw. */
export function createRollupReader(sources: ReportSources, options: { enabled: boolean }) {
  const { RollupRows: Rows, RollupStates: States, Responses, Invitations } = sources;

  /** Local days of the answers and invitations changed since the watermark (null: too many). */
  async function changedDays(workspaceId: Id, since: Date, zone: string) {
    const changed = { workspaceId, updatedAt: { $gte: since } };
    const [answers, invitations] = await Promise.all([
      Responses.find(changed, { answeredAt: 1 })
        .limit(CHANGED_LIMIT + 1)
        .lean(),
      Invitations.find(changed, { sentAt: 1 })
        .limit(CHANGED_LIMIT + 1)
        .lean(),
    ]);
    if (answers.length > CHANGED_LIMIT || invitations.length > CHANGED_LIMIT) return null;
    const days = new Set<string>();
    for (const a of answers) if (a.answeredAt) days.add(localDay(a.answeredAt, zone));
    for (const i of invitations) if (i.sentAt) days.add(localDay(i.sentAt, zone));
    return days;
  }

  /** Which whole days of the range rollups can answer, or null when none. */
  async function coverage(
    workspaceId: Id,
    zone: string,
    range: ReportRange,
  ): Promise<RollupCoverage | null> {
    if (!options.enabled) return null;
    const state = await States.findOne({ workspaceId }).lean();
    if (!state?.watermark || !state.coveredUntil || state.timezone !== zone) return null;
    const changed = await changedDays(workspaceId, state.watermark, zone);
    if (!changed) return null;
    const coveredUntil = state.coveredUntil;
    const split = splitRange(range, zone, (day) => day < coveredUntil && !changed.has(day));
    return split.days.length ? split : null;
  }

  function rowsMatch(q: RollupSumsQuery, dimension: string, value?: string | number) {
    return {
      workspaceId: q.workspaceId,
      surveyType: q.type,
      dimension,
      ...(value === undefined ? {} : { value }),
      $and: [
        { $or: q.days.map((s) => ({ day: { $gte: s.from, $lt: s.to } })) },
        ...(q.scaleMax === undefined
          ? []
          : [{ $or: [{ kind: 'invitations' }, { scaleMax: q.scaleMax }] }]),
      ],
    };
  }

  type Summed = ScoreGroupRaw & Reach;
  function summed(q: RollupSumsQuery, match: Record<string, unknown>, key: unknown) {
    const counts = q.categories.map((c) => [`c_${c}`, { $sum: `$counts.${c}` }]);
    return Rows.aggregate<Summed>([
      { $match: match },
      {
        $group: {
          _id: key,
          n: { $sum: '$n' },
          sum: { $sum: '$sum' },
          sumSq: { $sum: '$sumSq' },
          ...Object.fromEntries(counts),
          reached: { $sum: '$reached' },
          answered: { $sum: '$answered' },
          label: { $max: '$label' },
        },
      },
    ] as PipelineStage[]);
  }

  const reachOf = (r: Summed): Reach => ({ reached: r.reached, answered: r.answered });

  /** Groups by segment value: one row per value, keyed like the raw $group. */
  async function byValue(q: RollupSumsQuery, dimension: string) {
    const rows: ScoreGroupRow[] = [];
    const groupReach = new Map<string | null, Reach>();
    for (const r of await summed(q, rowsMatch(q, dimension), '$value')) {
      const key = r._id === null || r._id === undefined ? null : String(r._id);
      groupReach.set(key, reachOf(r));
      if (r.n > 0) rows.push(toScoreRow({ ...r, _id: r._id ?? null }, q.categories));
    }
    return { rows, groupReach };
  }

  /** Groups by period: days summed into the period that starts them, in the workspace zone. */
  async function byPeriod(q: RollupSumsQuery, unit: 'day' | 'week' | 'month') {
    const rows = new Map<string, ScoreGroupRow>();
    const groupReach = new Map<string | null, Reach>();
    for (const r of await summed(q, rowsMatch(q, 'all'), '$day')) {
      const start = DateTime.fromISO(String(r._id), { zone: q.zone }).startOf(unit, {
        useLocaleWeeks: false,
      });
      const { key } = periodKey(start, unit, q.zone);
      const reach = groupReach.get(key);
      groupReach.set(
        key,
        reach
          ? { reached: reach.reached + r.reached, answered: reach.answered + r.answered }
          : reachOf(r),
      );
      if (r.n === 0) continue;
      const row = toScoreRow({ ...r, _id: start.toJSDate() }, q.categories);
      const seen = rows.get(key);
      rows.set(
        key,
        seen
          ? {
              ...seen,
              n: seen.n + row.n,
              sum: seen.sum + row.sum,
              sumSq: seen.sumSq + row.sumSq,
              counts: Object.fromEntries(
                q.categories.map((c) => [c, (seen.counts[c] ?? 0) + (row.counts[c] ?? 0)]),
              ),
            }
          : { ...row, label: null },
      );
    }
    return { rows: [...rows.values()], groupReach };
  }

  /** The rollup part of a score table, in the raw pipelines' shape (see mergeTables). */
  async function sums(q: RollupSumsQuery): Promise<SumsTable> {
    const { dimension, value } = q.selector.overall;
    const groups = q.selector.groups;
    const [[overall], grouped] = await Promise.all([
      summed(q, rowsMatch(q, dimension, value), null),
      !groups
        ? Promise.resolve({ rows: [], groupReach: new Map<string | null, Reach>() })
        : 'period' in groups
          ? byPeriod(q, groups.period)
          : byValue(q, groups.dimension),
    ]);
    return {
      overall: overall && overall.n > 0 ? toScoreRow(overall, q.categories) : null,
      rows: grouped.rows,
      reach: overall ? reachOf(overall) : { reached: 0, answered: 0 },
      groupReach: grouped.groupReach,
    };
  }

  /** Answers per score value over the covered days (the distribution report). */
  async function scoreCounts(q: Omit<RollupSumsQuery, 'categories'>): Promise<Map<number, number>> {
    const { dimension, value } = q.selector.overall;
    const rows = await Rows.aggregate<{ _id: number; count: number }>([
      { $match: { ...rowsMatch({ ...q, categories: [] }, dimension, value), kind: 'answers' } },
      { $unwind: '$scores' },
      { $group: { _id: '$scores.s', count: { $sum: '$scores.c' } } },
    ]);
    return new Map(rows.map((r) => [r._id, r.count]));
  }

  return { coverage, sums, scoreCounts };
}
export type RollupReader = ReturnType<typeof createRollupReader>;
