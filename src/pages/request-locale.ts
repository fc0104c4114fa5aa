import type { Request } from 'express';
import { APP_LOCALES, DEFAULT_APP_LOCALE, isAppLocale, type AppLocale } from './i18n';

/** Keeps the choice of someone not signed in (the sign-in pages); a year, like a preference. */
export const LOCALE_COOKIE = 'retour_locale';
export const LOCALE_COOKIE_MAX_AGE_MS = 365 * 24 * 3600_000;

function cookieLocale(req: Request): AppLocale | null {
  const match = /(?:^|;\s*)retour_locale=([a-z]{2})(?:;|$)/.exec(req.headers.cookie ?? '');
  return isAppLocale(match?.[1]) ? match[1] : null;
}

/**
 * The language of a page: the signed-in person's stored choice, else the switcher's cookie,
 * else the best match of the browser's Accept-Language, else English.
 */
export function requestLocale(req: Request): AppLocale {
  if (isAppLocale(req.user?.locale)) return req.user.locale;
  const chosen = cookieLocale(req);
  if (chosen) return chosen;
  const accepted = req.acceptsLanguages(...APP_LOCALES);
  return isAppLocale(accepted) ? accepted : DEFAULT_APP_LOCALE;
}
