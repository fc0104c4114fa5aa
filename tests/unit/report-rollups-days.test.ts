import fc from 'fast-check';
import {
  dayStart,
  daySpans,
  daysBetween,
  localDay,
  splitRange,
} from '../../src/reports/rollups/rollup-days';

const PARIS = 'Europe/Paris';
const d = (iso: string) => new Date(iso);
const all = () => true;

describe('local days in the workspace zone', () => {
  it.each([
    // 2027-03-28: Paris moves to summer time at 02:00, a 23-hour day.
    ['2027-03-28', '2027-03-27T23:00:00.000Z', '2027-03-28T22:00:00.000Z'],
    // 2027-10-31: back to winter time at 03:00, a 25-hour day.
    ['2027-10-31', '2027-10-30T22:00:00.000Z', '2027-10-31T23:00:00.000Z'],
  ])('when %s is a DST day, then it runs from %s to %s', (day, start, end) => {
    expect(dayStart(day, PARIS).toISOString()).toBe(start);
    expect(dayStart(daysBetween(day, '2099-01-01')[1]!, PARIS).toISOString()).toBe(end);
    expect(localDay(d(start), PARIS)).toBe(day);
    expect(localDay(new Date(d(end).getTime() - 1), PARIS)).toBe(day);
  });

  it('when days are listed, then the end is excluded and an empty span gives none', () => {
    expect(daysBetween('2027-10-30', '2027-11-02')).toEqual([
      '2027-10-30',
      '2027-10-31',
      '2027-11-01',
    ]);
    expect(daysBetween('2027-10-30', '2027-10-30')).toEqual([]);
  });

  it('when days are grouped, then consecutive ones form spans cut at the maximum length', () => {
    const days = ['2027-03-29', '2027-03-27', '2027-03-28', '2027-03-28', '2027-04-02'];
    expect(daySpans(days)).toEqual([
      { from: '2027-03-27', to: '2027-03-30' },
      { from: '2027-04-02', to: '2027-04-03' },
    ]);
    expect(daySpans(days, 2)).toEqual([
      { from: '2027-03-27', to: '2027-03-29' },
      { from: '2027-03-29', to: '2027-03-30' },
      { from: '2027-04-02', to: '2027-04-03' },
    ]);
    expect(daySpans([])).toEqual([]);
  });
});

describe('splitRange', () => {
  it('when the range is whole local days across the spring change, then every day is whole', () => {
    const range = { from: dayStart('2027-03-27', PARIS), to: dayStart('2027-03-30', PARIS) };
    expect(splitRange(range, PARIS, all)).toEqual({
      days: [{ from: '2027-03-27', to: '2027-03-30' }],
      raw: [],
    });
  });

  it('when the first and last days are partial, then they stay raw', () => {
    const range = { from: d('2027-10-30T10:00:00Z'), to: d('2027-11-01T12:00:00Z') };
    expect(splitRange(range, PARIS, all)).toEqual({
      days: [{ from: '2027-10-31', to: '2027-11-01' }],
      raw: [
        { from: range.from, to: d('2027-10-30T22:00:00Z') },
        { from: d('2027-10-31T23:00:00Z'), to: range.to },
      ],
    });
  });

  it('when a day is refused (dirty or not yet covered), then it joins the raw ranges', () => {
    const range = { from: dayStart('2027-10-30', PARIS), to: dayStart('2027-11-03', PARIS) };
    const split = splitRange(range, PARIS, (day) => day !== '2027-10-31' && day < '2027-11-02');
    expect(split).toEqual({
      days: [
        { from: '2027-10-30', to: '2027-10-31' },
        { from: '2027-11-01', to: '2027-11-02' },
      ],
      raw: [
        { from: d('2027-10-30T22:00:00Z'), to: d('2027-10-31T23:00:00Z') },
        { from: d('2027-11-01T23:00:00Z'), to: d('2027-11-02T23:00:00Z') },
      ],
    });
  });

  it('when the range is empty or inside one day, then nothing is whole', () => {
    const at = d('2027-03-28T05:00:00Z');
    expect(splitRange({ from: at, to: at }, PARIS, all)).toEqual({ days: [], raw: [] });
    const inside = { from: at, to: d('2027-03-28T09:00:00Z') };
    expect(splitRange(inside, PARIS, all)).toEqual({ days: [], raw: [inside] });
  });

  it('whatever the range and refusals, whole days and raw ranges tile the range exactly once', () => {
    const base = d('2027-03-20T00:00:00Z').getTime();
    const hour = 3600_000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 24 * 50 }),
        fc.integer({ min: 0, max: 24 * 20 }),
        fc.integer({ min: 0, max: 59 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 6 }),
        (startHours, lengthHours, minutes, refusedOffsets) => {
          const from = new Date(base + startHours * hour + minutes * 60_000);
          const to = new Date(from.getTime() + lengthHours * hour);
          const refused = new Set(
            refusedOffsets.map((o) => daysBetween('2027-03-20', '2027-06-01')[o]!),
          );
          const split = splitRange({ from, to }, PARIS, (day) => !refused.has(day));
          const pieces = [
            ...split.raw.map((r) => [r.from.getTime(), r.to.getTime()] as const),
            ...split.days.map(
              (s) => [dayStart(s.from, PARIS).getTime(), dayStart(s.to, PARIS).getTime()] as const,
            ),
          ].sort((a, b) => a[0] - b[0]);
          let cursor = from.getTime();
          for (const [start, end] of pieces) {
            expect(start).toBe(cursor);
            expect(end).toBeGreaterThan(start);
            cursor = end;
          }
          expect(cursor).toBe(pieces.length ? to.getTime() : from.getTime());
          for (const span of split.days) {
            for (const day of daysBetween(span.from, span.to)) expect(refused.has(day)).toBe(false);
          }
        },
      ),
    );
  });
});
