import {
  formatDay,
  formatDifference,
  formatDuration,
  formatHeadline,
  formatNumber,
  formatPercent,
  formatScore,
} from '../../src/digest/digest-format';
import { DIGEST_TEXT } from '../../src/digest/digest-text';

/** What a reader sees: the no-break spaces French typography asks for, shown as spaces. */
const seen = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('digest number and date formatting', () => {
  it.each([
    ['en', 1234.5, '1,234.5'],
    ['fr', 1234.5, '1 234,5'],
    ['en', 0.25, '0.3'],
    ['fr', -3.75, '-3,8'],
  ] as const)('when %s formats %d, then it reads %s', (locale, value, expected) => {
    expect(seen(formatNumber(locale, value))).toBe(expected);
  });

  it('when French formats a percentage or a headline, then a no-break space comes before "%" and ":"', () => {
    expect(formatPercent('fr', 71.4)).toBe('71,4\u00a0%');
    expect(formatPercent('en', 71.4)).toBe('71.4%');
    expect(formatHeadline('fr', 'nps', 'NPS', 32, [21.4, 42.6])).toBe(
      'NPS +32 (IC 95\u00a0%\u00a0: +21 à +43)',
    );
  });

  it.each([
    ['fr', 'nps', 32, [21.4, 42.6], 'NPS +32 (IC 95 % : +21 à +43)'],
    ['en', 'nps', 32, [21.4, 42.6], 'NPS +32 (95% interval: +21 to +43)'],
    ['en', 'nps', -17, [-45.2, 11], 'NPS -17 (95% interval: -45 to +11)'],
    ['en', 'nps', 0, [-12, 12], 'NPS 0 (95% interval: -12 to +12)'],
    ['fr', 'csat', 84.2, [78.1, 88.9], 'CSAT 84,2 % (IC 95 % : 78,1 % à 88,9 %)'],
    ['en', 'csat', 100, [89.3, 100], 'CSAT 100% (95% interval: 89.3% to 100%)'],
    ['fr', 'ces', 2.15, [2.01, 2.29], 'CES 2,15 (IC 95 % : 2,01 à 2,29)'],
    ['en', 'ces', 2.5, null, 'CES 2.5'],
    ['en', 'nps', null, null, 'NPS –'],
  ] as const)(
    'when %s shows %s %s with interval %j, then it reads "%s"',
    (locale, type, score, ci, expected) => {
      const label = type.toUpperCase();
      const interval = ci ? ([ci[0], ci[1]] as [number, number]) : null;
      expect(seen(formatHeadline(locale, type, label, score, interval))).toBe(expected);
    },
  );

  it('when scores and differences are formatted, then NPS scores are signed whole points and differences always signed', () => {
    expect(formatScore('en', 'nps', 50)).toBe('+50');
    expect(formatScore('fr', 'ces', 1.5)).toBe('1,5');
    expect(formatDifference('en', 'nps', -53.6)).toBe('-53.6');
    expect(formatDifference('fr', 'csat', 4.2)).toBe('+4,2');
    expect(formatDifference('en', 'ces', 0.125)).toBe('+0.13');
    expect(formatDifference('en', 'nps', 0)).toBe('0');
  });

  it.each([
    [0, '0 s', '0 s'],
    [45, '45 s', '45 s'],
    [600, '10 min', '10 min'],
    [7200, '2 h', '2 h'],
    [7800, '2 h 10 min', '2 h 10 min'],
    [86_400 + 3 * 3600 + 1200, '1 d 3 h', '1 j 3 h'],
    [2 * 86_400, '2 d', '2 j'],
  ])('when a time figure is %d seconds, then English says %s and French %s', (s, en, fr) => {
    expect(seen(formatDuration('en', s))).toBe(en);
    expect(seen(formatDuration('fr', s))).toBe(fr);
  });

  it('when a day is formatted, then it is the day in the workspace zone, in its language', () => {
    const lateSunday = new Date('2026-10-25T22:30:00Z'); // 23:30 in Paris, Monday in Tokyo
    expect(formatDay('fr', lateSunday, 'Europe/Paris')).toBe('25 octobre 2026');
    expect(formatDay('en', lateSunday, 'Europe/Paris')).toBe('25 October 2026');
    expect(formatDay('en', lateSunday, 'Asia/Tokyo')).toBe('26 October 2026');
  });
});

describe('digest dictionary', () => {
  it('when a language is added or changed, then it says everything the other says', () => {
    const keys = (o: object) => Object.keys(o).sort();
    expect(keys(DIGEST_TEXT.fr)).toEqual(keys(DIGEST_TEXT.en));
    expect(keys(DIGEST_TEXT.fr.categories)).toEqual(keys(DIGEST_TEXT.en.categories));
    expect(keys(DIGEST_TEXT.fr.best)).toEqual(keys(DIGEST_TEXT.en.best));
  });

  it('when counts are one or several, then each language picks its plural (French singular for 0 and 1)', () => {
    const { en, fr } = DIGEST_TEXT;
    expect([en.answers(1, '1'), en.answers(0, '0'), en.answers(2, '2')]).toEqual([
      '1 answer',
      '0 answers',
      '2 answers',
    ]);
    expect([fr.answers(1, '1'), fr.answers(0, '0'), fr.answers(2, '2')]).toEqual([
      '1 réponse',
      '0 réponse',
      '2 réponses',
    ]);
    expect(fr.slaBreaches(2, '2')).toBe('2 délais dépassés');
    expect(en.slaBreaches(1, '1')).toBe('1 SLA breach');
  });
});
