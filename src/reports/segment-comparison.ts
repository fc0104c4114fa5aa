import { scoreChange, type ScaleInfo, type ScoreSums, type SurveyKind } from './score-figures';
import { benjaminiHochberg, type Interval } from './statistics';

/** False discovery rate the breakdown's "better / worse" marks are controlled at. */
export const BREAKDOWN_FDR = 0.05;

export type Verdict = 'better' | 'worse';

export interface SegmentComparison {
  /** This segment's score minus the score of all the other answers together. */
  difference: number;
  ci95: Interval;
  p: number;
  /** Set only when Benjamini–Hochberg across the breakdown's segments keeps this difference. */
  verdict: Verdict | null;
}

/** Which way a difference goes for the customer: a lower CES on the 1–5 effort scale is better. */
export function verdictOf(difference: number, direction: ScaleInfo['direction']): Verdict | null {
  if (difference === 0) return null;
  const up = difference > 0;
  return up === (direction === 'higher_better') ? 'better' : 'worse';
}

const minus = (a: ScoreSums, b: ScoreSums): ScoreSums => {
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(a.counts)) counts[k] = v - (b.counts[k] ?? 0);
  return { n: a.n - b.n, sum: a.sum - b.sum, sumSq: a.sumSq - b.sumSq, counts };
};

/**
 * Each segment of a breakdown against the rest of the answers. Many segments are tested at
 * once, so which differences count is decided by Benjamini–Hochberg at 5% over all of them.
 * Segments partition the answers (one value per answer), so rest = overall − segment.
 */
export function compareSegments(
  type: SurveyKind,
  overall: ScoreSums,
  segments: readonly ScoreSums[],
  direction: ScaleInfo['direction'],
): (SegmentComparison | null)[] {
  const changes = segments.map((s) => scoreChange(type, s, minus(overall, s)));
  const tested = changes.flatMap((c, i) => (c ? [{ i, p: c.p }] : []));
  const kept = benjaminiHochberg(
    tested.map((t) => t.p),
    BREAKDOWN_FDR,
  );
  const discovery = new Set(tested.filter((_, j) => kept[j]).map((t) => t.i));
  return changes.map((c, i) =>
    c
      ? {
          difference: c.difference,
          ci95: c.ci95,
          p: c.p,
          verdict: discovery.has(i) ? verdictOf(c.difference, direction) : null,
        }
      : null,
  );
}
