import { DateTime } from 'luxon';

/** The trailing level is the 28 local days just before the day under watch. */
export const TRAILING_DAYS = 28;

export interface AlertDay {
  /** The local day watched, YYYY-MM-DD in the workspace's zone. */
  day: string;
  /** True for the day still running (its figures are "so far"). */
  today: boolean;
  /** The trailing level's first and last local days, both included. */
  trailing: { from: string; to: string };
}

function alertDay(day: DateTime, today: boolean): AlertDay {
  return {
    day: day.toISODate()!,
    today,
    trailing: {
      from: day.minus({ days: TRAILING_DAYS }).toISODate()!,
      to: day.minus({ days: 1 }).toISODate()!,
    },
  };
}

/**
 * What an hourly run watches: today so far (a drop is seen the day it happens) and yesterday
 * (answers that arrived after yesterday's last run still count). Calendar days in `zone`, so a
 * DST day of 23 or 25 hours is still one day.
 */
export function daysToWatch(now: Date, zone: string): AlertDay[] {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  return [alertDay(today.minus({ days: 1 }), false), alertDay(today, true)];
}
