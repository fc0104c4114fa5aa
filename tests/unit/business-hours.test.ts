import { addBusinessHours, type BusinessCalendar } from '../../src/tasks/business-hours';

const paris: BusinessCalendar = {
  timezone: 'Europe/Paris',
  workingDays: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
};

describe('addBusinessHours', () => {
  it.each<[string, string, number, string]>([
    ['inside the day', '2025-03-04T10:00:00+01:00', 2, '2025-03-04T12:00:00+01:00'],
    ['spills to the next day', '2025-03-04T17:00:00+01:00', 2, '2025-03-05T10:00:00+01:00'],
    [
      'before opening starts at opening',
      '2025-03-04T06:00:00+01:00',
      1,
      '2025-03-04T10:00:00+01:00',
    ],
    [
      'Friday evening skips the weekend',
      '2025-03-07T17:30:00+01:00',
      1,
      '2025-03-10T09:30:00+01:00',
    ],
    ['Saturday starts Monday', '2025-03-08T12:00:00+01:00', 24, '2025-03-12T15:00:00+01:00'],
    ['exactly the day end', '2025-03-04T09:00:00+01:00', 9, '2025-03-04T18:00:00+01:00'],
    ['across the spring DST change', '2025-03-28T17:00:00+01:00', 2, '2025-03-31T10:00:00+02:00'],
  ])('%s', (_name, from, hours, expected) => {
    expect(addBusinessHours(new Date(from), hours, paris).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
  });

  it('when the workspace works Sunday to Thursday in another zone, then those days and that zone count', () => {
    const dubai: BusinessCalendar = {
      timezone: 'Asia/Dubai',
      workingDays: [7, 1, 2, 3, 4],
      start: '08:00',
      end: '16:00',
    };
    // Thursday 15:00 + 2h → Sunday 09:00 (Friday and Saturday are off).
    expect(addBusinessHours(new Date('2025-03-06T15:00:00+04:00'), 2, dubai).toISOString()).toBe(
      new Date('2025-03-09T09:00:00+04:00').toISOString(),
    );
  });

  it('when the calendar is invalid, then it throws', () => {
    expect(() =>
      addBusinessHours(new Date(), 1, { ...paris, start: '18:00', end: '09:00' }),
    ).toThrow(RangeError);
    expect(() => addBusinessHours(new Date(), 1, { ...paris, workingDays: [] })).toThrow(
      RangeError,
    );
  });
});
