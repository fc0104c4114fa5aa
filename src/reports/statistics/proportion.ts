import { clamp, Z95, type Interval } from './common';

/** Wilson score interval for k successes in n trials, in percent; null when n = 0. */
export function wilsonInterval(k: number, n: number): Interval | null {
  if (n === 0) return null;
  const p = k / n;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [clamp(centre - half, 0, 1) * 100, clamp(centre + half, 0, 1) * 100];
}

/** k / n in percent, null when n = 0. */
export function percent(k: number, n: number): number | null {
  return n === 0 ? null : (k / n) * 100;
}
