import { isValidPhoneNumber } from 'libphonenumber-js';
import { z } from 'zod';
import type { InteractionDraft } from '../adapter';

/**
 * Reading provider API answers: a value the interaction schema would refuse is left out, so a
 * badly written phone on record does not cost the survey (the schema is in interactions.schema).
 */
export type Json = Record<string, unknown>;

export function record(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown, max = 200): string | undefined {
  const t =
    typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  return t !== '' && t.length <= max ? t : undefined;
}

const emailSchema = z.email().max(254);
export function email(value: unknown): string | undefined {
  const t = text(value, 254);
  return t && emailSchema.safeParse(t).success ? t : undefined;
}

/** "+33 6 12-34-56 78" → "+33612345678"; a number without country code is left out. */
export function phone(value: unknown): string | undefined {
  const t = text(value, 40)?.replace(/[\s\-().]/g, '');
  return t && /^\+[1-9]\d{6,14}$/.test(t) && isValidPhoneNumber(t) ? t : undefined;
}

export function locale(value: unknown): string | undefined {
  const t = text(value, 35);
  return t && /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(t) ? t : undefined;
}

export function fullName(first: unknown, last: unknown): string | undefined {
  return text([text(first), text(last)].filter(Boolean).join(' '));
}

type Person = Record<string, string | undefined>;

/** Sets the fields that have a value; what the payload already told is kept. */
export function fillCustomer(draft: InteractionDraft, fields: Person): void {
  draft.customer = { ...defined(fields), ...defined(draft.customer as Person) };
}

export function fillAgent(draft: InteractionDraft, fields: Person): void {
  draft.agent = { ...defined(fields), ...defined((draft.agent ?? {}) as Person) };
}

function defined(fields: Readonly<Person>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined),
  );
}
