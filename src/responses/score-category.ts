/**
 * Score → category, pure. NPS and CSAT follow DESIGN.md; CES depends on the survey's scale
 * and direction:
 * - 1–5 effort (lower is better): easy 1–2, neutral 3, hard 4–5;
 * - 1–7 agreement (higher is better): easy 5–7, neutral 4, hard 1–3 — every answer on the
 *   "agree" side of the midpoint counts as easy, mirroring the 1–5 rule.
 */
export type SurveyKind = 'nps' | 'csat' | 'ces';
export type Direction = 'higher_better' | 'lower_better';
export type NpsCategory = 'promoter' | 'passive' | 'detractor';
export type CsatCategory = 'satisfied' | 'neutral' | 'unsatisfied';
export type CesCategory = 'easy' | 'neutral' | 'hard';
export type ScoreCategory = NpsCategory | CsatCategory | CesCategory;

export interface ScaleSpec {
  type: SurveyKind;
  scale: { min: number; max: number };
  direction: Direction;
}

export const CATEGORIES: readonly ScoreCategory[] = [
  'promoter',
  'passive',
  'detractor',
  'satisfied',
  'unsatisfied',
  'easy',
  'neutral',
  'hard',
];

export function isOnScale(spec: ScaleSpec, score: number): boolean {
  return Number.isInteger(score) && score >= spec.scale.min && score <= spec.scale.max;
}

/** Categories run from best to worst: which one a survey's "bad" answers get, for example. */
export function categoriesOf(type: SurveyKind): readonly ScoreCategory[] {
  if (type === 'nps') return ['promoter', 'passive', 'detractor'];
  if (type === 'csat') return ['satisfied', 'neutral', 'unsatisfied'];
  return ['easy', 'neutral', 'hard'];
}

/** The category of an on-scale score; throws for an off-scale one (validate first). */
export function scoreCategory(spec: ScaleSpec, score: number): ScoreCategory {
  if (!isOnScale(spec, score)) {
    throw new RangeError(`${score} is not on the ${spec.scale.min}–${spec.scale.max} scale`);
  }
  if (spec.type === 'nps') return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
  if (spec.type === 'csat')
    return score >= 4 ? 'satisfied' : score === 3 ? 'neutral' : 'unsatisfied';
  return cesCategory(spec, score);
}

function cesCategory(spec: ScaleSpec, score: number): CesCategory {
  const { min, max } = spec.scale;
  // Distance from the best end of the scale: 0 is the easiest answer.
  const fromBest = spec.direction === 'lower_better' ? score - min : max - score;
  const midpoint = (max - min) / 2;
  if (fromBest < midpoint) return 'easy';
  if (fromBest === midpoint) return 'neutral';
  return 'hard';
}

/** The "unhappy" end: what rules and the thank-you page treat as needing a follow-up. */
export function isNegative(category: ScoreCategory | null | undefined): boolean {
  return category === 'detractor' || category === 'unsatisfied' || category === 'hard';
}
