import { z } from 'zod';
import type { PasswordRule } from './password-policy';
import { userInvitation, userPatch, type UserInput, type UserPatch } from './users.schema';

/**
 * The users and account pages' form bodies → the same schemas the JSON API validates with.
 * Errors come back per field as catalogue keys, next to the kept text, so a page can re-fill
 * the form and say what is wrong in the reader's language.
 */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;
export type FormResult<T, F extends string, K> =
  { ok: true; value: T; kept: K } | { ok: false; errors: FieldErrors<F>; kept: K };

/** A form posts strings; anything missing or repeated becomes '' (never a thrown error). */
const text = (max: number) => z.string().max(max).catch('').default('');
const formOf = <S extends z.ZodRawShape>(shape: S) => z.object(shape);

/** "billing, support" or one per line → ['billing', 'support']. */
export function teamsFromText(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** The first problem the schema finds for each top-level field. */
function fieldsWithProblems(error: z.ZodError): Set<string> {
  return new Set(error.issues.map((issue) => String(issue.path[0] ?? '')));
}

const inviteForm = formOf({
  email: text(400),
  name: text(400),
  role: text(20),
  teams: text(3000),
  locale: text(10),
});
export type InviteFields = 'email' | 'name' | 'role' | 'teams' | 'locale';
export type InviteForm = z.output<typeof inviteForm>;

export function parseInvite(body: unknown): FormResult<UserInput, InviteFields, InviteForm> {
  const kept = inviteForm.parse(body ?? {});
  const candidate = {
    email: kept.email.trim(),
    name: kept.name,
    role: kept.role,
    teams: teamsFromText(kept.teams),
    locale: kept.locale || undefined,
  };
  const parsed = userInvitation.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data, kept };
  const bad = fieldsWithProblems(parsed.error);
  const errors: FieldErrors<InviteFields> = {};
  for (const field of ['email', 'name', 'role', 'teams', 'locale'] as const) {
    if (bad.has(field)) errors[field] = `users.error.${field}`;
  }
  return { ok: false, errors, kept };
}

const accessForm = formOf({ role: text(20), teams: text(3000) });
export type AccessFields = 'role' | 'teams';
export type AccessForm = z.output<typeof accessForm>;

/** Role and teams of one person. */
export function parseAccess(body: unknown): FormResult<UserPatch, AccessFields, AccessForm> {
  const kept = accessForm.parse(body ?? {});
  const parsed = userPatch.safeParse({ role: kept.role, teams: teamsFromText(kept.teams) });
  if (parsed.success) return { ok: true, value: parsed.data, kept };
  const bad = fieldsWithProblems(parsed.error);
  const errors: FieldErrors<AccessFields> = {};
  for (const field of ['role', 'teams'] as const) {
    if (bad.has(field)) errors[field] = `users.error.${field}`;
  }
  return { ok: false, errors, kept };
}

/** The deactivate / reactivate buttons post active=false / active=true; anything else is null. */
export function parseActive(body: unknown): boolean | null {
  const { active } = formOf({ active: text(10) }).parse(body ?? {});
  return active === 'true' ? true : active === 'false' ? false : null;
}

const passwordForm = formOf({ current: text(1024), password: text(1024), confirm: text(1024) });
export type PasswordFields = 'current' | 'password' | 'confirm';

export interface PasswordChange {
  current: string;
  password: string;
}

/** What can be told before the current password is checked: missing fields, a mismatch. */
export function parsePasswordChange(
  body: unknown,
): FormResult<PasswordChange, PasswordFields, Record<string, never>> {
  const form = passwordForm.parse(body ?? {});
  const errors: FieldErrors<PasswordFields> = {};
  if (!form.current) errors.current = 'account.error.currentMissing';
  if (!form.password) errors.password = 'account.error.newMissing';
  else if (form.password !== form.confirm) errors.confirm = 'account.error.differ';
  // Passwords are never sent back into the page, even when the form comes back with errors.
  if (Object.keys(errors).length) return { ok: false, errors, kept: {} };
  return { ok: true, value: { current: form.current, password: form.password }, kept: {} };
}

export function passwordRuleKey(rule: PasswordRule): string {
  return `account.rule.${rule}`;
}

/** Which session to end: the handle shown on the account page (sessionHandle). */
export function parseSessionHandle(body: unknown): string | null {
  const { session } = formOf({ session: text(100) }).parse(body ?? {});
  return /^[\w-]{22}$/.test(session) ? session : null;
}
