import {
  cesEstimate,
  csatEstimate,
  isLowN,
  meanDifference,
  npsDifference,
  npsEstimate,
  proportionDifference,
  round,
  type Difference,
  type Interval,
  type Moments,
} from './statistics';

export type SurveyKind = 'nps' | 'csat' | 'ces';

export interface ScaleInfo {
  scale: { min: number; max: number };
  direction: 'higher_better' | 'lower_better';
}

/** The sums a pipeline returns for one group (see pipelines/score-groups.ts). */
export interface ScoreSums extends Moments {
  counts: Record<string, number>;
}

export interface ScoreFigures {
  score: number | null;
  n: number;
  ci95: Interval | null;
  method: string | null;
  counts: Record<string, number>;
  lowN: boolean;
  /** CSAT: mean score. CES: the mean is the score. */
  mean?: number | null;
  /** CES: share of "easy" answers, in %. */
  easyShare?: number | null;
}

export const CATEGORY_KEYS: Record<SurveyKind, readonly string[]> = {
  nps: ['promoter', 'passive', 'detractor'],
  csat: ['satisfied', 'neutral', 'unsatisfied'],
  ces: ['easy', 'neutral', 'hard'],
};

const roundInterval = (ci: Interval | null, decimals: number): Interval | null =>
  ci && [round(ci[0], decimals), round(ci[1], decimals)];

const c = (s: ScoreSums, key: string) => s.counts[key] ?? 0;

/**
 * Score, interval and counts of one group, rounded for display: NPS a whole number with a
 * one-decimal interval, CSAT percentages to one decimal and the mean to two, CES to two.
 */
export function scoreFigures(type: SurveyKind, s: ScoreSums, info: ScaleInfo): ScoreFigures {
  const counts = Object.fromEntries(CATEGORY_KEYS[type].map((k) => [k, c(s, k)]));
  if (type === 'nps') {
    const e = npsEstimate({
      promoters: c(s, 'promoter'),
      passives: c(s, 'passive'),
      detractors: c(s, 'detractor'),
    });
    const score = e.score === null ? null : round(e.score, 0);
    return {
      score,
      n: e.n,
      ci95: roundInterval(e.ci95, 1),
      method: e.method,
      counts,
      lowN: isLowN(e.n),
    };
  }
  if (type === 'csat') {
    const e = csatEstimate(
      { satisfied: c(s, 'satisfied'), neutral: c(s, 'neutral'), unsatisfied: c(s, 'unsatisfied') },
      s,
    );
    return {
      score: e.score === null ? null : round(e.score, 1),
      n: e.n,
      ci95: roundInterval(e.ci95, 1),
      method: e.method,
      counts,
      lowN: isLowN(e.n),
      mean: e.mean === null ? null : round(e.mean, 2),
    };
  }
  const e = cesEstimate(
    { easy: c(s, 'easy'), neutral: c(s, 'neutral'), hard: c(s, 'hard') },
    s,
    info.scale,
  );
  return {
    score: e.score === null ? null : round(e.score, 2),
    n: e.n,
    ci95: roundInterval(e.ci95, 2),
    method: e.method,
    counts,
    lowN: isLowN(e.n),
    easyShare: e.easyShare === null ? null : round(e.easyShare, 1),
  };
}

/** a − b with its 95% interval, in the score's unit; null when either side cannot say. */
export function scoreChange(type: SurveyKind, a: ScoreSums, b: ScoreSums): Difference | null {
  let d: Difference | null;
  if (type === 'nps') {
    const counts = (s: ScoreSums) => ({
      promoters: c(s, 'promoter'),
      passives: c(s, 'passive'),
      detractors: c(s, 'detractor'),
    });
    d = npsDifference(counts(a), counts(b));
  } else if (type === 'csat') {
    d = proportionDifference({ k: c(a, 'satisfied'), n: a.n }, { k: c(b, 'satisfied'), n: b.n });
  } else {
    d = meanDifference(a, b);
  }
  const decimals = type === 'ces' ? 2 : 1;
  return (
    d && {
      ...d,
      difference: round(d.difference, decimals),
      ci95: [round(d.ci95[0], decimals), round(d.ci95[1], decimals)],
      p: Number(d.p.toPrecision(4)),
    }
  );
}
