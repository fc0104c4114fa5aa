import fc from 'fast-check';
import {
  meanDifference,
  momentsOf,
  npsDifference,
  npsEstimate,
  proportionDifference,
  wilsonInterval,
} from '../../src/reports/statistics';

const close = (actual: number | undefined, expected: number) =>
  expect(actual).toBeCloseTo(expected, 3);

describe('differences between two periods or segments', () => {
  it('when NPS 30 vs −10 (n = 100 each), then +40 [17.65, 62.35], significant', () => {
    // SE = sqrt(0.61 / 100 + 0.69 / 100) · 100 = 11.402.
    const d = npsDifference(
      { promoters: 50, passives: 30, detractors: 20 },
      { promoters: 30, passives: 30, detractors: 40 },
    )!;
    expect(d.difference).toBe(40);
    close(d.ci95[0], 17.6526);
    close(d.ci95[1], 62.3474);
    expect(d.significant).toBe(true);
    // z = 40 / 11.402 = 3.508.
    expect(d.p).toBeCloseTo(0.000451, 5);
  });

  it('when NPS 30 vs 26, then +4 with an interval spanning 0, not significant', () => {
    const d = npsDifference(
      { promoters: 50, passives: 30, detractors: 20 },
      { promoters: 48, passives: 30, detractors: 22 },
    )!;
    close(d.difference, 4);
    close(d.ci95[0], -17.8467);
    close(d.ci95[1], 25.8467);
    expect(d.significant).toBe(false);
  });

  it("when 56/70 vs 48/80, then Newcombe's published interval [5.24, 33.39]", () => {
    const d = proportionDifference({ k: 56, n: 70 }, { k: 48, n: 80 })!;
    close(d.difference, 20);
    close(d.ci95[0], 5.2429);
    close(d.ci95[1], 33.3875);
    expect(d).toMatchObject({ significant: true, method: 'newcombe' });
    // Pooled z test: p̂ = 104/150, SE = 7.547 points, z = 2.650.
    expect(d.p).toBeCloseTo(0.00805, 4);
  });

  it('when two CES samples, then the Welch interval (df 6.51 → table t(6) = 2.447)', () => {
    const d = meanDifference(momentsOf([1, 2, 2, 3, 5]), momentsOf([3, 4, 4, 5, 5, 4, 2, 5]))!;
    close(d.difference, -1.4);
    close(d.ci95[0], -1.4 - 2.447 * 0.776439);
    close(d.ci95[1], -1.4 + 2.447 * 0.776439);
    expect(d).toMatchObject({ significant: false, method: 'welch' });
    // t = −1.803 on 6.51 df.
    expect(d.p).toBeCloseTo(0.1176, 3);
  });

  it('when a side has no answers, then no difference', () => {
    const none = { promoters: 0, passives: 0, detractors: 0 };
    expect(npsDifference(none, { promoters: 1, passives: 0, detractors: 0 })).toBeNull();
    expect(proportionDifference({ k: 0, n: 0 }, { k: 1, n: 2 })).toBeNull();
    expect(meanDifference(momentsOf([3]), momentsOf([1, 2]))).toBeNull();
  });
});

describe('interval properties', () => {
  const counts = fc.record({
    promoters: fc.nat(2000),
    passives: fc.nat(2000),
    detractors: fc.nat(2000),
  });

  it('NPS intervals stay within [−100, 100], are ordered, and contain the score from 30 answers on', () => {
    fc.assert(
      fc.property(counts, (c) => {
        const e = npsEstimate(c);
        if (e.score === null) return e.n === 0 && e.ci95 === null;
        const [lo, hi] = e.ci95!;
        const inside = lo - 1e-9 <= e.score && e.score <= hi + 1e-9;
        return -100 <= lo && lo <= hi && hi <= 100 && (e.method === 'adjusted-wald' || inside);
      }),
    );
  });

  it('Wilson intervals stay within [0, 100] and contain the share', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), (a, b) => {
        const n = a + b;
        const ci = wilsonInterval(a, n);
        if (n === 0) return ci === null;
        const share = (a / n) * 100;
        return 0 <= ci![0] && ci![0] <= share + 1e-9 && share - 1e-9 <= ci![1] && ci![1] <= 100;
      }),
    );
  });
});
