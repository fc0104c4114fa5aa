import {
  explainTwilioError,
  KNOWN_TWILIO_ERROR_CODES,
} from '../../src/channels/twilio-error-codes';

describe('explainTwilioError', () => {
  it.each<[number | string, boolean, RegExp, RegExp]>([
    [63016, true, /24-hour WhatsApp window/, /fenêtre WhatsApp de 24 heures/],
    [63024, true, /cannot receive WhatsApp/, /ne peut pas recevoir de messages WhatsApp/],
    [63032, true, /Meta restriction/, /restriction de Meta/],
    [63018, false, /rate limit/, /Limite de débit/],
    [21610, true, /STOP/, /STOP/],
    [21211, true, /not valid/, /n’est pas valide/],
    [21614, true, /not a mobile/, /n’est pas un mobile/],
    [30003, false, /could not be reached/, /injoignable/],
    [30004, true, /blocked/, /bloqué/],
    [30005, true, /does not exist/, /n’existe pas/],
    [30006, true, /landline/, /fixe/],
    [30007, true, /filtered/, /filtré/],
    [30008, false, /unknown reason/, /raison inconnue/],
    ['30008', false, /unknown reason/, /raison inconnue/],
  ])('code %s: permanent %s, explained in English and French', (code, permanent, en, fr) => {
    const explained = explainTwilioError(code);
    expect(explained).toMatchObject({ code: Number(code), permanent });
    expect(explained.en).toMatch(en);
    expect(explained.fr).toMatch(fr);
  });

  it('when the code is unknown, then it is permanent with a generic text naming it', () => {
    expect(explainTwilioError(12345)).toEqual({
      code: 12345,
      permanent: true,
      en: 'Twilio refused or could not deliver the message (error 12345).',
      fr: 'Twilio a refusé ou n’a pas pu remettre le message (erreur 12345).',
    });
  });

  it('when a code is known, then both texts are full sentences', () => {
    for (const code of KNOWN_TWILIO_ERROR_CODES) {
      const { en, fr } = explainTwilioError(code);
      expect(en).toMatch(/^[A-Z].*\.$/);
      expect(fr).toMatch(/^[A-ZÉ].*\.$/);
    }
  });
});
