import { scoreCategory, type ScaleSpec, type ScoreCategory } from '../responses/score-category';
import type { Rng } from './prng';

/** How often each answer is given, from the worst to the best end of the default scales. */
const BASELINE: Record<ScaleSpec['type'], readonly number[]> = {
  nps: [0.04, 0.015, 0.02, 0.025, 0.025, 0.05, 0.06, 0.1, 0.17, 0.2, 0.29],
  csat: [0.06, 0.06, 0.11, 0.3, 0.47],
  ces: [0.07, 0.11, 0.17, 0.3, 0.35],
};

/** The baseline stretched or squeezed to `points` answers (a 1–7 CES next to the 1–5 one). */
function baselineFor(type: ScaleSpec['type'], points: number): number[] {
  const base = BASELINE[type];
  if (base.length === points) return [...base];
  return Array.from({ length: points }, (_, j) => {
    const x = (j / Math.max(1, points - 1)) * (base.length - 1);
    const lo = Math.floor(x);
    const hi = Math.min(base.length - 1, lo + 1);
    return base[lo]! + (base[hi]! - base[lo]!) * (x - lo);
  });
}

/**
 * A score on the survey's own scale: the baseline tilted towards the best end when `mood` is
 * positive and towards the worst when negative (0 keeps the baseline).
 */
export function drawScore(
  spec: ScaleSpec,
  mood: number,
  rng: Rng,
): { score: number; category: ScoreCategory } {
  const points = spec.scale.max - spec.scale.min + 1;
  const weights = baselineFor(spec.type, points).map((w, j) => {
    const position = points === 1 ? 0 : (2 * j) / (points - 1) - 1; // −1 worst … +1 best
    return [j, w * Math.exp(1.4 * mood * position)] as const;
  });
  const fromWorst = rng.weighted(weights);
  const score =
    spec.direction === 'higher_better' ? spec.scale.min + fromWorst : spec.scale.max - fromWorst;
  return { score, category: scoreCategory(spec, score) };
}
