import { DateTime } from 'luxon';
import type { SurveyKind } from '../reports/score-figures';

export type DigestLocale = 'en' | 'fr';

/** French puts a no-break space before "%" and ":" (so neither starts a line). */
export const NBSP = '\u00a0';

const TAGS: Record<DigestLocale, string> = { en: 'en-GB', fr: 'fr-FR' };
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: DigestLocale, decimals: number, signed: boolean) {
  const key = `${locale}:${decimals}:${signed}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(TAGS[locale], {
      maximumFractionDigits: decimals,
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    numberFormats.set(key, format);
  }
  return format;
}

/** 1,234.5 in English, 1 234,5 in French; at most `decimals` decimals. */
export function formatNumber(locale: DigestLocale, value: number, decimals = 1): string {
  return numberFormat(locale, decimals, false).format(value);
}

/** A number with its sign: +32, -17, 0. */
export function formatSigned(locale: DigestLocale, value: number, decimals = 1): string {
  return numberFormat(locale, decimals, true).format(value);
}

/** 71.4% in English, 71,4 % in French. */
export function formatPercent(locale: DigestLocale, value: number, decimals = 1): string {
  const n = formatNumber(locale, value, decimals);
  return locale === 'fr' ? `${n}${NBSP}%` : `${n}%`;
}

/** "label: value" with the French space before the colon. */
export function colon(locale: DigestLocale, label: string): string {
  return locale === 'fr' ? `${label}${NBSP}:` : `${label}:`;
}

/** A score in its own unit: NPS signed whole points, CSAT a percentage, CES two decimals. */
export function formatScore(locale: DigestLocale, type: SurveyKind, value: number): string {
  if (type === 'nps') return formatSigned(locale, value, 0);
  if (type === 'csat') return formatPercent(locale, value, 1);
  return formatNumber(locale, value, 2);
}

/** A difference between two scores (periods, or agent and team), always signed. */
export function formatDifference(locale: DigestLocale, type: SurveyKind, value: number): string {
  return formatSigned(locale, value, type === 'ces' ? 2 : 1);
}

const INTERVAL: Record<DigestLocale, { label: string; to: string }> = {
  en: { label: '95% interval', to: 'to' },
  fr: { label: `IC 95${NBSP}%`, to: 'à' },
};

/** "95% interval: +21 to +43" / "IC 95 % : +21 à +43". */
export function formatInterval(
  locale: DigestLocale,
  bounds: [number, number],
  format: (v: number) => string,
): string {
  const { label, to } = INTERVAL[locale];
  return `${colon(locale, label)} ${format(bounds[0])} ${to} ${format(bounds[1])}`;
}

/** "NPS +32 (IC 95 % : +21 à +43)"; without an interval, the score alone. */
export function formatHeadline(
  locale: DigestLocale,
  type: SurveyKind,
  label: string,
  score: number | null,
  ci95: [number, number] | null,
): string {
  if (score === null) return `${label} –`;
  const format = (v: number) => formatScore(locale, type, type === 'nps' ? Math.round(v) : v);
  const interval = ci95 ? ` (${formatInterval(locale, ci95, format)})` : '';
  return `${label} ${format(score)}${interval}`;
}

const UNITS: Record<DigestLocale, { d: string; h: string; min: string; s: string }> = {
  en: { d: 'd', h: 'h', min: 'min', s: 's' },
  fr: { d: 'j', h: 'h', min: 'min', s: 's' },
};

/** A time figure in seconds, to its two largest units: "1 d 3 h", "2 h 10 min", "45 s". */
export function formatDuration(locale: DigestLocale, seconds: number): string {
  const u = UNITS[locale];
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}${NBSP}${u.s}`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes}${NBSP}${u.min}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? `${hours}${NBSP}${u.h} ${rest}${NBSP}${u.min}` : `${hours}${NBSP}${u.h}`;
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${days}${NBSP}${u.d} ${rest}${NBSP}${u.h}` : `${days}${NBSP}${u.d}`;
}

/** "19 October 2026" / "19 octobre 2026", the day as seen in `zone`. */
export function formatDay(locale: DigestLocale, date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).setLocale(TAGS[locale]).toFormat('d MMMM yyyy');
}
