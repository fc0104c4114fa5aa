export const SURVEY_TYPES = ['nps', 'csat', 'ces'] as const;
export type SurveyType = (typeof SURVEY_TYPES)[number];
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type Localized = Partial<Record<Locale, string | null>>;

/** The text in `locale`, else the other locale's, else ''. */
export function pickLocale(text: Localized | null | undefined, locale: Locale): string {
  if (!text) return '';
  return text[locale] ?? text[locale === 'fr' ? 'en' : 'fr'] ?? '';
}
