import {
  BLANK_VARIABLE,
  insideSessionWindow,
  planWhatsappMessage,
  type WhatsappPlanInput,
} from '../../src/invitations/whatsapp-message';

const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 3600_000;
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);
const SID_PT = `HX${'1'.repeat(32)}`;
const SID_EN = `HX${'2'.repeat(32)}`;

const input = (over: Partial<WhatsappPlanInput> = {}): WhatsappPlanInput => ({
  lastInboundAt: null,
  now: NOW,
  content: {
    pt: { contentSid: SID_PT, variables: { '1': '{{customer.name}}', '2': '{{link}}' } },
    en: { contentSid: SID_EN, variables: { '1': 'Hi {{customerName}}', '2': '{{link}}' } },
  },
  locale: 'pt-BR',
  textLocale: 'pt',
  vars: { customerName: 'Ana', customer: { name: 'Ana' }, link: 'https://r.test/s/abc' },
  ...over,
});

describe('insideSessionWindow', () => {
  it.each<[string, Date | null, boolean]>([
    ['never wrote', null, false],
    ['wrote a minute ago', ago(1 / 60), true],
    ['wrote 23 h 59 ago', ago(23 + 59 / 60), true],
    ['wrote exactly 24 h ago', ago(24), false],
    ['wrote 25 h ago', ago(25), false],
  ])('when the contact %s, then %s', (_case, last, inside) => {
    expect(insideSessionWindow(last, NOW)).toBe(inside);
  });
});

describe('planWhatsappMessage', () => {
  it('when the contact wrote within 24 hours, then free-form text', () => {
    expect(planWhatsappMessage(input({ lastInboundAt: ago(2) }))).toEqual({ kind: 'freeform' });
  });

  it('when outside the window, then the template of the language (pt for pt-BR) with its variables rendered', () => {
    expect(planWhatsappMessage(input())).toEqual({
      kind: 'template',
      locale: 'pt',
      contentSid: SID_PT,
      variables: { '1': 'Ana', '2': 'https://r.test/s/abc' },
    });
  });

  it('when no template in the contact language, then the one of the language the texts fell back to', () => {
    const plan = planWhatsappMessage(input({ locale: 'de', textLocale: 'en' }));
    expect(plan).toMatchObject({ kind: 'template', locale: 'en', contentSid: SID_EN });
  });

  it('when neither language has a template, then no_template (never another language)', () => {
    expect(planWhatsappMessage(input({ locale: 'de', textLocale: 'de' }))).toEqual({
      kind: 'no_template',
      locale: 'de',
    });
    expect(planWhatsappMessage(input({ content: {} }))).toEqual({
      kind: 'no_template',
      locale: 'pt-BR',
    });
  });

  it('when a variable renders blank, then it is sent as a placeholder (Twilio refuses empty ones)', () => {
    const plan = planWhatsappMessage(input({ vars: { link: 'https://r.test/s/abc' } }));
    expect(plan).toMatchObject({ variables: { '1': BLANK_VARIABLE, '2': 'https://r.test/s/abc' } });
  });
});
