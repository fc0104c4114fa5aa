import {
  fieldOf,
  ownTemplates,
  parseVariables,
  formatVariables,
  toSurveyBody,
  valuesForNew,
  valuesFromBody,
  valuesFromSurvey,
} from '../../src/survey-editor/survey-form';
import { draftSurveyView, GENERIC_TEMPLATES, surveyInput, surveyPatch } from '../../src/surveys';

const stored = () =>
  draftSurveyView({
    key: 'nps',
    type: 'nps',
    name: 'NPS',
    question: { en: 'Recommend {{company}}?', es: '¿Recomendaría {{company}}?' },
    followUpQuestion: { en: 'Why?' },
    thankYou: { en: 'Thanks!' },
    templates: { sms: { en: 'Rate us: {{link}}' }, chat: { en: 'Our own chat text {{link}}' } },
    whatsappContent: {
      fr: { contentSid: 'HX0123456789abcdef0123456789abcdef', variables: { '2': 'b', '1': 'a' } },
    },
  });

describe('the survey form values', () => {
  it('when a stored survey is shown, then every locale it has appears, the default first, and texts it borrows are blank', () => {
    const values = valuesFromSurvey(stored(), 'fr');
    expect(values.locales).toEqual(['fr', 'en', 'es']);
    expect(values.texts.en!.chat).toBe('Our own chat text {{link}}');
    // WhatsApp falls back to the SMS and the email to Retour's text: not the survey's own.
    expect(values.texts.en!.whatsapp).toBe('');
    expect(values.texts.en!.emailSubject).toBe('');
    expect(values.texts.fr!.variables).toBe('1=a\n2=b');
    expect([...ownTemplates(stored())].sort()).toEqual(['chat', 'sms']);
  });

  it('when a body is posted, then fields are read per locale and a language code is added once, canonical', () => {
    const { values, added } = valuesFromBody(
      {
        locales: ['en', 'pt_br', 'French'],
        'question.en': 'Q',
        addLocale: 'de-ch',
        type: 'ces',
        scaleMax: '7',
      },
      'en',
    );
    expect(values.locales).toEqual(['en', 'pt-BR', 'de-CH']);
    expect(values.texts.en!.question).toBe('Q');
    expect(values.type).toBe('ces');
    expect(values.scaleMax).toBe(7);
    expect(added).toBe('added');
    expect(valuesFromBody({ locales: 'en', addLocale: 'EN' }, 'en').added).toBe('present');
    expect(valuesFromBody({ addLocale: 'French' }, 'en').added).toBe('invalid');
    // The edit form cannot change the key or the type, whatever is posted.
    expect(
      valuesFromBody({ key: 'other', type: 'csat' }, 'en', { key: 'nps', type: 'nps' }).values,
    ).toMatchObject({ key: 'nps', type: 'nps' });
  });

  it('when a new survey is built, then blank templates are left out so the built-in texts apply, and the API schema accepts it', () => {
    const values = { ...valuesForNew('nps', 'en'), key: 'fresh', name: 'Fresh' };
    const { body, issues } = toSurveyBody(values, { create: true });
    expect(issues).toEqual([]);
    expect(Object.keys(body.templates as object)).toEqual(['sms']);
    const parsed = surveyInput.parse(body);
    expect(parsed.question).toEqual({
      en: values.texts.en!.question,
      fr: values.texts.fr!.question,
    });
    expect(
      draftSurveyView({ ...parsed, templates: parsed.templates ?? {} }).templates.chat,
    ).toEqual(GENERIC_TEMPLATES.chat);
  });

  it("when a survey's own template is blanked everywhere, then it is sent blank and the API schema refuses it", () => {
    const values = valuesFromSurvey(stored(), 'en');
    values.texts.en!.chat = '';
    const { body } = toSurveyBody(values, { create: false, own: ownTemplates(stored()) });
    const parsed = surveyPatch.safeParse(body);
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => fieldOf(i.path.map(String), values.locales));
    expect(paths).toEqual(['chat.en']);
  });

  it('when WhatsApp variables are written one per line, then they become the map; a line without "=" is named', () => {
    expect(parseVariables('1 = {{customer.name}}\n\n2={{link}}')).toEqual({
      ok: true,
      value: { '1': '{{customer.name}}', '2': '{{link}}' },
    });
    expect(parseVariables('1=a\nnonsense')).toEqual({ ok: false, line: 2 });
    expect(formatVariables({ '10': 'x', '2': 'y' })).toBe('2=y\n10=x');
  });

  it('maps each API problem path to its form field', () => {
    const locales = ['fr', 'en'];
    expect(fieldOf(['templates', 'sms', 'en'], locales)).toBe('sms.en');
    expect(fieldOf(['templates', 'sms'], locales)).toBe('sms.fr');
    expect(fieldOf(['question'], locales)).toBe('question.fr');
    expect(fieldOf(['whatsappContent', 'en', 'variables', '1'], locales)).toBe('variables.en');
    expect(fieldOf(['whatsappContent', 'en', 'contentSid'], locales)).toBe('contentSid.en');
    expect(fieldOf(['scale'], locales)).toBe('scaleMax');
    expect(fieldOf(['expiry'], locales)).toBe('expiry');
    expect(fieldOf(['somethingElse'], locales)).toBe('_form');
  });
});
