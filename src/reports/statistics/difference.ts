import { Z95, type Interval } from './common';
import type { Moments } from './moments';
import { sampleVariance } from './moments';
import { npsEstimate, type NpsCounts } from './nps';
import { wilsonInterval } from './proportion';
import { t975 } from './student-t';
import { normalTwoSidedP, studentTwoSidedP } from './p-values';

export interface Difference {
  /** a − b, in the score's unit (NPS points, CSAT percentage points, CES scale points). */
  difference: number;
  ci95: Interval;
  /** Only when the 95% interval excludes 0. */
  significant: boolean;
  /** Two-sided p-value of "no difference" (z test; Welch's t for means), for FDR control. */
  p: number;
  method: 'wald' | 'newcombe' | 'welch';
}

function verdict(
  difference: number,
  lo: number,
  hi: number,
  method: Difference['method'],
  p: number,
): Difference {
  return { difference, ci95: [lo, hi] as Interval, significant: lo > 0 || hi < 0, method, p };
}

/** p for a statistic d / se; a zero standard error means certainty either way. */
const pOf = (d: number, se: number, df?: number) => {
  if (se === 0) return d === 0 ? 1 : 0;
  return df === undefined ? normalTwoSidedP(d / se) : studentTwoSidedP(d / se, df);
};

/**
 * NPS a − NPS b; SE = sqrt(var_a / n_a + var_b / n_b) · 100 with each side's trinomial variance
 * (its adjusted-Wald variance and n + 3 below 30 answers, so a side of all promoters still
 * carries uncertainty). Null when a side has no answers.
 */
export function npsDifference(a: NpsCounts, b: NpsCounts): Difference | null {
  const ea = npsEstimate(a);
  const eb = npsEstimate(b);
  if (ea.score === null || eb.score === null) return null;
  const se = Math.sqrt(ea.variance! / ea.effectiveN + eb.variance! / eb.effectiveN) * 100;
  const d = ea.score - eb.score;
  return verdict(d, d - Z95 * se, d + Z95 * se, 'wald', pOf(d, se));
}

/** Difference of two proportions (in points) with Newcombe's hybrid Wilson score interval. */
export function proportionDifference(
  a: { k: number; n: number },
  b: { k: number; n: number },
): Difference | null {
  const wa = wilsonInterval(a.k, a.n);
  const wb = wilsonInterval(b.k, b.n);
  if (!wa || !wb) return null;
  const pa = (a.k / a.n) * 100;
  const pb = (b.k / b.n) * 100;
  const d = pa - pb;
  const lo = d - Math.sqrt((pa - wa[0]) ** 2 + (wb[1] - pb) ** 2);
  const hi = d + Math.sqrt((wa[1] - pa) ** 2 + (pb - wb[0]) ** 2);
  // The p-value is the pooled two-proportion z test's; the interval stays Newcombe's.
  const pooled = (a.k + b.k) / (a.n + b.n);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n)) * 100;
  return verdict(d, lo, hi, 'newcombe', pOf(d, pooledSe));
}

/** Difference of two means with Welch's t-interval (Welch–Satterthwaite df); n ≥ 2 each side. */
export function meanDifference(a: Moments, b: Moments): Difference | null {
  const va = sampleVariance(a);
  const vb = sampleVariance(b);
  if (va === null || vb === null) return null;
  const d = a.sum / a.n - b.sum / b.n;
  const qa = va / a.n;
  const qb = vb / b.n;
  const se = Math.sqrt(qa + qb);
  if (se === 0) return verdict(d, d, d, 'welch', pOf(d, 0));
  const df = (qa + qb) ** 2 / (qa ** 2 / (a.n - 1) + qb ** 2 / (b.n - 1));
  const half = t975(df) * se;
  return verdict(d, d - half, d + half, 'welch', pOf(d, se, df));
}
