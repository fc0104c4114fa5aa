/**
 * Benjamini–Hochberg step-up procedure: which of m tests are discoveries at false discovery rate
 * q. Sort the p-values, find the largest rank k with p(k) ≤ k·q/m, reject the k smallest. A
 * breakdown compares every segment at once; without this, one "significant" mark in twenty at
 * 5% is chance. Ties in p are decided together, so the order of equal values does not matter.
 */
export function benjaminiHochberg(pValues: readonly number[], q = 0.05): boolean[] {
  const m = pValues.length;
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value out of [0, 1]: ${p}`);
  }
  const sorted = [...pValues].sort((a, b) => a - b);
  let threshold = -1;
  for (let k = m; k >= 1; k--) {
    if (sorted[k - 1]! <= (k * q) / m) {
      threshold = sorted[k - 1]!;
      break;
    }
  }
  return pValues.map((p) => p <= threshold);
}
