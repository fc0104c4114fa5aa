import { ar } from './ar';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import { nl } from './nl';
import { pl } from './pl';
import { pt } from './pt';
import type { BuiltInTexts } from './types';

export type { BuiltInTexts, ScaleWords, SurveyTypeTexts } from './types';

/** The languages Retour's own texts are written in, in the order a tie picks them. */
export const BUILT_IN_TEXTS = { fr, en, es, de, it, pt, nl, pl, ar } as const satisfies Record<
  string,
  BuiltInTexts
>;
