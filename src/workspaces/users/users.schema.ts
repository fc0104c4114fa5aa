import { z } from 'zod';
import { objectIdParam } from '../workspaces.schema';
import { APP_LOCALES } from '../../pages/i18n';
import { ROLES } from '../../shared/roles';

export { objectIdParam };

const teams = z
  .array(z.string().trim().min(1).max(100))
  .max(20)
  .transform((list) => [...new Set(list)]);

export const userInput = z
  .object({
    email: z.email().max(254).toLowerCase(),
    name: z.string().trim().min(1).max(120),
    role: z.enum(ROLES),
    teams: teams.default([]),
    /** The language of their pages and emails, the invitation first; null: from the browser. */
    locale: z.enum(APP_LOCALES).nullable().optional(),
    /** Only from the CLI or tests; the API invites by email instead. */
    password: z.string().optional(),
  })
  .strict();
export type UserInput = z.input<typeof userInput>;

/** POST /api/v1/users: the API invites by email, it never sets a password. */
export const userInvitation = userInput.omit({ password: true });

export const userPatch = z
  .object({
    name: z.string().trim().min(1).max(120),
    role: z.enum(ROLES),
    teams,
    active: z.boolean(),
    /** The app language of this person; null: from the browser's Accept-Language. */
    locale: z.enum(APP_LOCALES).nullable(),
  })
  .partial()
  .strict();
export type UserPatch = z.input<typeof userPatch>;

export const userListQuery = z
  .object({
    role: z.enum(ROLES).optional(),
    team: z.string().trim().min(1).max(100).optional(),
    active: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  })
  .strict();

/** Form fields of the sign-in pages (urlencoded; anything missing becomes ''). */
const field = (max: number) =>
  z
    .string()
    .max(max)
    .catch('')
    .default('')
    .transform((v) => v.trim());
export const loginForm = z.object({
  email: field(254),
  password: z.string().max(1024).catch('').default(''),
  workspace: field(100),
  next: field(2000),
});
export const forgotForm = z.object({ email: field(254), workspace: field(100) });
/** The language switcher in the page header. */
export const localeForm = z.object({ locale: z.enum(APP_LOCALES), next: field(2000) });
export const resetForm = z.object({
  password: z.string().max(1024).catch('').default(''),
  confirm: z.string().max(1024).catch('').default(''),
});
