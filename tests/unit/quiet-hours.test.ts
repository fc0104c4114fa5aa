import fc from 'fast-check';
import { DateTime } from 'luxon';
import { applyQuietHours, isValidTimezone } from '../../src/invitations/quiet-hours';

const NIGHT = { start: '21:00', end: '09:00' };
const LUNCH = { start: '12:00', end: '14:00' };

describe('applyQuietHours', () => {
  it.each([
    // [case, at (UTC), timezone, quiet hours, expected sendAt (UTC), deferred]
    [
      '21:30 in Paris winter → 09:00 next day',
      '2026-01-15T20:30:00Z',
      'Europe/Paris',
      NIGHT,
      '2026-01-16T08:00:00Z',
      true,
    ],
    [
      '21:00 exactly is quiet',
      '2026-01-15T20:00:00Z',
      'Europe/Paris',
      NIGHT,
      '2026-01-16T08:00:00Z',
      true,
    ],
    [
      '20:59 is not quiet',
      '2026-01-15T19:59:00Z',
      'Europe/Paris',
      NIGHT,
      '2026-01-15T19:59:00Z',
      false,
    ],
    [
      '08:00 → 09:00 the same morning',
      '2026-01-15T07:00:00Z',
      'Europe/Paris',
      NIGHT,
      '2026-01-15T08:00:00Z',
      true,
    ],
    [
      '08:59:59 → 09:00 the same morning',
      '2026-01-15T07:59:59Z',
      'Europe/Paris',
      NIGHT,
      '2026-01-15T08:00:00Z',
      true,
    ],
    [
      '09:00 exactly is not quiet',
      '2026-01-15T08:00:00Z',
      'Europe/Paris',
      NIGHT,
      '2026-01-15T08:00:00Z',
      false,
    ],
    [
      'midnight → 09:00 the same day',
      '2026-07-01T22:00:00Z',
      'Europe/Paris',
      NIGHT,
      '2026-07-02T07:00:00Z',
      true,
    ],
    [
      'Paris spring-forward: 22:00 CET → 09:00 CEST',
      '2026-03-28T21:00:00Z',
      'Europe/Paris',
      NIGHT,
      '2026-03-29T07:00:00Z',
      true,
    ],
    [
      'Paris spring-forward: 01:30 CET → 09:00 CEST',
      '2026-03-29T00:30:00Z',
      'Europe/Paris',
      NIGHT,
      '2026-03-29T07:00:00Z',
      true,
    ],
    [
      'Paris fall-back: 23:00 CEST → 09:00 CET',
      '2026-10-24T21:00:00Z',
      'Europe/Paris',
      NIGHT,
      '2026-10-25T08:00:00Z',
      true,
    ],
    [
      'Paris fall-back: second 02:30 → 09:00 CET',
      '2026-10-25T01:30:00Z',
      'Europe/Paris',
      NIGHT,
      '2026-10-25T08:00:00Z',
      true,
    ],
    [
      'New York spring-forward: 22:00 EST → 09:00 EDT',
      '2026-03-08T03:00:00Z',
      'America/New_York',
      NIGHT,
      '2026-03-08T13:00:00Z',
      true,
    ],
    [
      'New York fall-back: 22:00 EDT → 09:00 EST',
      '2026-11-01T02:00:00Z',
      'America/New_York',
      NIGHT,
      '2026-11-01T14:00:00Z',
      true,
    ],
    [
      'New York 19:30 is not quiet',
      '2026-10-31T23:30:00Z',
      'America/New_York',
      NIGHT,
      '2026-10-31T23:30:00Z',
      false,
    ],
    [
      'a UTC 02:00 send is daytime in Tokyo',
      '2026-05-01T02:00:00Z',
      'Asia/Tokyo',
      NIGHT,
      '2026-05-01T02:00:00Z',
      false,
    ],
    [
      'lunch window: 12:30 → 14:00',
      '2026-05-01T12:30:00Z',
      'UTC',
      LUNCH,
      '2026-05-01T14:00:00Z',
      true,
    ],
    [
      'lunch window: 11:59 is not quiet',
      '2026-05-01T11:59:00Z',
      'UTC',
      LUNCH,
      '2026-05-01T11:59:00Z',
      false,
    ],
    [
      'lunch window: 14:00 is not quiet',
      '2026-05-01T14:00:00Z',
      'UTC',
      LUNCH,
      '2026-05-01T14:00:00Z',
      false,
    ],
    [
      'lunch window: 23:00 is not quiet',
      '2026-05-01T23:00:00Z',
      'UTC',
      LUNCH,
      '2026-05-01T23:00:00Z',
      false,
    ],
    [
      'start equal to end means no quiet hours',
      '2026-05-01T03:00:00Z',
      'UTC',
      { start: '09:00', end: '09:00' },
      '2026-05-01T03:00:00Z',
      false,
    ],
    [
      'fall-back, end at an ambiguous time, first pass → first 02:30',
      '2026-10-25T00:10:00Z',
      'Europe/Paris',
      { start: '01:00', end: '02:30' },
      '2026-10-25T00:30:00Z',
      true,
    ],
    [
      'fall-back, end at an ambiguous time, second pass → second 02:30',
      '2026-10-25T01:10:00Z',
      'Europe/Paris',
      { start: '01:00', end: '02:30' },
      '2026-10-25T01:30:00Z',
      true,
    ],
    [
      'spring-forward, end skipped by the clock → shifted by the gap',
      '2026-03-29T00:30:00Z',
      'Europe/Paris',
      { start: '01:00', end: '02:30' },
      '2026-03-29T01:30:00Z',
      true,
    ],
  ])('when %s, then it is handled', (_case, at, timezone, quiet, sendAt, deferred) => {
    const result = applyQuietHours(new Date(at), timezone, quiet);
    expect(result).toEqual({ sendAt: new Date(sendAt), deferred });
  });

  it('when no quiet hours are given, then 21:00–09:00 applies', () => {
    expect(applyQuietHours(new Date('2026-01-15T22:00:00Z'), 'UTC').sendAt).toEqual(
      new Date('2026-01-16T09:00:00Z'),
    );
  });

  it.each(['Mars/Olympus', '', 'not a zone'])('when the timezone is %p, then it throws', (tz) => {
    expect(() => applyQuietHours(new Date(), tz)).toThrow(/invalid timezone/);
  });

  it.each(['9:00', '24:00', '21h', ''])('when a bound is %p, then it throws', (bound) => {
    expect(() => applyQuietHours(new Date(), 'UTC', { start: bound, end: '09:00' })).toThrow(
      /invalid time of day/,
    );
  });
});

describe('isValidTimezone', () => {
  it.each([
    ['Europe/Paris', true],
    ['America/New_York', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['', false],
    ['  ', false],
    ['+02:00', false],
  ])('when %p, then %p', (tz, valid) => {
    expect(isValidTimezone(tz)).toBe(valid);
  });
});

describe('applyQuietHours properties', () => {
  const zones = [
    'Europe/Paris',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'America/Santiago',
    'UTC',
  ];
  const hhmm = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) });

  function isQuiet(at: Date, tz: string, quiet: { start: string; end: string }): boolean {
    const local = DateTime.fromJSDate(at, { zone: tz });
    const now = local.hour * 60 + local.minute;
    const [start, end] = [quiet.start, quiet.end].map((t) => {
      const [h, m] = t.split(':').map(Number);
      return (h ?? 0) * 60 + (m ?? 0);
    }) as [number, number];
    return start > end ? now >= start || now < end : now >= start && now < end;
  }

  it('when applied, then the send is never earlier, never inside quiet hours, and at most a day late', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), hhmm, hhmm, (ms, tz, start, end) => {
        const at = new Date(ms);
        const quiet = { start, end };
        const { sendAt, deferred } = applyQuietHours(at, tz, quiet);
        expect(deferred).toBe(isQuiet(at, tz, quiet));
        expect(isQuiet(sendAt, tz, quiet)).toBe(false);
        expect(sendAt.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(sendAt.getTime() - at.getTime()).toBeLessThanOrEqual(25 * 3_600_000);
        if (!deferred) expect(sendAt).toEqual(at);
        // The next end, not a later one: the minute before was still quiet (or before `at`).
        const minuteBefore = new Date(sendAt.getTime() - 60_000);
        if (
          deferred &&
          minuteBefore > at &&
          DateTime.fromJSDate(sendAt, { zone: tz }).toFormat('HH:mm') === end
        ) {
          expect(isQuiet(minuteBefore, tz, quiet)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('quiet hours whose opening minute does not exist', () => {
  it('when the only open minute (02:00) is skipped by spring-forward in Paris, then the send waits for the next day’s 02:00', () => {
    // 2026-03-29 01:01 in Paris (+01:00); at 02:00 the clocks jump to 03:00.
    const at = new Date(1774659660000);
    const { sendAt, deferred } = applyQuietHours(at, 'Europe/Paris', {
      start: '02:01',
      end: '02:00',
    });
    expect(deferred).toBe(true);
    expect(DateTime.fromJSDate(sendAt, { zone: 'Europe/Paris' }).toISO()).toBe(
      '2026-03-30T02:00:00.000+02:00',
    );
  });
});
