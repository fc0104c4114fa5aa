import { z } from 'zod';
import { idString, isoDateTime } from '../../shared/view-schema';
import { API_KEY_SCOPES } from '../api-key';
import { APP_LOCALES } from '../../pages/i18n';
import { ROLES } from '../../shared/roles';

export const userView = z
  .strictObject({
    id: idString,
    workspaceId: idString,
    email: z.string().meta({ example: 'ana@example.com' }),
    name: z.string(),
    role: z.enum(ROLES),
    teams: z.array(z.string()),
    active: z.boolean(),
    locale: z
      .enum(APP_LOCALES)
      .nullable()
      .meta({ description: 'The app language chosen for this person; null: from the browser' }),
    hasPassword: z.boolean(),
    invitedAt: isoDateTime.nullable(),
    lastLoginAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'User' });
export const invitedUser = userView.extend({
  invitationSent: z.boolean().meta({ description: 'Whether the invitation email went out' }),
});
export const userList = z.strictObject({ users: z.array(userView) });

/** GET /api/v1/me: who is calling. */
export const meView = z.strictObject({
  kind: z.enum(['user', 'api-key']),
  workspaceId: idString,
  role: z.enum(ROLES),
  user: z
    .strictObject({ id: idString, email: z.string(), name: z.string(), teams: z.array(z.string()) })
    .nullable(),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  csrfToken: z
    .string()
    .nullable()
    .meta({ description: 'For a session: send it as X-CSRF-Token on unsafe requests' }),
});
