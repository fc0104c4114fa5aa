import { pickLocalized, resolveLocale } from '../shared/locales';

export const SURVEY_TYPES = ['nps', 'csat', 'ces'] as const;
export type SurveyType = (typeof SURVEY_TYPES)[number];
/** The locales Retour's own built-in texts (pages, emails, SMS replies) are written in. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** A survey text per BCP-47 locale (canonical tags: `es`, `pt-BR`). */
export type Localized = Partial<Record<string, string | null>>;

/**
 * The text for a reader who wants `locale`: exact tag, bare language, workspace default,
 * English, then any (see resolveLocale); '' when the text has none.
 */
export function pickLocale(
  text: Localized | null | undefined,
  locale: string | null | undefined,
  workspaceDefault?: string | null,
): string {
  return pickLocalized(text, locale, workspaceDefault)?.text ?? '';
}

/** The built-in catalogue closest to `locale`: its language, else the workspace's, else English. */
export function builtInLocale(
  locale: string | null | undefined,
  workspaceDefault?: string | null,
): Locale {
  return (resolveLocale(LOCALES, locale, workspaceDefault) ?? 'en') as Locale;
}
