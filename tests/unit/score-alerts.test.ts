import { daysToWatch } from '../../src/alerts/alert-days';
import { decideAlert, type SegmentFigures } from '../../src/alerts/alert-decision';
import { alertView } from '../../src/alerts/alert-render';
import { momentsOf } from '../../src/reports/statistics';

const nps = (promoter: number, passive: number, detractor: number): SegmentFigures => ({
  n: promoter + passive + detractor,
  counts: { promoter, passive, detractor },
});
const csat = (satisfied: number, neutral: number, unsatisfied: number): SegmentFigures => ({
  n: satisfied + neutral + unsatisfied,
  counts: { satisfied, neutral, unsatisfied },
});
/** CES figures from score values, e.g. [[4, 15], [5, 15]]: fifteen 4s and fifteen 5s. */
const ces = (...values: [score: number, times: number][]): SegmentFigures => {
  const scores = values.flatMap(([score, times]) => Array<number>(times).fill(score));
  return { n: scores.length, counts: {}, moments: momentsOf(scores) };
};

describe('significant-drop alert decision', () => {
  it.each([
    {
      when: 'an NPS day of 30 answers falls from 75 to −47',
      input: {
        type: 'nps',
        direction: 'higher_better',
        day: nps(6, 4, 20),
        trailing: nps(84, 28, 0),
      },
      alert: true,
      reason: undefined,
    },
    {
      when: 'an NPS day of 30 answers dips from 35 to 27 (interval crosses 0)',
      input: {
        type: 'nps',
        direction: 'higher_better',
        day: nps(15, 8, 7),
        trailing: nps(110, 50, 40),
      },
      alert: false,
      reason: 'not-significant',
    },
    {
      when: 'the same collapse happens on only 29 answers',
      input: {
        type: 'nps',
        direction: 'higher_better',
        day: nps(5, 4, 20),
        trailing: nps(84, 28, 0),
      },
      alert: false,
      reason: 'too-few-answers',
    },
    {
      when: 'the day is better than the trailing level (all promoters)',
      input: {
        type: 'nps',
        direction: 'higher_better',
        day: nps(40, 0, 0),
        trailing: nps(84, 28, 0),
      },
      alert: false,
      reason: 'not-worse',
    },
    {
      when: 'the segment had no answers in the previous 4 weeks',
      input: {
        type: 'nps',
        direction: 'higher_better',
        day: nps(6, 4, 20),
        trailing: nps(0, 0, 0),
      },
      alert: false,
      reason: 'no-comparison',
    },
    {
      when: 'CSAT falls from 90% to 33% on 30 answers',
      input: {
        type: 'csat',
        direction: 'higher_better',
        day: csat(10, 0, 20),
        trailing: csat(180, 10, 10),
      },
      alert: true,
      reason: undefined,
    },
    {
      when: 'CES effort (1–5, lower is better) rises from 1.5 to 4.5',
      input: {
        type: 'ces',
        direction: 'lower_better',
        day: ces([4, 15], [5, 15]),
        trailing: ces([1, 50], [2, 50]),
      },
      alert: true,
      reason: undefined,
    },
    {
      when: 'CES effort falls from 4.5 to 1.5 (easier: an improvement)',
      input: {
        type: 'ces',
        direction: 'lower_better',
        day: ces([1, 15], [2, 15]),
        trailing: ces([4, 50], [5, 50]),
      },
      alert: false,
      reason: 'not-worse',
    },
    {
      when: 'CES agreement (1–7, higher is better) falls from 6.5 to 2.5',
      input: {
        type: 'ces',
        direction: 'higher_better',
        day: ces([2, 15], [3, 15]),
        trailing: ces([6, 50], [7, 50]),
      },
      alert: true,
      reason: undefined,
    },
  ] as const)('when $when, then alert is $alert', ({ input, alert, reason }) => {
    const decision = decideAlert(input);
    expect(decision.alert).toBe(alert);
    if (!decision.alert) expect(decision.reason).toBe(reason);
  });

  it('when it alerts on NPS, then the change is day − trailing with an interval wholly below 0', () => {
    const decision = decideAlert({
      type: 'nps',
      direction: 'higher_better',
      day: nps(6, 4, 20),
      trailing: nps(84, 28, 0),
    });
    // −46.67 − 75. Day: p = 0.2, d = 0.667, variance 0.8667 − 0.4667² = 0.6489; trailing:
    // p = 0.75, d = 0, variance 0.1875. SE = sqrt(0.6489/30 + 0.1875/112)·100 = 15.265,
    // half-width 1.96 × 15.265 = 29.92 (hand-computed).
    expect(decision.change!.difference).toBeCloseTo(-121.67, 2);
    expect(decision.change!.ci95[0]).toBeCloseTo(-151.59, 1);
    expect(decision.change!.ci95[1]).toBeCloseTo(-91.75, 1);
  });

  it('when CES rises, then the change is positive and its interval wholly above 0', () => {
    const decision = decideAlert({
      type: 'ces',
      direction: 'lower_better',
      day: ces([4, 15], [5, 15]),
      trailing: ces([1, 50], [2, 50]),
    });
    expect(decision.alert).toBe(true);
    expect(decision.change!.difference).toBeCloseTo(3, 10);
    expect(decision.change!.ci95[0]).toBeGreaterThan(0);
  });
});

describe('days an hourly run watches', () => {
  it('when it is 16:00 in Paris, then it watches yesterday and today, each against the 28 days before', () => {
    expect(daysToWatch(new Date('2026-11-18T15:00:00Z'), 'Europe/Paris')).toEqual([
      { day: '2026-11-17', today: false, trailing: { from: '2026-10-20', to: '2026-11-16' } },
      { day: '2026-11-18', today: true, trailing: { from: '2026-10-21', to: '2026-11-17' } },
    ]);
  });

  it('when it is 00:30 in Paris but still the evening before in UTC, then "today" is the Paris day', () => {
    const days = daysToWatch(new Date('2026-11-17T23:30:00Z'), 'Europe/Paris');
    expect(days.map((d) => d.day)).toEqual(['2026-11-17', '2026-11-18']);
  });

  it('when the day after the switch to winter time (2026-10-26) is watched, then the 25-hour 25 October counts as one day', () => {
    const [yesterday] = daysToWatch(new Date('2026-10-26T10:00:00Z'), 'Europe/Paris');
    expect(yesterday).toEqual({
      day: '2026-10-25',
      today: false,
      trailing: { from: '2026-09-27', to: '2026-10-24' },
    });
  });
});

describe('alert e-mail wording', () => {
  const watched = daysToWatch(new Date('2026-11-18T15:00:00Z'), 'Europe/Paris')[0]!;
  const figures = (score: number, n: number, ci95: [number, number]) => ({
    score,
    n,
    ci95,
    method: 't',
    counts: {},
    lowN: n < 30,
  });

  it('when CES effort rises for a team, then the e-mail states scale, direction, a positive change and the filtered dashboard link', () => {
    const view = alertView({
      workspace: { name: 'Acme', timezone: 'Europe/Paris', locale: 'en' },
      figures: {
        type: 'ces',
        scale: { min: 1, max: 5 },
        direction: 'lower_better',
        timezone: 'Europe/Paris',
      },
      watched,
      segment: {
        dimension: 'team',
        value: 'Billing & Co',
        label: 'Billing & Co',
        day: figures(4.5, 30, [4.31, 4.69]),
        trailing: figures(1.5, 100, [1.4, 1.6]),
      },
      change: { difference: 3, ci95: [2.78, 3.22], significant: true, method: 'welch', p: 0 },
      now: new Date('2026-11-18T15:00:00Z'),
      publicUrl: 'http://retour.test',
    });
    expect(view).toMatchObject({
      subject: 'Acme — CES alert: team Billing & Co, Nov 17, 2026',
      soFar: null,
      thatDay: '4.50 (95% interval 4.31 to 4.69), 30 answers',
      trailing: '1.50 (95% interval 1.40 to 1.60), 100 answers',
      difference: '+3.00 (95% interval +2.78 to +3.22)',
      scale: 'CES scale 1–5, lower is better.',
      link: 'http://retour.test/app/reports?type=ces&from=2026-11-17&to=2026-11-17&by=agent&filter%5Bteam%5D=Billing+%26+Co',
    });
  });

  it('when CSAT drops in a French workspace, then percentages and decimals are written the French way', () => {
    const view = alertView({
      workspace: { name: 'Bistro', timezone: 'Europe/Paris', locale: 'fr' },
      figures: {
        type: 'csat',
        scale: { min: 1, max: 5 },
        direction: 'higher_better',
        timezone: 'Europe/Paris',
      },
      watched,
      segment: {
        dimension: 'overall',
        value: '',
        label: '',
        day: figures(33.3, 30, [19.2, 51.2]),
        trailing: figures(90, 200, [85.1, 93.4]),
      },
      change: { difference: -56.67, ci95: [-71.2, -38.9], significant: true, method: 'newcombe', p: 0 },
      now: new Date('2026-11-18T15:00:00Z'),
      publicUrl: 'http://retour.test',
    });
    expect(view).toMatchObject({
      subject: 'Bistro — alerte CSAT : toutes les réponses, 17 nov. 2026',
      thatDay: '33,3 % (intervalle à 95 % de 19,2 % à 51,2 %), 30 réponses',
      difference: '-56,7 pts (intervalle à 95 % de -71,2 à -38,9)',
      link: 'http://retour.test/app/reports?type=csat&from=2026-11-17&to=2026-11-17',
    });
  });
});
