import fc from 'fast-check';
import {
  isOnScale,
  scoreCategory,
  type ScaleSpec,
  type ScoreCategory,
} from '../../src/responses/score-category';

const NPS: ScaleSpec = { type: 'nps', scale: { min: 0, max: 10 }, direction: 'higher_better' };
const CSAT: ScaleSpec = { type: 'csat', scale: { min: 1, max: 5 }, direction: 'higher_better' };
const CES5: ScaleSpec = { type: 'ces', scale: { min: 1, max: 5 }, direction: 'lower_better' };
const CES7: ScaleSpec = { type: 'ces', scale: { min: 1, max: 7 }, direction: 'higher_better' };

describe('scoreCategory', () => {
  const table: [string, ScaleSpec, number[], ScoreCategory][] = [
    ['NPS', NPS, [9, 10], 'promoter'],
    ['NPS', NPS, [7, 8], 'passive'],
    ['NPS', NPS, [0, 1, 2, 3, 4, 5, 6], 'detractor'],
    ['CSAT', CSAT, [4, 5], 'satisfied'],
    ['CSAT', CSAT, [3], 'neutral'],
    ['CSAT', CSAT, [1, 2], 'unsatisfied'],
    ['CES 1–5 (lower is better)', CES5, [1, 2], 'easy'],
    ['CES 1–5 (lower is better)', CES5, [3], 'neutral'],
    ['CES 1–5 (lower is better)', CES5, [4, 5], 'hard'],
    ['CES 1–7 (higher is better)', CES7, [5, 6, 7], 'easy'],
    ['CES 1–7 (higher is better)', CES7, [4], 'neutral'],
    ['CES 1–7 (higher is better)', CES7, [1, 2, 3], 'hard'],
  ];
  it.each(table)('when a %s score is %p, then it is %s', (_name, spec, scores, category) => {
    for (const score of scores) expect(scoreCategory(spec, score)).toBe(category);
  });

  it.each([
    [NPS, -1],
    [NPS, 11],
    [NPS, 9.5],
    [CSAT, 0],
    [CSAT, 6],
    [CES5, 6],
    [CES7, 0],
    [CES7, 8],
  ])('when the score is off the scale (%o, %p), then it is refused', (spec, score) => {
    expect(isOnScale(spec, score)).toBe(false);
    expect(() => scoreCategory(spec, score)).toThrow(RangeError);
  });

  it('when any on-scale CES score is categorised, then the reversed scale gives the mirror category', () => {
    const reversed: ScaleSpec = { ...CES5, direction: 'higher_better' };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), (score) => {
        const mirror = scoreCategory(reversed, 6 - score);
        expect(scoreCategory(CES5, score)).toBe(mirror);
      }),
    );
  });
});
