import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { PROJECT_ROOT } from '../shared/paths';

/**
 * The app's own texts (pages, emails, messages), one catalogue per language in
 * locales/<lang>/app.json for translators to edit. Plurals use i18next's `_one` / `_other`
 * (French also `_many`) suffixes chosen by Intl.PluralRules; `{{name}}` interpolates.
 * Survey texts are not here: each survey carries its own per locale.
 */
export const APP_LOCALES = ['en', 'fr'] as const;
export type AppLocale = (typeof APP_LOCALES)[number];
export const DEFAULT_APP_LOCALE: AppLocale = 'en';

export const LOCALES_DIR = join(PROJECT_ROOT, 'locales');

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (APP_LOCALES as readonly string[]).includes(value);
}

export type Catalogue = { [key: string]: string | Catalogue };

/**
 * One language's catalogue: locales/<lang>/app.json merged with every other JSON file of that
 * folder (one per console area, e.g. surveys.json), so translators and features each own a file.
 * The same key defined by two files is an error, not a silent override.
 */
export function readCatalogue(locale: AppLocale, root = LOCALES_DIR): Catalogue {
  const dir = join(root, locale);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => (a === 'app.json' ? -1 : b === 'app.json' ? 1 : a.localeCompare(b)));
  const merged: Catalogue = {};
  for (const file of files) {
    mergeInto(
      merged,
      JSON.parse(readFileSync(join(dir, file), 'utf8')) as Catalogue,
      `${locale}/${file}`,
    );
  }
  return merged;
}

function mergeInto(target: Catalogue, source: Catalogue, origin: string, prefix = ''): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (existing === undefined) {
      target[key] = value;
    } else if (typeof existing === 'object' && typeof value === 'object') {
      mergeInto(existing, value, origin, `${prefix}${key}.`);
    } else {
      throw new Error(
        `Catalogue key "${prefix}${key}" in ${origin} is already defined by another file`,
      );
    }
  }
}

/** An i18next instance over these catalogues (the app's, or a test's). */
export function createI18n(catalogues: Partial<Record<AppLocale, Catalogue>>) {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: DEFAULT_APP_LOCALE,
    fallbackLng: DEFAULT_APP_LOCALE,
    supportedLngs: [...APP_LOCALES],
    ns: ['app'],
    defaultNS: 'app',
    resources: Object.fromEntries(
      Object.entries(catalogues).map(([locale, catalogue]) => [locale, { app: catalogue }]),
    ),
    // Handlebars escapes what it inserts; escaping here too would double it.
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
  });
  return instance;
}

const i18n = createI18n(Object.fromEntries(APP_LOCALES.map((l) => [l, readCatalogue(l)])));

export type Translate = TFunction;

/** `t` for one language; a key missing there falls back to English, then to the key itself. */
export function translator(locale: AppLocale): Translate {
  return i18n.getFixedT(locale);
}

/** Whether the key exists in the catalogue of that language (without falling back). */
export function hasKey(locale: AppLocale, key: string): boolean {
  return i18n.exists(key, { lng: locale, fallbackLng: false });
}
