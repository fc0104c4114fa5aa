import { Duration } from 'luxon';
import { z } from 'zod';

/**
 * Milliseconds for an ISO 8601 duration (PT1H, P1D, P1DT2H30M, PT0S, P1W), or null when the text
 * is not one or is negative. Months and years are accepted at luxon's conventional lengths
 * (30 and 365 days): a survey delay or expiry needs a fixed length, not a calendar date.
 */
export function parseIsoDuration(text: string): number | null {
  // luxon accepts a bare "P" or "PT" as zero and signed parts such as "PT1H-30M"; we do not.
  if (!/\d/.test(text) || text.endsWith('T') || text.includes('-')) return null;
  const duration = Duration.fromISO(text);
  if (!duration.isValid) return null;
  const ms = duration.toMillis();
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

export const isoDuration = z
  .string()
  .refine((text) => parseIsoDuration(text) !== null, {
    message: 'must be an ISO 8601 duration such as PT1H',
  })
  .transform((text) => parseIsoDuration(text) as number)
  .meta({ description: 'An ISO 8601 duration', example: 'PT1H' });
