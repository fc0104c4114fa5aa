/** Two-sided 95% critical values of Student's t for 1–30 degrees of freedom (standard tables). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/**
 * t(0.975, df): the table up to 30 df, then the Cornish–Fisher expansion around z = 1.96
 * (error below 0.001 from 31 df on; 40 df → 2.021, 120 df → 1.980).
 */
export function t975(df: number): number {
  if (!Number.isFinite(df) || df < 1) throw new RangeError('degrees of freedom must be ≥ 1');
  const whole = Math.floor(df);
  if (whole <= 30) return T975[whole - 1]!;
  const z = 1.959963984540054;
  const z3 = z ** 3;
  const z5 = z ** 5;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2);
}
