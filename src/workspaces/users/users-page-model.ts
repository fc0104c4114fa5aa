import { APP_LOCALES, translator, type Translate } from '../../pages/i18n';
import { ROLES } from '../../shared/roles';
import type { FieldErrors } from './people-forms';
import type { UserView } from './users.service';

/** What the users pages show of a person and offer in their forms (no express, no mongoose). */
export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

export function roleOptions(t: Translate, selected: string): Option[] {
  return ROLES.map((role) => ({
    value: role,
    label: t(`roles.${role}`),
    selected: role === selected,
  }));
}

/** Each language named in itself ("Français"), as the invitee will read it. */
export function localeOptions(selected: string): Option[] {
  return APP_LOCALES.map((code) => ({
    value: code,
    label: translator(code)('language.name'),
    selected: code === selected,
  }));
}

export type PersonState = 'active' | 'invited' | 'inactive';

export function personState(user: Pick<UserView, 'active' | 'hasPassword'>): PersonState {
  if (!user.active) return 'inactive';
  return user.hasPassword ? 'active' : 'invited';
}

const TONES: Record<PersonState, string> = { active: 'ok', invited: 'warn', inactive: '' };

export function personRow(user: UserView, t: Translate, selfId: string) {
  const state = personState(user);
  return {
    id: user.id,
    href: `/app/users/${user.id}`,
    name: user.name,
    email: user.email,
    role: t(`roles.${user.role}`),
    teams: user.teams.join(', '),
    state,
    stateLabel: t(`users.state.${state}`),
    tone: TONES[state],
    lastLoginAt: user.lastLoginAt,
    invitedAt: user.invitedAt,
    isYou: user.id === selfId,
  };
}

/** Catalogue keys → sentences, for the fields that have a problem. */
export function translatedErrors<F extends string>(
  t: Translate,
  errors: FieldErrors<F> | undefined,
): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const [field, key] of Object.entries(errors ?? {}) as [F, string | undefined][]) {
    if (key) out[field] = t(key);
  }
  return out;
}
