import { contactSearchLookups, e164Of } from '../../src/contacts/contact-search';
import { translator } from '../../src/pages/i18n';
import { collectionCsv } from '../../src/privacy/contact-export-files';
import { sourceLabel } from '../../src/privacy/contact-page-model';

describe('contact search', () => {
  it('reads phone numbers as typed into E.164, like the API stores them', () => {
    expect(e164Of('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(e164Of('0033 (6) 12.34.56-78')).toBe('+33612345678');
    expect(e164Of('+1 212 555 0142')).toBe('+12125550142');
    expect(e164Of('06 12 34 56 78')).toBeNull(); // no country: not a number the API accepts
    expect(e164Of('+33 1')).toBeNull();
    expect(e164Of('cust-42')).toBeNull();
  });

  it('looks up the text as a customer id, plus as an email or a phone when it is one', () => {
    expect(contactSearchLookups('  cust-42 ')).toEqual([{ externalId: 'cust-42' }]);
    expect(contactSearchLookups('Zoe@Example.org')).toEqual([
      { externalId: 'Zoe@Example.org' },
      { email: 'zoe@example.org' },
    ]);
    expect(contactSearchLookups('+33 6 12 34 56 78')).toEqual([
      { externalId: '+33 6 12 34 56 78' },
      { phone: '+33612345678' },
    ]);
    expect(contactSearchLookups('   ')).toEqual([]);
  });
});

describe('contact export CSV', () => {
  it('puts nested fields in dotted columns, lists as JSON, columns in first-seen order, formulas defused', () => {
    const csv = collectionCsv([
      { _id: 'a1', customer: { email: 'z@example.org', phone: '+33612345678' }, tags: ['x', 'y'] },
      { _id: 'a2', comment: '=HYPERLINK("x")', score: 3, customer: {} },
    ]);
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('_id,customer.email,customer.phone,tags,comment,score,customer');
    expect(lines[1]).toBe(`a1,z@example.org,'+33612345678,"[""x"",""y""]",,,`);
    expect(lines[2]).toBe(`a2,,,,"'=HYPERLINK(""x"")",3,`);
  });
});

describe('opt-out sources', () => {
  it('says who or what set an opt-out, in the reader’s language', () => {
    const en = translator('en');
    const fr = translator('fr');
    const byHand = { source: 'console', by: { userId: 'u1', name: 'Ada' } };
    expect(sourceLabel(byHand, en)).toBe('by Ada in the console');
    expect(sourceLabel(byHand, fr)).toBe('par Ada dans la console');
    expect(sourceLabel({ source: 'sms-stop' }, en)).toBe('STOP reply by SMS');
    expect(sourceLabel({ source: 'provider-21610' }, en)).toMatch(/error 21610/);
    expect(sourceLabel({ source: 'twilio-21610' }, fr)).toMatch(/erreur 21610/);
    expect(sourceLabel({ source: 'something-new' }, en)).toBe('something-new');
  });
});
