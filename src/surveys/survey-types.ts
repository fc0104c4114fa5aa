import { pickLocalized, resolveLocale } from '../shared/locales';
import { BUILT_IN_TEXTS } from './built-in-texts';

export const SURVEY_TYPES = ['nps', 'csat', 'ces'] as const;
export type SurveyType = (typeof SURVEY_TYPES)[number];
/** The locales Retour's own built-in texts (pages, emails, SMS replies) are written in. */
export type Locale = keyof typeof BUILT_IN_TEXTS;
export const LOCALES = Object.keys(BUILT_IN_TEXTS) as readonly Locale[];
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
