import { ar } from './ar';
import { de } from './de';
import { en, type LandingChrome } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import { nl } from './nl';
import { pl } from './pl';
import { pt } from './pt';
import type { Locale } from '../../surveys';

export type { LandingChrome } from './en';

/** The survey pages' own words per built-in language (the survey's texts come from the survey). */
export const LANDING_CHROME: Record<Locale, LandingChrome> = { fr, en, es, de, it, pt, nl, pl, ar };
