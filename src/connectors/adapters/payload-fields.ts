import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isValidPhoneNumber } from 'libphonenumber-js';

/**
 * Small readers shared by the helpdesk adapters. Helpdesk payloads are loose: placeholders that
 * had no value render as "" (or stay as the literal "{{…}}" when misspelt), phones come as typed
 * by an agent. A value we cannot use is dropped rather than allowed to fail the whole draft: a
 * survey by email is better than no survey because the phone field said "ask reception".
 */

/** A trimmed, non-empty text, or undefined; numbers become text (ids arrive as both). */
export function text(value: unknown, max = 200): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  if (t === '' || /^\{\{.*\}\}$/s.test(t)) return undefined;
  return t.length > max ? t.slice(0, max).trimEnd() : t;
}

/** An E.164 number once spaces, dots, dashes and brackets are removed; anything else is dropped. */
export function phone(value: unknown): string | undefined {
  const t = text(value, 100)?.replace(/[\s.\-()]/g, '');
  if (!t) return undefined;
  const e164 = t.startsWith('00') ? `+${t.slice(2)}` : t;
  return /^\+[1-9]\d{6,14}$/.test(e164) && isValidPhoneNumber(e164) ? e164 : undefined;
}

export function email(value: unknown): string | undefined {
  const t = text(value, 254);
  return t && /^[^\s@"]+@[^\s@"]+\.[^\s@"]+$/.test(t) ? t : undefined;
}

/** A language tag ("fr-FR", "pt_BR", "de"); a language name such as "French" is dropped. */
export function locale(value: unknown): string | undefined {
  const t = text(value, 35);
  return t && /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(t) ? t : undefined;
}

export function fullName(first: unknown, last: unknown): string | undefined {
  return text([text(first), text(last)].filter(Boolean).join(' '));
}

/** Any date string Date can read, as the ISO form the interactions API requires. */
export function isoDate(value: unknown): string | undefined {
  const t = text(value, 100);
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Tags as one comma-separated attribute (attributes hold scalars only). */
export function tagList(tags: readonly string[]): string | undefined {
  const unique = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
  return unique.length > 0 ? unique.join(',').slice(0, 1000) : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type JsonObject = Record<string, unknown>;

export function parseJsonObject(raw: Buffer): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `received` is exactly the base64 HMAC of `message`, compared in constant time. The
 * comparison is on the base64 text, so a header padded with junk that Buffer.from(…, 'base64')
 * would quietly skip does not match.
 */
export function base64HmacMatches(
  algorithm: 'sha1' | 'sha256',
  secret: string,
  message: Buffer,
  received: string,
): boolean {
  const expected = Buffer.from(createHmac(algorithm, secret).update(message).digest('base64'));
  const given = Buffer.from(received.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Equality of two secrets without leaking their length or common prefix through timing. */
export function secretsEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** The record without its undefined entries (drafts stay small and readable in the log). */
export function prune<T extends Record<string, string | undefined>>(
  record: T,
): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: string;
  };
}
