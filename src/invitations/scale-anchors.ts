import type { Locale } from '../surveys';

/** The words at both ends of a scale, as the customer reads it (low value first). */
export function scaleAnchors(
  type: string,
  scale: { min: number; max: number },
  direction: 'higher_better' | 'lower_better',
  locale: Locale,
): { low: string; high: string } {
  const fr = locale === 'fr';
  if (type === 'nps')
    return fr
      ? { low: 'Pas du tout probable', high: 'Extrêmement probable' }
      : { low: 'Not at all likely', high: 'Extremely likely' };
  if (type === 'csat')
    return fr
      ? { low: 'Très insatisfait', high: 'Très satisfait' }
      : { low: 'Very unsatisfied', high: 'Very satisfied' };
  if (direction === 'lower_better')
    return fr
      ? { low: 'Très peu d’effort', high: 'Énormément d’effort' }
      : { low: 'Very little effort', high: 'A great deal of effort' };
  return fr
    ? { low: 'Pas du tout d’accord', high: 'Tout à fait d’accord' }
    : { low: 'Strongly disagree', high: 'Strongly agree' };
}
