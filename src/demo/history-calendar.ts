import { DateTime } from 'luxon';
import type { Rng } from './prng';

/** Contacts per weekday (ISO 1 = Monday … 7 = Sunday): Monday's backlog, quiet Sundays. */
export const WEEKDAY_VOLUME = [0, 1.25, 1.1, 1.0, 1.0, 0.95, 0.45, 0.2] as const;

type Weights = readonly (readonly [number, number])[];
/** Local hours of contact: office-hours peaks at 10–11 and 14–16, a little at lunch and night. */
const WORKDAY_HOURS: Weights = [
  [7, 1],
  [8, 4],
  [9, 9],
  [10, 12],
  [11, 11],
  [12, 6],
  [13, 6],
  [14, 10],
  [15, 10],
  [16, 8],
  [17, 6],
  [18, 4],
  [19, 2],
  [20, 1.5],
  [21, 1],
];
const WEEKEND_HOURS: Weights = [
  [9, 3],
  [10, 5],
  [11, 5],
  [12, 3],
  [14, 3],
  [15, 3],
  [16, 3],
  [17, 2],
  [18, 1],
];
const EVENING_HOURS: Weights = [
  [19, 3],
  [20, 4],
  [21, 3],
  [22, 1],
];

/**
 * One local day of the history. Wall-clock hours are resolved by luxon in the zone once per
 * hour used (a DST day has its real 23 or 25 hours), not once per event: luxon is the slow part.
 */
export class LocalDay {
  readonly weekday: number;
  /** Monday 00:00 of this day's week, epoch ms. */
  readonly weekStartMs: number;
  private readonly hours = new Map<number, number>();

  constructor(readonly start: DateTime) {
    this.weekday = start.weekday;
    this.weekStartMs = start.startOf('week').toMillis();
  }

  get startMs(): number {
    return this.start.toMillis();
  }

  /** The instant of hh:00 local time on this day. */
  hourStart(hour: number): number {
    let at = this.hours.get(hour);
    if (at === undefined) {
      at = this.start.set({ hour }).toMillis();
      this.hours.set(hour, at);
    }
    return at;
  }
}

/** The local days of the history: `weeks` × 7 days back from `now`, oldest first. */
export function historyDays(now: Date, weeks: number, zone: string): LocalDay[] {
  const end = DateTime.fromJSDate(now, { zone });
  const first = end.minus({ days: weeks * 7 }).startOf('day');
  const days: LocalDay[] = [];
  for (let day = first; day <= end; day = day.plus({ days: 1 })) days.push(new LocalDay(day));
  return days;
}

/** Monday 00:00 (local) of the week holding `at`, epoch ms. */
export function weekStartOf(at: Date, zone: string): number {
  return DateTime.fromJSDate(at, { zone }).startOf('week').toMillis();
}

/** An instant on `day` at a local hour drawn from the office-hours profile, and that hour. */
export function contactTime(day: LocalDay, rng: Rng): { at: Date; hour: number } {
  const hour = rng.weighted(day.weekday >= 6 ? WEEKEND_HOURS : WORKDAY_HOURS);
  return { at: new Date(day.hourStart(hour) + rng.int(0, 3599) * 1000), hour };
}

/**
 * How long after a send at local `hour` of `day` the customer answers: most within the hour,
 * some in the evening at home, some only after the next-day reminder.
 */
export function answerDelayMs(
  sentAt: Date,
  day: LocalDay,
  hour: number,
  reminderDelayMs: number,
  rng: Rng,
): number {
  const roll = rng.next();
  if (roll < 0.62) return Math.round(rng.logNormal(9, 55) * 60_000);
  if (roll < 0.85 && hour < 18) {
    const evening = day.hourStart(rng.weighted(EVENING_HOURS)) + rng.int(0, 3599) * 1000;
    return evening - sentAt.getTime();
  }
  return reminderDelayMs + Math.round(rng.logNormal(25, 240) * 60_000);
}
