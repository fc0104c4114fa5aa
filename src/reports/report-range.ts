import { DateTime } from 'luxon';
import { AppError } from '../shared/errors';

export const MAX_RANGE_DAYS = 731;
const DEFAULT_DAYS = 30;

export interface ReportRange {
  from: Date;
  /** Exclusive. */
  to: Date;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `from` and `to` as ISO dates are whole days in the workspace's time zone, both included
 * (from=2026-10-01&to=2026-10-31 is October); as date-times with an offset they are instants
 * and `to` is excluded. Defaults: the 30 days up to now.
 */
export function resolveRange(
  raw: { from?: string; to?: string },
  zone: string,
  now: Date = new Date(),
): ReportRange {
  const to = raw.to
    ? DATE_ONLY.test(raw.to)
      ? DateTime.fromISO(raw.to, { zone }).plus({ days: 1 })
      : DateTime.fromISO(raw.to, { setZone: true })
    : DateTime.fromJSDate(now, { zone });
  const from = raw.from
    ? DATE_ONLY.test(raw.from)
      ? DateTime.fromISO(raw.from, { zone })
      : DateTime.fromISO(raw.from, { setZone: true })
    : to.minus({ days: DEFAULT_DAYS });
  if (from > to) {
    throw AppError.badRequest('The report range is not valid.', [
      { path: 'from', message: 'must not be after "to"' },
    ]);
  }
  if (to.diff(from, 'days').days > MAX_RANGE_DAYS) {
    throw AppError.badRequest('The report range is not valid.', [
      { path: 'to', message: 'the range from "from" to "to" must not exceed 2 years' },
    ]);
  }
  return { from: from.toJSDate(), to: to.toJSDate() };
}
