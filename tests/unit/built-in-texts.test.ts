import { countSmsSegments } from '../../src/channels/sms-segments';
import { renderTemplate, templateProblem } from '../../src/shared/text-templates';
import { BUILT_IN_TEXTS, LOCALES } from '../../src/surveys';
import { DEFAULT_SURVEYS } from '../../src/surveys/default-surveys';
import { textsFor } from '../../src/responses/landing-i18n';

/** A real link's length (PUBLIC_URL + /s/ + a 22-character token) and a typical name. */
const VARS = {
  company: 'Acme Telecom',
  customerName: 'Alexandra',
  link: 'https://feedback.acme-telecom.example/s/AbCdEfGhIjKlMnOpQrStUv',
};
/** Languages whose correct spelling fits the GSM-7 alphabet: their SMS must not pay UCS-2. */
const GSM_LANGUAGES = ['en', 'fr', 'es', 'de', 'it', 'nl'];
const TYPES = ['nps', 'csat', 'ces'] as const;

describe("Retour's built-in texts", () => {
  it('exist in at least en, fr, es, de, it, pt, nl, pl and an RTL language', () => {
    expect(LOCALES).toEqual(
      expect.arrayContaining(['en', 'fr', 'es', 'de', 'it', 'pt', 'nl', 'pl', 'ar']),
    );
  });

  it.each(LOCALES)(
    'in %s: every text is a valid template, and each message carries the company and the link',
    (locale) => {
      const t = BUILT_IN_TEXTS[locale];
      for (const type of TYPES) {
        expect(templateProblem(t[type].question)).toBeNull();
        expect(templateProblem(t[type].followUp)).toBeNull();
        expect(t[type].sms).toContain('{{link}}');
        expect(t[type].sms).toContain('{{company}}');
        expect(templateProblem(t[type].sms)).toBeNull();
      }
      expect(t.templates.reminder).toContain('{{link}}');
      expect(t.templates.chat).toContain('{{link}}');
      for (const text of Object.values(t.templates)) expect(templateProblem(text)).toBeNull();
      expect(new Set(t.scale.csatWords).size).toBe(5);
    },
  );

  it.each(LOCALES)(
    'in %s: each SMS invitation and the reminder cost at most 2 GSM-7 or 3 UCS-2 segments',
    (locale) => {
      const t = BUILT_IN_TEXTS[locale];
      for (const text of [...TYPES.map((type) => t[type].sms), t.templates.reminder]) {
        const sms = countSmsSegments(renderTemplate(text, VARS));
        if (GSM_LANGUAGES.includes(locale)) {
          expect({ text, encoding: sms.encoding }).toEqual({ text, encoding: 'GSM-7' });
          expect(sms.segments).toBeLessThanOrEqual(2);
        } else {
          expect(sms.segments).toBeLessThanOrEqual(3);
        }
      }
    },
  );

  it.each(GSM_LANGUAGES)(
    'in %s: the SMS replies (thanks, ask again, noted) stay GSM-7',
    (locale) => {
      const t = textsFor(locale);
      for (const text of [t.smsThanks, t.smsReask, t.smsNoted]) {
        expect({ text, encoding: countSmsSegments(text).encoding }).toEqual({
          text,
          encoding: 'GSM-7',
        });
      }
    },
  );

  it('give every default survey its question, follow-up, thank-you and SMS in every built-in language', () => {
    for (const survey of DEFAULT_SURVEYS) {
      for (const field of [
        survey.question,
        survey.followUpQuestion,
        survey.thankYou,
        survey.templates?.sms,
      ]) {
        expect(Object.keys(field ?? {}).sort()).toEqual([...LOCALES].sort());
      }
    }
  });

  it('pick the page words by language, then the workspace default, then English', () => {
    expect(textsFor('pt-BR').send).toBe('Enviar');
    expect(textsFor('de-AT').npsHigh).toBe('Äußerst wahrscheinlich');
    expect(textsFor('sv', 'es').send).toBe('Enviar');
    expect(textsFor('sv').send).toBe('Send');
  });
});
