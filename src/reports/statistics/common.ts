/** Shared bits of the report statistics; pure, no I/O. */
export type Interval = [number, number];

/** Two-sided 95% normal quantile, rounded as DESIGN.md writes it (±1.96 × SE). */
export const Z95 = 1.96;

/** Under this many answers a figure is flagged lowN: read it with care. */
export const LOW_N = 30;

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

export function isLowN(n: number): boolean {
  return n < LOW_N;
}

/** Rounds for display; -0 becomes 0 so JSON never shows "-0". */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
}
