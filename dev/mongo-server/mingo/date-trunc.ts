import { DateTime, type DurationLikeObject } from 'luxon';
import { evalExpr } from 'mingo/core';
import type { Any, AnyObject, Options } from 'mingo/types';
import { CommandError } from '../errors';

type Unit =
  'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond';
const UNITS: Unit[] = [
  'year',
  'quarter',
  'month',
  'week',
  'day',
  'hour',
  'minute',
  'second',
  'millisecond',
];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

interface TruncSpec {
  date?: unknown;
  unit?: unknown;
  binSize?: unknown;
  timezone?: unknown;
  startOfWeek?: unknown;
}

/**
 * mongod looks zone names up case-sensitively ("europe/paris" is error 40485) where luxon and
 * Intl accept any case; a name that differs from its canonical form by case only is refused.
 */
function spelledAsMongodKnowsIt(zone: string): boolean {
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return /^[+-]\d{2}(:?\d{2})?$/.test(zone);
  }
  return canonical === zone || canonical.toLowerCase() !== zone.toLowerCase();
}

function startOf(dt: DateTime, unit: Unit, weekStart: number): DateTime {
  if (unit !== 'week') return dt.startOf(unit);
  const back = (dt.weekday - weekStart + 7) % 7;
  return dt.startOf('day').minus({ days: back });
}

/** $dateTrunc computed in the requested time zone, with bins counted from 2000-01-01 like MongoDB. */
export function $dateTrunc(obj: AnyObject, expr: Any, options: Options): Any {
  const s = evalExpr(obj, expr, options) as TruncSpec;
  if (s.date === null || s.date === undefined || s.unit === null || s.unit === undefined)
    return null;
  if (!(s.date instanceof Date)) throw new Error("$dateTrunc: 'date' must resolve to a date");
  const unit = s.unit as Unit;
  if (!UNITS.includes(unit)) throw new Error(`$dateTrunc: invalid unit '${String(s.unit)}'`);
  const zone = typeof s.timezone === 'string' ? s.timezone : 'UTC';
  const binSize = s.binSize === undefined || s.binSize === null ? 1 : Number(s.binSize);
  const weekStart =
    WEEKDAYS.indexOf(
      String(s.startOfWeek ?? 'sun')
        .slice(0, 3)
        .toLowerCase(),
    ) + 1;
  const dt = DateTime.fromJSDate(s.date, { zone });
  if (!dt.isValid || !spelledAsMongodKnowsIt(zone)) {
    throw new CommandError(40485, 'Location40485', `unrecognized time zone identifier: "${zone}"`);
  }
  const truncated = startOf(dt, unit, weekStart);
  if (binSize === 1) return truncated.toJSDate();
  // For weeks the reference is the first start-of-week day on or after 2000-01-01.
  const refDay = unit === 'week' ? 7 : 1;
  const ref = startOf(
    DateTime.fromObject({ year: 2000, month: 1, day: refDay }, { zone }),
    unit,
    weekStart,
  );
  const units = Math.round(truncated.diff(ref, unit).as(unit));
  const bin = Math.floor(units / binSize) * binSize;
  const step: DurationLikeObject = { [`${unit}s`]: bin };
  return ref.plus(step).toJSDate();
}
