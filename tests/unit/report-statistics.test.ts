import {
  cesEstimate,
  csatEstimate,
  isLowN,
  momentsOf,
  npsEstimate,
  percentile,
  responseRate,
  round,
  t975,
  timeFigures,
  wilsonInterval,
} from '../../src/reports/statistics';

const close = (actual: number | null | undefined, expected: number) =>
  expect(actual).toBeCloseTo(expected, 3);

describe('npsEstimate (hand-computed fixtures)', () => {
  // p, d shares; var = p + d − (p − d)²; SE = sqrt(var / n)·100; ±1.96·SE.
  it.each`
    case                          | promoters | passives | detractors | score   | lo          | hi         | method
    ${'50/30/20 → 30'}            | ${50}     | ${30}    | ${20}      | ${30}   | ${14.6919}  | ${45.3081} | ${'wald'}
    ${'all promoters → +100'}     | ${40}     | ${0}     | ${0}       | ${100}  | ${100}      | ${100}     | ${'wald'}
    ${'all detractors → −100'}    | ${0}      | ${0}     | ${40}      | ${-100} | ${-100}     | ${-100}    | ${'wald'}
    ${'half and half → 0'}        | ${20}     | ${0}     | ${20}      | ${0}    | ${-30.9903} | ${30.9903} | ${'wald'}
    ${'30/30/40 → −10'}           | ${30}     | ${30}    | ${40}      | ${-10}  | ${-26.281}  | ${6.281}   | ${'wald'}
    ${'one promoter (adjusted)'}  | ${1}      | ${0}     | ${0}       | ${100}  | ${-48.5}    | ${98.5}    | ${'adjusted-wald'}
    ${'one detractor (adjusted)'} | ${0}      | ${0}     | ${1}       | ${-100} | ${-98.5}    | ${48.5}    | ${'adjusted-wald'}
    ${'6/2/2 (adjusted, n + 3)'}  | ${6}      | ${2}     | ${2}       | ${40}   | ${-12.5864} | ${74.1248} | ${'adjusted-wald'}
    ${'29 promoters, clamped'}    | ${29}     | ${0}     | ${0}       | ${100}  | ${78.0445}  | ${100}     | ${'adjusted-wald'}
  `('when $case, then score, interval and method match', (row) => {
    const e = npsEstimate(row);
    expect(e.score).toBe(row.score);
    expect(e.n).toBe(row.promoters + row.passives + row.detractors);
    close(e.ci95?.[0], row.lo);
    close(e.ci95?.[1], row.hi);
    expect(e.method).toBe(row.method);
  });

  it('when nobody answered, then the score is null, not 0', () => {
    expect(npsEstimate({ promoters: 0, passives: 0, detractors: 0 })).toMatchObject({
      score: null,
      n: 0,
      ci95: null,
      method: null,
    });
  });
});

describe('csatEstimate', () => {
  it('when 80 of 100 are 4–5, then 80% with the Wilson interval and the mean', () => {
    // 50 fives, 30 fours, 10 threes, 10 ones: mean (250 + 120 + 30 + 10) / 100 = 4.1.
    const m = momentsOf([
      ...Array(50).fill(5),
      ...Array(30).fill(4),
      ...Array(10).fill(3),
      ...Array(10).fill(1),
    ]);
    const e = csatEstimate({ satisfied: 80, neutral: 10, unsatisfied: 10 }, m);
    expect(e.score).toBe(80);
    close(e.ci95?.[0], 71.1169);
    close(e.ci95?.[1], 86.6634);
    close(e.mean, 4.1);
    expect(e.method).toBe('wilson');
  });

  it.each`
    k     | n     | lo         | hi
    ${0}  | ${10} | ${0}       | ${27.754}
    ${10} | ${10} | ${72.246}  | ${100}
    ${1}  | ${1}  | ${20.6543} | ${100}
  `('when $k of $n, then Wilson [$lo, $hi]', ({ k, n, lo, hi }) => {
    const ci = wilsonInterval(k, n)!;
    close(ci[0], lo);
    close(ci[1], hi);
  });

  it('when nobody answered, then no score and no mean', () => {
    const e = csatEstimate({ satisfied: 0, neutral: 0, unsatisfied: 0 }, momentsOf([]));
    expect(e).toMatchObject({ score: null, n: 0, ci95: null, mean: null });
  });
});

describe('cesEstimate', () => {
  const scale = { min: 1, max: 5 };
  it('when 1, 2, 2, 3, 5 on 1–5, then mean 2.6 with a t(4) interval clamped to the scale', () => {
    // s² = (43 − 13²/5) / 4 = 2.3; half = 2.776 · sqrt(2.3 / 5) = 1.8828.
    const e = cesEstimate({ easy: 3, neutral: 1, hard: 1 }, momentsOf([1, 2, 2, 3, 5]), scale);
    close(e.score, 2.6);
    close(e.ci95?.[0], 1);
    close(e.ci95?.[1], 4.4828);
    expect(e.method).toBe('t');
    expect(e.easyShare).toBe(60);
  });

  it('when one answer, then a mean but no interval; none, then null', () => {
    expect(cesEstimate({ easy: 1, neutral: 0, hard: 0 }, momentsOf([2]), scale)).toMatchObject({
      score: 2,
      n: 1,
      ci95: null,
      easyShare: 100,
    });
    expect(cesEstimate({ easy: 0, neutral: 0, hard: 0 }, momentsOf([]), scale)).toMatchObject({
      score: null,
      ci95: null,
      easyShare: null,
    });
  });
});

describe('t975, percentiles, response rate, low n', () => {
  it.each`
    df     | t
    ${1}   | ${12.706}
    ${4}   | ${2.776}
    ${30}  | ${2.042}
    ${40}  | ${2.021}
    ${120} | ${1.98}
  `('when df = $df, then t = $t', ({ df, t }) => {
    expect(t975(df)).toBeCloseTo(t, 2);
  });

  it.each`
    values                             | median  | p90
    ${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]} | ${5}    | ${9}
    ${[30, 10, 20]}                    | ${20}   | ${30}
    ${[7]}                             | ${7}    | ${7}
    ${[]}                              | ${null} | ${null}
  `('when $values, then nearest-rank median $median and p90 $p90', ({ values, median, p90 }) => {
    expect(timeFigures(values)).toEqual({ n: values.length, median, p90 });
  });

  it('when p is out of range, then percentile throws', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
  });

  it('when invitations reached people, then answered / reached; none reached, then null', () => {
    expect(responseRate({ reached: 200, answered: 50 })).toBe(25);
    expect(responseRate({ reached: 0, answered: 0 })).toBeNull();
  });

  it('when fewer than 30 answers, then low n', () => {
    expect([isLowN(0), isLowN(29), isLowN(30)]).toEqual([true, true, false]);
  });
});

describe('round', () => {
  it.each([
    [32.5, 0, 33],
    [-32.5, 0, -33],
    [-0.4, 0, 0],
    [1.005, 2, 1.01],
    [-1.005, 2, -1.01],
    [2.345, 1, 2.3],
    [-2.35, 1, -2.4],
  ])('when %p is rounded to %p decimals, then %p (halves away from zero)', (x, d, expected) => {
    expect(round(x, d)).toBe(expected);
    expect(Object.is(round(x, d), -0)).toBe(false);
  });
});
