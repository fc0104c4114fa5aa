import { clamp, type Interval } from './common';
import { mean, meanInterval, type Moments } from './moments';
import { percent, wilsonInterval } from './proportion';

export interface CesCounts {
  easy: number;
  neutral: number;
  hard: number;
}

export interface CesEstimate {
  /** Mean effort score on the survey's scale (read with its direction), null without answers. */
  score: number | null;
  n: number;
  /** t-interval of the mean, clamped to the scale; null below two answers. */
  ci95: Interval | null;
  method: 't' | null;
  /** Share of "easy" answers (1–2 on 1–5 effort; 5–7 on 1–7 agreement) in %, with Wilson. */
  easyShare: number | null;
  easyCi95: Interval | null;
}

export function cesEstimate(
  c: CesCounts,
  m: Moments,
  scale: { min: number; max: number },
): CesEstimate {
  const ci = meanInterval(m);
  const n = c.easy + c.neutral + c.hard;
  return {
    score: mean(m),
    n: m.n,
    ci95: ci && [clamp(ci[0], scale.min, scale.max), clamp(ci[1], scale.min, scale.max)],
    method: ci ? 't' : null,
    easyShare: percent(c.easy, n),
    easyCi95: wilsonInterval(c.easy, n),
  };
}
