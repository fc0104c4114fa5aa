import type { FollowupFigures } from '../../src/reports/followup-figures';
import { followupSection, formatDuration } from '../../src/reports/report-page-followup';
import { heatmapSection, hourBlocks, type VolumeCell } from '../../src/reports/report-page-volume';
import { translator } from '../../src/pages';

const en = translator('en');

describe('formatDuration', () => {
  it.each([
    [null, '–'],
    [0, '0 s'],
    [59, '59 s'],
    [60, '1 min'],
    [89, '1 min'],
    [90, '2 min'],
    [3599, '1 h'],
    [3600, '1 h'],
    [3600 + 20 * 60, '1 h 20 min'],
    [47 * 3600 + 59 * 60, '47 h 59 min'],
    [48 * 3600, '2 d'],
    [52 * 3600, '2 d 4 h'],
    [30 * 86400, '30 d'],
  ])('%p seconds → %p', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

const figures = (over: Partial<FollowupFigures> = {}): FollowupFigures => ({
  detractors: 9,
  withTask: 4,
  contacted: 2,
  resolved: 2,
  resolvedWithoutContact: 0,
  shares: { withTask: 44.4, contacted: 22.2, resolved: 22.2 },
  timeToFirstAction: { n: 3, median: 1200, p90: 1800 },
  timeToResolution: { n: 2, median: 3600, p90: 172800 },
  slaBreaches: 2,
  ...over,
});

describe('followupSection', () => {
  it('names the unhappy answers per survey type and formats shares and times', () => {
    const s = followupSection('nps', figures());
    expect(s.steps.map((x) => [x.label, x.count, x.share])).toEqual([
      ['Detractors answered', 9, null],
      ['With a follow-up task', 4, '44.4%'],
      ['Customer contacted', 2, '22.2%'],
      ['Resolved after contact', 2, '22.2%'],
    ]);
    expect(s.timeToFirstAction).toEqual({
      median: '20 min',
      p90: '30 min',
      n: 3,
      text: 'median 20 min · p90 30 min',
    });
    expect(s.timeToResolution.text).toBe('median 1 h · p90 2 d');
    expect(s.slaBreaches).toBe(2);
    expect(s.svg).toContain(
      'Detractors answered: 9, With a follow-up task: 4 (44.4%), Customer contacted: 2 (22.2%), Resolved after contact: 2 (22.2%)',
    );
    expect(followupSection('csat', figures()).steps[0]!.label).toBe('Unsatisfied answers');
    expect(followupSection('ces', figures()).steps[0]!.label).toBe('Hard (high-effort) answers');
  });

  it('when there are no unhappy answers, then zeros, dashes and a note', () => {
    const none = { n: 0, median: null, p90: null };
    const s = followupSection(
      'nps',
      figures({
        detractors: 0,
        withTask: 0,
        contacted: 0,
        resolved: 0,
        resolvedWithoutContact: 0,
        shares: { withTask: null, contacted: null, resolved: null },
        timeToFirstAction: none,
        timeToResolution: none,
        slaBreaches: 0,
      }),
    );
    expect(s.svg).toContain('No unhappy answers in this period.');
    expect(s.timeToFirstAction).toEqual({ median: '–', p90: '–', n: 0, text: 'none yet' });
    expect(s.svg).not.toContain('NaN');
  });
});

describe('heatmapSection', () => {
  const cells = (counts: Record<string, [number, number]>): VolumeCell[] =>
    ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].flatMap((label, i) =>
      Array.from({ length: 24 }, (_, hour) => {
        const [answers, sent] = counts[`${label} ${hour}`] ?? [0, 0];
        return { weekday: i + 1, label, hour, answers, sent };
      }),
    );

  it('totals, the busiest hour, hover titles and a 7 × 24 table', () => {
    const s = heatmapSection(
      cells({ 'Tue 9': [5, 8], 'Sun 23': [1, 1] }),
      'Europe/Paris',
      en,
      'en',
    );
    expect(s.total).toBe(6);
    expect(s.sent).toBe(9);
    expect(s.busiest).toBe('Tue 09:00–10:00 (5 answers)');
    expect(s.svg).toContain('<title>Tue 09:00–10:00: 5 answers, 8 invitations sent</title>');
    // The last hour of the day ends at midnight.
    expect(s.svg).toContain('<title>Sun 23:00–00:00: 1 answer, 1 invitation sent</title>');
    expect(s.svg).toContain('Busiest hour: Tue 09:00–10:00 with 5 answers.');
    expect(s.rows.map((r) => r.label)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(s.rows.every((r) => r.counts.length === 24)).toBe(true);
    expect(s.rows[1]!.counts[9]).toBe(5);
    expect(s.hours[0]).toBe('00');
  });

  it('phones get 3-hour blocks: 7 × 8 cells summing the hours', () => {
    const s = heatmapSection(
      cells({ 'Tue 9': [5, 8], 'Tue 10': [2, 0], 'Tue 11': [1, 1], 'Tue 12': [4, 4] }),
      'UTC',
      en,
      'en',
    );
    expect(s.svgNarrow.match(/<rect class="cell /g)).toHaveLength(7 * 8);
    expect(s.svgNarrow).toContain('<title>Tue 09:00–12:00: 8 answers, 9 invitations sent</title>');
    expect(s.svgNarrow).toContain('<title>Tue 12:00–15:00: 4 answers, 4 invitations sent</title>');
    expect(s.svgNarrow).toContain('<title>Sun 21:00–00:00: 0 answers, 0 invitations sent</title>');
    expect(s.svg.match(/<rect class="cell /g)).toHaveLength(7 * 24);
    // The two charts need distinct ids for their accessible names.
    const ids = (svg: string) => /aria-labelledby="([^"]+)"/.exec(svg)?.[1];
    expect(ids(s.svg)).not.toBe(ids(s.svgNarrow));
  });

  it('hourBlocks: sums per weekday and block, in weekday then hour order', () => {
    const blocks = hourBlocks(cells({ 'Mon 0': [1, 2], 'Mon 2': [3, 4], 'Sun 23': [5, 6] }), 3);
    expect(blocks).toHaveLength(56);
    expect(blocks[0]).toEqual({ weekday: 1, label: 'Mon', hour: 0, answers: 4, sent: 6 });
    expect(blocks[55]).toEqual({ weekday: 7, label: 'Sun', hour: 21, answers: 5, sent: 6 });
    expect(blocks.reduce((t, b) => t + b.answers, 0)).toBe(9);
  });

  it('in French: French weekdays, words and plurals in the titles and the description', () => {
    const s = heatmapSection(cells({ 'Tue 9': [5, 1] }), 'Europe/Paris', translator('fr'), 'fr');
    expect(s.rows.map((r) => r.label)).toEqual([
      'lun.',
      'mar.',
      'mer.',
      'jeu.',
      'ven.',
      'sam.',
      'dim.',
    ]);
    expect(s.svg).toContain('<title>mar. 09:00–10:00 : 5 réponses, 1 invitation envoyée</title>');
    expect(s.svg).toContain('Heure la plus chargée : mar. 09:00–10:00, avec 5 réponses.');
    expect(s.svg).toContain('Réponses par jour et par heure');
    expect(s.svg).not.toMatch(/\b(answers?|Busiest|Mon|Tue)\b/);
  });

  it('when there are no answers, then no busiest hour and a note', () => {
    const s = heatmapSection(cells({ 'Mon 8': [0, 3] }), 'UTC', en, 'en');
    expect(s.busiest).toBeNull();
    expect(s.svg).toContain('No answers in this period (3 invitations sent).');
  });
});
