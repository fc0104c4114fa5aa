import { DateTime } from 'luxon';
import type { Period } from './report-query.schema';
import type { ReportRange } from './report-range';

/** Start of each period touching the range, in the workspace's zone (weeks start Monday). */
export function periodStarts(range: ReportRange, unit: Period, zone: string): DateTime[] {
  const starts: DateTime[] = [];
  const end = DateTime.fromJSDate(range.to, { zone });
  for (
    let at = DateTime.fromJSDate(range.from, { zone }).startOf(unit, { useLocaleWeeks: false });
    at < end;
    at = at.plus({ [`${unit}s`]: 1 })
  ) {
    starts.push(at);
  }
  return starts;
}

/** A period's key (its first local day) and label (2026-10-25, 2026-W43, 2026-10). */
export function periodKey(start: Date | DateTime, unit: Period, zone: string) {
  const at = start instanceof Date ? DateTime.fromJSDate(start, { zone }) : start.setZone(zone);
  const key = at.toISODate()!;
  const label =
    unit === 'day' ? key : unit === 'week' ? at.toFormat("kkkk-'W'WW") : at.toFormat('yyyy-MM');
  return { key, label, start: at.toISO()! };
}
