import type { ScoreCategory } from '../responses/score-category';
import { COMMENTS, LONG_ENDINGS, TOPIC_COMMENTS, type Mood } from './history-phrases';
import type { Rng } from './prng';

const COMMENT_CHANCE: Record<Mood, number> = { good: 0.4, mixed: 0.35, bad: 0.65 };
const TOPICAL_REASONS = new Set(['billing', 'cancellation', 'delivery']);

export function moodOf(category: ScoreCategory): Mood {
  if (category === 'promoter' || category === 'satisfied' || category === 'easy') return 'good';
  if (category === 'passive' || category === 'neutral') return 'mixed';
  return 'bad';
}

/**
 * What the customer wrote, if anything: unhappy customers write more, one-click email answers
 * less; a line about what it was about (the outage, the bill, the effort) where one fits, a
 * general line, and now and then a long ending.
 */
export function commentFor(
  answer: { category: ScoreCategory; locale: 'fr' | 'en'; oneClick: boolean },
  about: { outage: boolean; surveyType: string; reason: string },
  rng: Rng,
): string | null {
  const mood = moodOf(answer.category);
  if (!rng.chance(COMMENT_CHANCE[mood] * (answer.oneClick ? 0.5 : 1))) return null;
  const topic = about.outage
    ? 'outage'
    : about.surveyType === 'ces'
      ? 'effort'
      : TOPICAL_REASONS.has(about.reason)
        ? about.reason
        : null;
  const parts: string[] = [];
  const topical = topic ? TOPIC_COMMENTS[topic]?.[mood] : undefined;
  if (topical && rng.chance(0.6)) parts.push(rng.pick(topical[answer.locale]));
  if (parts.length === 0 || rng.chance(0.35)) parts.push(rng.pick(COMMENTS[mood][answer.locale]));
  if (rng.chance(0.12)) parts.push(rng.pick(LONG_ENDINGS[answer.locale]));
  return parts.join(' ');
}
