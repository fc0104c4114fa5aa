import type { PipelineStage } from 'mongoose';
import type { Moments } from '../statistics';

/** One group's sums: enough for every score statistic without a second pass. */
export interface ScoreGroupRow extends Moments {
  key: unknown;
  label: string | null;
  counts: Record<string, number>;
}

interface RawRow {
  _id: unknown;
  n: number;
  sum: number;
  sumSq: number;
  label?: string | null;
  [category: string]: unknown;
}

/** $group stage summing n, Σscore, Σscore² and one count per category. */
export function scoreGroupStage(key: unknown, categories: readonly string[], label?: unknown) {
  const counts = Object.fromEntries(
    categories.map((c) => [`c_${c}`, { $sum: { $cond: [{ $eq: ['$category', c] }, 1, 0] } }]),
  );
  return {
    $group: {
      _id: key,
      n: { $sum: 1 },
      sum: { $sum: '$score' },
      sumSq: { $sum: { $multiply: ['$score', '$score'] } },
      ...counts,
      // $max, not $first: the same label whatever the order, and daily rollups can merge it.
      ...(label === undefined ? {} : { label: { $max: label } }),
    },
  };
}

/** Overall and per-group sums in one round trip. */
export function scoreGroupsPipeline(
  match: Record<string, unknown>,
  categories: readonly string[],
  group?: { key: unknown; label?: unknown },
): PipelineStage[] {
  return [
    { $match: match },
    {
      $facet: {
        overall: [scoreGroupStage(null, categories)],
        ...(group
          ? { groups: [scoreGroupStage(group.key, categories, group.label), { $sort: { _id: 1 } }] }
          : {}),
      },
    },
  ] as PipelineStage[];
}

export function toScoreRow(raw: RawRow, categories: readonly string[]): ScoreGroupRow {
  return {
    key: raw._id,
    label: raw.label ?? null,
    n: raw.n,
    sum: raw.sum,
    sumSq: raw.sumSq,
    counts: Object.fromEntries(categories.map((c) => [c, Number(raw[`c_${c}`] ?? 0)])),
  };
}

export type { RawRow as ScoreGroupRaw };
