import { DateTime } from 'luxon';

export interface BusinessCalendar {
  /** IANA zone the working hours are read in (the workspace's). */
  timezone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** Local "HH:mm" opening and closing times; start < end. */
  start: string;
  end: string;
}

export const DEFAULT_WORKING_DAYS = [1, 2, 3, 4, 5];
export const DEFAULT_OPENING = { start: '09:00', end: '18:00' };

const MAX_DAYS_SCANNED = 3660;

/**
 * The instant `hours` business hours after `from`: time outside the working days and hours does
 * not count. Wall times are resolved by luxon in the calendar's zone, so a DST change shortens
 * or lengthens the night, never the working day.
 */
export function addBusinessHours(from: Date, hours: number, calendar: BusinessCalendar): Date {
  const open = minutes(calendar.start);
  const close = minutes(calendar.end);
  if (!(open < close)) throw new RangeError('the working day must start before it ends');
  if (calendar.workingDays.length === 0) throw new RangeError('no working days');
  let remainingMs = Math.round(hours * 3_600_000);
  let cursor: DateTime = DateTime.fromJSDate(from, { zone: calendar.timezone });
  if (!cursor.isValid) throw new RangeError(`invalid timezone "${calendar.timezone}"`);

  for (let day = 0; day < MAX_DAYS_SCANNED; day++) {
    const dayStart = at(cursor, open);
    const dayEnd = at(cursor, close);
    if (calendar.workingDays.includes(cursor.weekday) && cursor < dayEnd) {
      const begin = cursor < dayStart ? dayStart : cursor;
      const available = dayEnd.toMillis() - begin.toMillis();
      if (remainingMs <= available) return new Date(begin.toMillis() + remainingMs);
      remainingMs -= available;
    }
    cursor = at(cursor.plus({ days: 1 }), 0);
  }
  throw new RangeError('the deadline is too far away');
}

function at(day: DateTime, minuteOfDay: number): DateTime {
  return day.set({
    hour: Math.floor(minuteOfDay / 60),
    minute: minuteOfDay % 60,
    second: 0,
    millisecond: 0,
  });
}

function minutes(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new RangeError(`invalid time of day "${hhmm}", expected HH:mm`);
  return Number(match[1]) * 60 + Number(match[2]);
}
