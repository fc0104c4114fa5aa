import type { Interval } from './common';
import { mean, type Moments } from './moments';
import { percent, wilsonInterval } from './proportion';

export interface CsatCounts {
  satisfied: number;
  neutral: number;
  unsatisfied: number;
}

export interface CsatEstimate {
  /** Share of 4 and 5 in %, null when nobody answered. */
  score: number | null;
  n: number;
  ci95: Interval | null;
  method: 'wilson' | null;
  /** Mean score on the 1–5 scale. */
  mean: number | null;
}

export function csatEstimate(c: CsatCounts, m: Moments): CsatEstimate {
  const n = c.satisfied + c.neutral + c.unsatisfied;
  return {
    score: percent(c.satisfied, n),
    n,
    ci95: wilsonInterval(c.satisfied, n),
    method: n === 0 ? null : 'wilson',
    mean: mean(m),
  };
}
