import { BUILT_IN_TEXTS, builtInLocale, LOCALES, type Locale, type ScaleWords } from '../surveys';
import { LANDING_CHROME, type LandingChrome } from './landing-texts';

/**
 * Fixed texts of the survey pages and SMS replies, in every built-in language: the page's own
 * words (landing-texts/) with the scale's end labels shared with the survey email
 * (src/surveys/built-in-texts). SMS texts keep to GSM-7 where the language allows.
 */
const TEXTS = Object.fromEntries(
  LOCALES.map((l) => [l, { ...LANDING_CHROME[l], ...BUILT_IN_TEXTS[l].scale }]),
) as Record<Locale, LandingChrome & ScaleWords>;

export type LandingTexts = LandingChrome & ScaleWords;

/**
 * The page's own words for a reader of `locale` (any BCP-47 tag): its language's catalogue when
 * there is one, else the workspace default's, else English.
 */
export function textsFor(locale: string, workspaceDefault?: string | null): LandingTexts {
  return TEXTS[builtInLocale(locale, workspaceDefault)];
}

/** Fills {{name}} placeholders of a fixed text (plain text; the page escapes it). */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/**
 * The locale a page is for: the contact's, else the browser's preference among the locales the
 * survey (or the built-in texts) are written in, else the workspace default.
 */
export function pickPageLocale(
  contactLocale: string | null | undefined,
  acceptsLanguage: (...langs: string[]) => string | false,
  workspaceDefault: string,
  offered: readonly string[] = [],
): string {
  if (contactLocale) return contactLocale;
  const accepted = acceptsLanguage(...new Set([...offered, ...LOCALES]));
  return accepted || workspaceDefault;
}
