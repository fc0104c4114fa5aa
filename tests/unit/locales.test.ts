import {
  canonicalLocale,
  isRightToLeft,
  pickLocalized,
  resolveLocale,
} from '../../src/shared/locales';
import { builtInLocale, pickLocale } from '../../src/surveys/survey-types';

describe('canonicalLocale', () => {
  it.each<[string, string | null]>([
    ['es', 'es'],
    ['pt-BR', 'pt-BR'],
    ['pt-br', 'pt-BR'],
    ['PT_br', 'pt-BR'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['sr-latn', 'sr-Latn'],
    [' de ', 'de'],
    ['EN', 'en'],
    ['iw', 'he'],
    ['e', null],
    ['', null],
    ['toolonglanguage', null],
    ['French', null],
    ['english', null],
    ['en-', null],
    ['fr..FR', null],
    ['$where', null],
    ['__proto__', null],
  ])('when given %j, then %j', (tag, canonical) => {
    expect(canonicalLocale(tag)).toBe(canonical);
  });
});

describe('resolveLocale', () => {
  it.each<[string, string[], string | null, string | null, string | null]>([
    ['exact match', ['en', 'pt-BR', 'pt'], 'pt-BR', 'en', 'pt-BR'],
    ['exact match ignores case', ['en', 'pt-BR'], 'pt-br', 'en', 'pt-BR'],
    ['pt-BR falls back to pt', ['en', 'pt', 'fr'], 'pt-BR', 'fr', 'pt'],
    ['bare pt before another variant', ['pt-PT', 'pt'], 'pt-BR', 'en', 'pt'],
    ['pt-BR gets pt-PT when that is all of Portuguese', ['en', 'pt-PT'], 'pt-BR', 'en', 'pt-PT'],
    ['pt gets pt-BR', ['en', 'pt-BR'], 'pt', 'en', 'pt-BR'],
    ['no Spanish: the workspace default', ['en', 'fr'], 'es', 'fr', 'fr'],
    ['the workspace default by language', ['en', 'fr-CA'], 'es', 'fr', 'fr-CA'],
    ['no Spanish, no default text: English', ['de', 'en', 'it'], 'es', 'fr', 'en'],
    ['nothing matches: the first available', ['de', 'it'], 'es', 'fr', 'de'],
    ['no wanted locale: the workspace default', ['en', 'fr'], null, 'fr', 'fr'],
    ['no wanted locale and no default', ['it', 'en'], null, null, 'en'],
    ['nothing available', [], 'es', 'fr', null],
  ])('%s', (_case, available, wanted, workspaceDefault, expected) => {
    expect(resolveLocale(available, wanted, workspaceDefault)).toBe(expected);
  });
});

describe('pickLocalized and pickLocale', () => {
  const question = { en: 'How likely…?', es: '¿Qué probabilidad…?', pt: 'Qual a probabilidade…?' };

  it('when a Brazilian reader opens a survey written in pt, then the pt text is used, with its locale', () => {
    expect(pickLocalized(question, 'pt-BR', 'en')).toEqual({
      locale: 'pt',
      text: 'Qual a probabilidade…?',
    });
  });

  it('when an entry is blank, then it counts as absent', () => {
    expect(pickLocale({ es: '  ', en: 'Hello' }, 'es', 'fr')).toBe('Hello');
  });

  it('when the text has no entry at all, then it is empty', () => {
    expect(pickLocale({}, 'es')).toBe('');
    expect(pickLocalized(null, 'es')).toBeNull();
  });
});

describe('builtInLocale (the page and email catalogues)', () => {
  it.each<[string | null, string | null, string]>([
    ['fr-CA', 'en', 'fr'],
    ['es-MX', 'fr', 'es'],
    ['pt-BR', 'en', 'pt'],
    ['ar', null, 'ar'],
    ['sv', 'de', 'de'],
    ['sv', 'sv', 'en'],
    [null, 'fr', 'fr'],
  ])(
    'when the reader wants %j and the workspace default is %j, then %j',
    (wanted, def, expected) => {
      expect(builtInLocale(wanted, def)).toBe(expected);
    },
  );
});

describe('isRightToLeft', () => {
  it.each([
    ['ar', true],
    ['ar-EG', true],
    ['he', true],
    ['fa-IR', true],
    ['ur', true],
    ['en', false],
    ['pl', false],
    ['tr', false],
  ])('%s → %s', (tag, rtl) => {
    expect(isRightToLeft(tag)).toBe(rtl);
  });
});
