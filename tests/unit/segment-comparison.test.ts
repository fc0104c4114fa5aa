import { compareSegments, verdictOf } from '../../src/reports/segment-comparison';
import type { ScoreSums } from '../../src/reports/score-figures';

/** Sums of NPS answers from category counts (scores 10, 8 and 3 stand for each category). */
const nps = (promoter: number, passive: number, detractor: number): ScoreSums => {
  const n = promoter + passive + detractor;
  return {
    n,
    sum: promoter * 10 + passive * 8 + detractor * 3,
    sumSq: promoter * 100 + passive * 64 + detractor * 9,
    counts: { promoter, passive, detractor },
  };
};
const add = (...all: ScoreSums[]): ScoreSums =>
  all.reduce((a, b) => ({
    n: a.n + b.n,
    sum: a.sum + b.sum,
    sumSq: a.sumSq + b.sumSq,
    counts: Object.fromEntries(
      Object.keys({ ...a.counts, ...b.counts }).map((k) => [
        k,
        (a.counts[k] ?? 0) + (b.counts[k] ?? 0),
      ]),
    ),
  }));
/** CES 1–5 answers: `values` each once. */
const ces = (values: number[]): ScoreSums => ({
  n: values.length,
  sum: values.reduce((a, v) => a + v, 0),
  sumSq: values.reduce((a, v) => a + v * v, 0),
  counts: {
    easy: values.filter((v) => v <= 2).length,
    neutral: values.filter((v) => v === 3).length,
    hard: values.filter((v) => v >= 4).length,
  },
});

describe('a breakdown compares each segment with the rest', () => {
  it('when one team of nine is far below the others, then it alone is marked worse, against the rest', () => {
    const good = [nps(60, 20, 20), nps(58, 22, 20), nps(61, 19, 20), nps(59, 21, 20)];
    const teams = [...good, nps(10, 20, 70), ...good];
    const result = compareSegments('nps', add(...teams), teams, 'higher_better');
    expect(result.map((r) => r?.verdict)).toEqual([
      null,
      null,
      null,
      null,
      'worse',
      null,
      null,
      null,
      null,
    ]);
    // NPS −60 against the other eight together (476 promoters, 160 detractors of 800: +39.5).
    expect(result[4]!.difference).toBeCloseTo(-99.5, 1);
    expect(result[4]!.p).toBeLessThan(1e-6);
  });

  it('when a lower CES (less effort) is better, then a team with the lowest effort is better, not worse', () => {
    const low = ces([...Array(40).fill(1), ...Array(10).fill(2)]);
    const high = ces([...Array(25).fill(4), ...Array(25).fill(3)]);
    const mid = ces([...Array(25).fill(2), ...Array(25).fill(3)]);
    const result = compareSegments('ces', add(low, high, mid), [low, high, mid], 'lower_better');
    expect(result[0]).toMatchObject({ verdict: 'better' });
    expect(result[0]!.difference).toBeLessThan(0);
    expect(result[1]).toMatchObject({ verdict: 'worse' });
  });

  it('when twenty segments differ by chance at the 5% level, then the false discovery rate keeps the marks off', () => {
    // Twenty equal teams but one whose raw p is just under 0.05: alone it would be "significant";
    // with 19 others tested at once it is not.
    const base = nps(50, 25, 25);
    const teams = [...Array(19).fill(base), nps(62, 20, 18)];
    const result = compareSegments('nps', add(...teams), teams, 'higher_better');
    expect(result[19]!.p).toBeLessThan(0.05);
    expect(result[19]!.verdict).toBeNull();
    expect(result.every((r) => r?.verdict === null)).toBe(true);
  });

  it('when a segment has no answers or is the only one, then it has no comparison', () => {
    const only = nps(5, 5, 5);
    expect(compareSegments('nps', only, [only], 'higher_better')).toEqual([null]);
    expect(compareSegments('nps', only, [nps(0, 0, 0), only], 'higher_better')).toEqual([
      null,
      null,
    ]);
  });
});

describe('verdictOf', () => {
  it.each([
    [5, 'higher_better', 'better'],
    [-5, 'higher_better', 'worse'],
    [-0.4, 'lower_better', 'better'],
    [0.4, 'lower_better', 'worse'],
    [0, 'higher_better', null],
  ] as const)('a difference of %p when %s is %p', (d, direction, verdict) => {
    expect(verdictOf(d, direction)).toBe(verdict);
  });
});
