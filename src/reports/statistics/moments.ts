import { t975 } from './student-t';
import type { Interval } from './common';

/** What a $group can sum in one pass: count, Σx and Σx². */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

export function mean(m: Moments): number | null {
  return m.n === 0 ? null : m.sum / m.n;
}

/** Sample variance (n − 1); null below two values. Never negative despite rounding. */
export function sampleVariance(m: Moments): number | null {
  if (m.n < 2) return null;
  return Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1));
}

/** Mean ± t(0.975, n − 1) · s / √n; null below two values. */
export function meanInterval(m: Moments): Interval | null {
  const v = sampleVariance(m);
  if (v === null) return null;
  const centre = m.sum / m.n;
  const half = t975(m.n - 1) * Math.sqrt(v / m.n);
  return [centre - half, centre + half];
}

export function momentsOf(values: readonly number[]): Moments {
  let sum = 0;
  let sumSq = 0;
  for (const x of values) {
    sum += x;
    sumSq += x * x;
  }
  return { n: values.length, sum, sumSq };
}
