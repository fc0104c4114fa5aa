import type { AppLocale } from './i18n';

/** Dates and numbers as a reader of that language expects them, in the workspace's time zone. */

export type DateStyle = 'date' | 'dateTime' | 'time';

const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  time: { timeStyle: 'short' },
};

function validZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** "12 mars 2026, 14:05" / "Mar 12, 2026, 2:05 PM"; '' for a missing or invalid date. */
export function formatDate(
  value: Date | string | number | null | undefined,
  locale: AppLocale,
  timeZone?: string,
  style: DateStyle = 'dateTime',
): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    ...DATE_OPTIONS[style],
    timeZone: validZone(timeZone),
  }).format(date);
}

/** "1 234,5" / "1,234.5"; '' for something that is not a finite number. */
export function formatNumber(
  value: number | null | undefined,
  locale: AppLocale,
  options: Intl.NumberFormatOptions = {},
): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  return new Intl.NumberFormat(locale, options).format(value);
}
