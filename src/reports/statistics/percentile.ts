/**
 * Nearest-rank percentile: the smallest observed value with at least p% of the values at or
 * below it (rank ⌈p/100 · n⌉). Always an observed value, like MongoDB's $percentile and $median
 * on small sets; the median of an even count is therefore the lower middle value. Null when
 * there are no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError('p must be in (0, 100]');
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export interface TimeFigures {
  n: number;
  median: number | null;
  p90: number | null;
}

/** Time figures (seconds to answer, to first action, to resolution): median and p90, no mean. */
export function timeFigures(values: readonly number[]): TimeFigures {
  return { n: values.length, median: percentile(values, 50), p90: percentile(values, 90) };
}
