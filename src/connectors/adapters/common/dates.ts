import { asText } from './json-fields';

/** Any date string Date can read, as the ISO form the interactions API requires. */
export function isoDate(value: unknown): string | undefined {
  const text = asText(value);
  const ms = text === undefined ? NaN : Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Unix seconds (integer or fractional) as an ISO date-time. */
export function unixSecondsToIso(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  const date = new Date(Math.round(value * 1000));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
