import { parseSmsReply } from '../../src/responses/sms-reply';

const NPS = { min: 0, max: 10 };
const CSAT = { min: 1, max: 5 };

describe('parseSmsReply', () => {
  const scores: [string, number, string | null][] = [
    ['9', 9, null],
    [' 9 ', 9, null],
    ['9/10', 9, null],
    ['9 / 10', 9, null],
    ['9 great service', 9, 'great service'],
    ['Note: 9', 9, null],
    ['note : 8 rapide', 8, 'rapide'],
    ['Score=7', 7, null],
    ['neuf', 9, null],
    ['Neuf !', 9, null],
    ['NINE', 9, null],
    ['zéro', 0, null],
    ['Zero. Never again', 0, 'Never again'],
    ['dix', 10, null],
    ['ten - amazing', 10, 'amazing'],
    ['10 sur 10', 10, null],
    ['10/10 parfait', 10, 'parfait'],
    ['8/10, slow to answer', 8, 'slow to answer'],
    ['7 out of 10', 7, null],
    ['sept', 7, null],
    ['huit, conseiller au top', 8, 'conseiller au top'],
    ["I'd give it a 6", 6, null],
    ['I would rate you 5 could be better', 5, 'could be better'],
    ['je donne 4, trop long', 4, 'trop long'],
    ['ma note est de 3', 3, null],
    ['9\nMerci Julie', 9, 'Merci Julie'],
    ['0', 0, null],
    ['un', 1, null],
    ['6 - agent poli mais lent', 6, 'agent poli mais lent'],
    ['9 à refaire', 9, 'à refaire'],
  ];
  it.each(scores)(
    'when the reply is %p, then the score is %p and the comment %p',
    (text, score, comment) => {
      expect(parseSmsReply(text, NPS)).toEqual({ ok: true, score, comment });
    },
  );

  const refused: [string, { min: number; max: number }, 'no_score' | 'out_of_scale'][] = [
    ['', NPS, 'no_score'],
    ['hello', NPS, 'no_score'],
    ['great service', NPS, 'no_score'],
    ['un peu déçu', NPS, 'no_score'],
    ['9.5', NPS, 'no_score'],
    ['9,5', NPS, 'no_score'],
    ['7 or 8', NPS, 'no_score'],
    ['7-8', NPS, 'no_score'],
    ['entre 7 et 8', NPS, 'no_score'],
    ['100', NPS, 'no_score'],
    ['11', NPS, 'out_of_scale'],
    ['onze', NPS, 'no_score'],
    ['0', CSAT, 'out_of_scale'],
    ['6', CSAT, 'out_of_scale'],
    ['4/10', CSAT, 'out_of_scale'],
    ['dix', CSAT, 'out_of_scale'],
  ];
  it.each(refused)('when the reply is %p on %o, then it is refused (%s)', (text, scale, reason) => {
    expect(parseSmsReply(text, scale)).toEqual({ ok: false, reason });
  });

  it('when the reply fits a CSAT scale, then it is read on that scale', () => {
    expect(parseSmsReply('5/5 super', CSAT)).toEqual({ ok: true, score: 5, comment: 'super' });
    expect(parseSmsReply('cinq', CSAT)).toEqual({ ok: true, score: 5, comment: null });
  });

  it('when the reply is written in Arabic-Indic or Persian digits, then it reads as the same score', () => {
    expect(parseSmsReply('٩', { min: 0, max: 10 })).toEqual({ ok: true, score: 9, comment: null });
    expect(parseSmsReply('١٠ خدمة ممتازة', { min: 0, max: 10 })).toEqual({
      ok: true,
      score: 10,
      comment: 'خدمة ممتازة',
    });
    expect(parseSmsReply('۷', { min: 0, max: 10 })).toEqual({ ok: true, score: 7, comment: null });
  });
});
