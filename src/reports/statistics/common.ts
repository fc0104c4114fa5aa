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
  // Halves go away from zero on both sides (NPS −32.5 → −33, as +32.5 → +33); the epsilon keeps
  // 1.005 from rounding down through its binary representation.
  const r = (Math.sign(x) * Math.round(Math.abs(x) * f * (1 + Number.EPSILON))) / f;
  return r === 0 ? 0 : r;
}
