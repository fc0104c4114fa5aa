import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ContactLookup } from './contacts.service';

/**
 * What one search box of the console looks for, all exact: the text as a customer id, as an
 * email (lower-cased, as contacts store it) when it has an @, and as a phone number when it is
 * one in international form (spaces, dots, dashes and brackets dropped, a leading 00 read as +),
 * normalised to E.164 as the API stores it.
 */
export function contactSearchLookups(raw: string): ContactLookup[] {
  const q = raw.trim();
  if (q === '' || q.length > 320) return [];
  const lookups: ContactLookup[] = [{ externalId: q }];
  if (q.includes('@')) lookups.push({ email: q.toLowerCase() });
  const phone = e164Of(q);
  if (phone) lookups.push({ phone });
  return lookups;
}

/** `+33 6 12 34 56 78`, `0033 6 12 34 56 78` → `+33612345678`; null when no valid number. */
export function e164Of(raw: string): string | null {
  const compact = raw.trim().replace(/[\s.()-]/g, '');
  const plus = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (!/^\+[1-9]\d{6,14}$/.test(plus)) return null;
  const parsed = parsePhoneNumberFromString(plus);
  return parsed?.isValid() ? parsed.number : null;
}
