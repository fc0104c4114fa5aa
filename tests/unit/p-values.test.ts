import fc from 'fast-check';
import { benjaminiHochberg } from '../../src/reports/statistics/benjamini-hochberg';
import {
  normalTwoSidedP,
  regularizedBeta,
  studentTwoSidedP,
} from '../../src/reports/statistics/p-values';

describe('two-sided p-values', () => {
  it.each([
    [0, 1],
    [1.959963984540054, 0.05],
    [2.5758293035489, 0.01],
    [1, 0.3173105078629141],
    [-3, 0.0026997960632601866],
  ])('normal: z = %p gives p = %p', (z, p) => {
    expect(normalTwoSidedP(z)).toBeCloseTo(p, 6);
  });

  it.each([
    // Standard t tables: the two-sided 5% and 1% critical values.
    [12.706, 1, 0.05],
    [2.228, 10, 0.05],
    [2.042, 30, 0.05],
    [3.169, 10, 0.01],
    [2.0, 10, 0.07338803477074334],
    [0, 7, 1],
  ])('student: t = %p with %p df gives p = %p', (t, df, p) => {
    expect(studentTwoSidedP(t, df)).toBeCloseTo(p, 4);
  });

  it('when df grows, then Student approaches the normal', () => {
    expect(studentTwoSidedP(1.96, 1e6)).toBeCloseTo(normalTwoSidedP(1.96), 5);
  });

  it('when a Welch df is fractional, then p lies between the neighbouring whole dfs', () => {
    const p = studentTwoSidedP(2.1, 7.4);
    expect(p).toBeLessThan(studentTwoSidedP(2.1, 7));
    expect(p).toBeGreaterThan(studentTwoSidedP(2.1, 8));
  });

  it('regularized beta is a CDF: 0 at 0, 1 at 1, symmetric for a = b', () => {
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    expect(regularizedBeta(0.5, 4, 4)).toBeCloseTo(0.5, 10);
    expect(regularizedBeta(0.3, 2, 5) + regularizedBeta(0.7, 5, 2)).toBeCloseTo(1, 10);
  });

  it('rejects a meaningless input loudly', () => {
    expect(() => studentTwoSidedP(1, 0)).toThrow(RangeError);
    expect(() => normalTwoSidedP(Number.NaN)).toThrow(RangeError);
  });
});

describe('Benjamini–Hochberg at 5%', () => {
  it('when p-values are those of the textbook example, then the step-up keeps the right ones', () => {
    // m = 10, thresholds k·0.005: 0.001 ≤ 0.005 and 0.008 ≤ 0.01, then 0.039 > 0.015 and none
    // further up passes its own threshold, so k = 2.
    const p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216];
    const shuffled = [0.205, 0.008, 0.216, 0.001, 0.06, 0.042, 0.039, 0.074, 0.212, 0.041];
    expect(benjaminiHochberg(p)).toEqual(p.map((_, i) => i < 2));
    const kept = shuffled.filter((_, i) => benjaminiHochberg(shuffled)[i]);
    expect(kept.sort()).toEqual([0.001, 0.008]);
    const q = [0.001, 0.008, 0.012, 0.018, 0.3];
    expect(benjaminiHochberg(q)).toEqual([true, true, true, true, false]);
  });

  it('when a later p passes its threshold, then every smaller one is kept too (step-up)', () => {
    // 0.03 > 1·0.05/3 but 0.04 ≤ 3·0.05/3: all three are discoveries.
    expect(benjaminiHochberg([0.04, 0.03, 0.035])).toEqual([true, true, true]);
  });

  it('when nothing passes, or there is nothing to test, then nothing is kept', () => {
    expect(benjaminiHochberg([0.2, 0.5, 0.9])).toEqual([false, false, false]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('when p-values are tied, then they are kept or dropped together', () => {
    expect(benjaminiHochberg([0.02, 0.02, 0.02, 0.5])).toEqual([true, true, true, false]);
  });

  it('never keeps more than the uncorrected 5% test, and the result does not depend on order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), (ps) => {
        const kept = benjaminiHochberg(ps);
        const reversed = benjaminiHochberg([...ps].reverse()).reverse();
        return (
          kept.every((k, i) => !k || ps[i]! <= 0.05) && kept.every((k, i) => k === reversed[i])
        );
      }),
    );
  });

  it('refuses a p-value outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.2, 1.5])).toThrow(RangeError);
  });
});
