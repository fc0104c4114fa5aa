import { DateTime, IANAZone } from 'luxon';

export interface QuietHours {
  /** Local wall time "HH:mm" when quiet hours begin (inclusive). */
  start: string;
  /** Local wall time "HH:mm" when sending may resume (exclusive end of the window). */
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '09:00' };

export function isValidTimezone(tz: string): boolean {
  return tz.trim() !== '' && IANAZone.isValidZone(tz);
}

/**
 * Moves a send that would land inside quiet hours (local time in `timezone`) to the next end of
 * the window. The window may wrap midnight (21:00–09:00) or not (12:00–14:00); start == end means
 * no quiet hours. Wall times are resolved by luxon, so DST changes are handled.
 */
export function applyQuietHours(
  at: Date,
  timezone: string,
  quiet: QuietHours = DEFAULT_QUIET_HOURS,
): { sendAt: Date; deferred: boolean } {
  if (!isValidTimezone(timezone)) throw new RangeError(`invalid timezone "${timezone}"`);
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  const local = DateTime.fromJSDate(at, { zone: timezone });
  const now = local.hour * 60 + local.minute;
  if (!isQuietMinute(now, start, end)) return { sendAt: at, deferred: false };

  const endIsTomorrow = start > end && now >= start;
  const day = endIsTomorrow ? local.plus({ days: 1 }) : local;
  const sendAt = nextWallTime(day, end, at);
  // The window's opening minute fell in a spring-forward gap and was shifted into the next quiet
  // period (quiet 02:01–02:00 on the night 02:00 does not exist): wait for the next opening.
  if (isQuietMinute(sendAt.hour * 60 + sendAt.minute, start, end))
    return { sendAt: applyQuietHours(sendAt.toJSDate(), timezone, quiet).sendAt, deferred: true };
  return { sendAt: sendAt.toJSDate(), deferred: true };
}

/** Whether a minute of the day is inside the window [start, end), which may wrap midnight. */
function isQuietMinute(now: number, start: number, end: number): boolean {
  return start > end ? now >= start || now < end : now >= start && now < end;
}

function minutesOfDay(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new RangeError(`invalid time of day "${hhmm}", expected HH:mm`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The first instant after `after` showing `minutes` on the clock of `day`. On a fall-back night
 * that wall time happens twice, so every offset in force around it is tried. A wall time skipped
 * by spring-forward matches no offset; luxon then shifts it forward, which is what we want.
 */
function nextWallTime(day: DateTime, minutes: number, after: Date): DateTime {
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const picked = day.set({ hour, minute, second: 0, millisecond: 0 });
  const wallAsUtc = picked.setZone('utc', { keepLocalTime: true }).toMillis();
  const offsets = new Set([
    picked.minus({ hours: 3 }).offset,
    picked.offset,
    picked.plus({ hours: 3 }).offset,
  ]);
  const occurrences = [...offsets]
    .map((offset) => DateTime.fromMillis(wallAsUtc - offset * 60_000, { zone: day.zone }))
    .filter((c) => c.hour === hour && c.minute === minute && c.day === picked.day)
    .sort((a, b) => a.toMillis() - b.toMillis());
  return occurrences.find((c) => c.toMillis() > after.getTime()) ?? picked;
}
