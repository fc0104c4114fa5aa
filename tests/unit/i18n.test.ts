import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  APP_LOCALES,
  createI18n,
  hasKey,
  readCatalogue,
  translator,
  type Catalogue,
} from '../../src/pages/i18n';
import { formatDate, formatNumber } from '../../src/pages/formatting';

/** "auth.wait.minutes_one" → "auth.wait.minutes": the key a caller passes to t. */
const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

function flatKeys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : flatKeys(value, `${prefix}${key}.`),
  );
}

const VIEWS = path.resolve(__dirname, '../../views');
function templates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return templates(full);
    return e.name.endsWith('.hbs') ? [full] : [];
  });
}

describe('the app catalogues', () => {
  it('have the same keys in every language (plural forms aside), so nothing falls back unseen', () => {
    const [first, ...others] = APP_LOCALES.map((l) => [
      ...new Set(flatKeys(readCatalogue(l)).map(baseKey)),
    ]);
    for (const keys of others) expect([...keys].sort()).toEqual([...first!].sort());
  });

  it('merge the files of one language and refuse a key defined by two of them', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'locales-'));
    mkdirSync(path.join(root, 'en'));
    writeFileSync(path.join(root, 'en', 'app.json'), '{"nav":{"home":"Home"}}');
    writeFileSync(
      path.join(root, 'en', 'surveys.json'),
      '{"nav":{"surveys":"Surveys"},"surveys":{"title":"S"}}',
    );
    expect(readCatalogue('en', root)).toEqual({
      nav: { home: 'Home', surveys: 'Surveys' },
      surveys: { title: 'S' },
    });
    writeFileSync(path.join(root, 'en', 'zz.json'), '{"surveys":{"title":"again"}}');
    expect(() => readCatalogue('en', root)).toThrow('"surveys.title" in en/zz.json');
  });

  it('give every plural key at least its "one" and "other" forms', () => {
    for (const locale of APP_LOCALES) {
      const keys = flatKeys(readCatalogue(locale));
      for (const plural of keys.filter((k) => /_(one|other)$/.test(k)).map(baseKey)) {
        expect(keys).toEqual(expect.arrayContaining([`${plural}_one`, `${plural}_other`]));
      }
    }
  });

  it('hold every key the page templates ask for with {{t "…"}}', () => {
    const used = templates(VIEWS).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\{\{t "([^"]+)"/g)].map((m) => m[1]!),
    );
    expect(used.length).toBeGreaterThan(20);
    const missing = APP_LOCALES.flatMap((l) =>
      used.filter((key) => !hasKey(l, key)).map((key) => `${l}: ${key}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('translator', () => {
  it('interpolates values', () => {
    expect(translator('en')('home.hello', { name: 'Mia' })).toBe('Hello, Mia');
    expect(translator('fr')('home.hello', { name: 'Mia' })).toBe('Bonjour, Mia');
  });

  it('picks the plural form by Intl.PluralRules: French says "0 minute", English "0 minutes"', () => {
    const en = translator('en');
    const fr = translator('fr');
    expect(en('auth.wait.minutes', { count: 1 })).toBe('1 minute');
    expect(en('auth.wait.minutes', { count: 0 })).toBe('0 minutes');
    expect(en('auth.wait.minutes', { count: 15 })).toBe('15 minutes');
    expect(fr('auth.wait.minutes', { count: 0 })).toBe('0 minute');
    expect(fr('auth.wait.minutes', { count: 1 })).toBe('1 minute');
    expect(fr('auth.wait.minutes', { count: 2 })).toBe('2 minutes');
  });

  it('does not escape: the templates escape what they insert, once', () => {
    expect(translator('en')('home.hello', { name: '<b>' })).toBe('Hello, <b>');
  });

  it('shows the key itself for a key no catalogue has', () => {
    expect(hasKey('fr', 'no.such.key')).toBe(false);
    expect(translator('fr')('no.such.key')).toBe('no.such.key');
  });

  it('falls back to English for a key a translation does not have yet', () => {
    const i18n = createI18n({
      en: { inbox: { title: 'Inbox', empty: 'Nothing here' } },
      fr: { inbox: { title: 'Boîte' } },
    });
    const fr = i18n.getFixedT('fr');
    expect(fr('inbox.title')).toBe('Boîte');
    expect(fr('inbox.empty')).toBe('Nothing here');
  });
});

describe('formatting', () => {
  const at = new Date('2026-03-12T13:05:00Z');

  it('formats a date in the language and in the workspace time zone', () => {
    expect(formatDate(at, 'en', 'Europe/Paris')).toMatch(/Mar 12, 2026.*2:05\sPM/);
    expect(formatDate(at, 'fr', 'Europe/Paris')).toMatch(/12 mars 2026.*14:05/);
    expect(formatDate(at, 'fr', 'America/New_York', 'time')).toBe('09:05');
    expect(formatDate(at, 'en', 'Not/AZone', 'date')).toBe('Mar 12, 2026');
    expect(formatDate(null, 'en')).toBe('');
  });

  it('formats numbers with the separators of the language', () => {
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(1234.5, 'fr')).toMatch(/^1\s234,5$/);
    expect(formatNumber(Number.NaN, 'fr')).toBe('');
  });
});
