import { DateTime } from 'luxon';
import type { ReportRange } from '../report-range';

/** A local calendar day, 'YYYY-MM-DD', in the workspace's zone. */
export type LocalDay = string;

/** Consecutive local days, `to` excluded. */
export interface DaySpan {
  from: LocalDay;
  to: LocalDay;
}

export function localDay(at: Date, zone: string): LocalDay {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/** The instant a local day starts (23, 24 or 25 hours before the next one). */
export function dayStart(day: LocalDay, zone: string): Date {
  return DateTime.fromISO(day, { zone }).startOf('day').toJSDate();
}

export function nextDay(day: LocalDay): LocalDay {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!;
}

/** Every day from `from` up to `to` (excluded). */
export function daysBetween(from: LocalDay, to: LocalDay): LocalDay[] {
  const days: LocalDay[] = [];
  for (let d = from; d < to; d = nextDay(d)) days.push(d);
  return days;
}

/** Sorted, de-duplicated days grouped into runs of consecutive days, each at most `max` long. */
export function daySpans(days: Iterable<LocalDay>, max = Infinity): DaySpan[] {
  const spans: DaySpan[] = [];
  let length = 0;
  for (const day of [...new Set(days)].sort()) {
    const last = spans.at(-1);
    if (last && last.to === day && length < max) {
      last.to = nextDay(day);
      length += 1;
    } else {
      spans.push({ from: day, to: nextDay(day) });
      length = 1;
    }
  }
  return spans;
}

export function spanRange(span: DaySpan, zone: string): ReportRange {
  return { from: dayStart(span.from, zone), to: dayStart(span.to, zone) };
}

/**
 * Splits a report range into the whole local days that `usable` accepts (served by rollups) and
 * the instants left over (partial first and last days, refused days), as few ranges as possible.
 * Together they cover the range exactly once.
 */
export function splitRange(
  range: ReportRange,
  zone: string,
  usable: (day: LocalDay) => boolean,
): { days: DaySpan[]; raw: ReportRange[] } {
  const whole: LocalDay[] = [];
  const raw: ReportRange[] = [];
  const addRaw = (from: Date, to: Date) => {
    if (from >= to) return;
    const last = raw.at(-1);
    if (last && last.to.getTime() === from.getTime()) last.to = to;
    else raw.push({ from, to });
  };
  let cursor = range.from;
  if (range.from < range.to) {
    for (let day = localDay(range.from, zone); ; day = nextDay(day)) {
      const start = dayStart(day, zone);
      if (start >= range.to) break;
      const end = dayStart(nextDay(day), zone);
      if (start >= range.from && end <= range.to && usable(day)) {
        addRaw(cursor, start);
        whole.push(day);
        cursor = end;
      }
    }
    addRaw(cursor, range.to);
  }
  return { days: daySpans(whole), raw };
}
