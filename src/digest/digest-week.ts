import { DateTime } from 'luxon';

export interface DigestWeek {
  /** ISO week label, e.g. 2026-W43. */
  week: string;
  /** Monday 00:00 in the workspace's zone. */
  from: Date;
  /** The next Monday 00:00 in the same zone (exclusive); 167 or 169 hours on a DST change. */
  to: Date;
}

export const ISO_WEEK = /^\d{4}-W\d{2}$/;

/** The ISO week (Monday–Sunday) with this label, as local midnights in `zone`. */
export function isoWeekRange(week: string, zone: string): DigestWeek {
  const start = DateTime.fromISO(week, { zone });
  if (!ISO_WEEK.test(week) || !start.isValid) throw new Error(`not an ISO week: ${week}`);
  const from = start.startOf('week', { useLocaleWeeks: false });
  return {
    week: from.toFormat("kkkk-'W'WW"),
    from: from.toJSDate(),
    to: from.plus({ weeks: 1 }).toJSDate(),
  };
}

/** The last complete ISO week before `now`, as seen in `zone` (what Monday's digest covers). */
export function previousIsoWeek(now: Date, zone: string): DigestWeek {
  const monday = DateTime.fromJSDate(now, { zone }).startOf('week', { useLocaleWeeks: false });
  return isoWeekRange(monday.minus({ weeks: 1 }).toFormat("kkkk-'W'WW"), zone);
}

/** The ISO week just before `week` (the digest's comparison week). */
export function weekBefore(week: string, zone: string): DigestWeek {
  const from = DateTime.fromJSDate(isoWeekRange(week, zone).from, { zone });
  return isoWeekRange(from.minus({ weeks: 1 }).toFormat("kkkk-'W'WW"), zone);
}
