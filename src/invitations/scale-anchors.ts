import { BUILT_IN_TEXTS, type Locale } from '../surveys';

/** The words at both ends of a scale, as the customer reads it (low value first). */
export function scaleAnchors(
  type: string,
  _scale: { min: number; max: number },
  direction: 'higher_better' | 'lower_better',
  locale: Locale,
): { low: string; high: string } {
  const words = BUILT_IN_TEXTS[locale].scale;
  if (type === 'nps') return { low: words.npsLow, high: words.npsHigh };
  if (type === 'csat') return { low: words.csatWords[0], high: words.csatWords[4] };
  if (direction === 'lower_better') return { low: words.cesEffortLow, high: words.cesEffortHigh };
  return { low: words.cesAgreeLow, high: words.cesAgreeHigh };
}
