import { z } from 'zod';

/**
 * The canonical IANA name of a zone as typed ("europe/paris" → "Europe/Paris", "Etc/UTC" →
 * "UTC"), or null when there is no such zone. Browsers and luxon accept any spelling, but
 * MongoDB's date operators match zone names case-sensitively (error 40485), so only the
 * canonical name is ever stored.
 */
export function canonicalTimeZone(tz: string): string | null {
  const trimmed = tz.trim();
  if (trimmed === '') return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** An IANA time zone field, stored under its canonical name. */
export const timeZoneField = z
  .string()
  .transform((tz, ctx) => {
    const canonical = canonicalTimeZone(tz);
    if (canonical === null) {
      ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Paris' });
      return z.NEVER;
    }
    return canonical;
  })
  .meta({ description: 'An IANA time zone', example: 'Europe/Paris' });
