import { clamp, Z95, type Interval } from './common';

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** Below this many answers the interval uses the adjusted-Wald variant (and says so). */
export const ADJUSTED_WALD_BELOW = 30;

export type IntervalMethod = 'wald' | 'adjusted-wald' | 'wilson' | 't' | 'welch';

export interface NpsEstimate {
  /** %promoters − %detractors, −100…+100; null when nobody answered (never 0). */
  score: number | null;
  n: number;
  ci95: Interval | null;
  method: IntervalMethod | null;
  /** Trinomial variance of one answer's value (+1 / 0 / −1), on the shares' scale. */
  variance: number | null;
  /** The n the interval used: n, or n + 3 for adjusted-Wald. */
  effectiveN: number;
}

/**
 * NPS with a 95% interval from the trinomial variance p + d − (p − d)², SE = sqrt(var / n)·100.
 * For n < 30 the interval is the adjusted-Wald one (Sauro & Lewis, MeasuringU): n + 3, with
 * 0.75 added to promoters and to detractors (so passives implicitly get the remaining 1.5),
 * the interval centred on that adjusted NPS. The score itself is always the
 * plain NPS. Bounds are clamped to [−100, 100].
 */
export function npsEstimate(c: NpsCounts): NpsEstimate {
  const n = c.promoters + c.passives + c.detractors;
  if (n === 0) return { score: null, n, ci95: null, method: null, variance: null, effectiveN: 0 };
  const score = ((c.promoters - c.detractors) / n) * 100;
  const adjusted = n < ADJUSTED_WALD_BELOW;
  const extra = adjusted ? 0.75 : 0;
  const m = adjusted ? n + 3 : n;
  const p = (c.promoters + extra) / m;
  const d = (c.detractors + extra) / m;
  const variance = p + d - (p - d) ** 2;
  const centre = (p - d) * 100;
  const half = Z95 * Math.sqrt(variance / m) * 100;
  return {
    score,
    n,
    ci95: [clamp(centre - half, -100, 100), clamp(centre + half, -100, 100)],
    method: adjusted ? 'adjusted-wald' : 'wald',
    variance,
    effectiveN: m,
  };
}
