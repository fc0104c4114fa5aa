import { isAppLocale, translator, type AppLocale } from '../../pages/i18n';
import type { WorkspaceView } from '../workspaces.service';
import { waitMinutes } from './login-backoff';
import { TOKEN_LIFETIME_MS } from './one-time-token';

/** Plain-text account emails (invitation, password reset), in the recipient's app language. */
export interface AccountEmail {
  workspaceId: string;
  to: string;
  subject: string;
  text: string;
  link: string;
}

const days = (ms: number) => Math.round(ms / 86_400_000);

/** The person's chosen language, else the workspace's default, else English. */
export function emailLocale(
  user: { locale?: string | null },
  ws: { defaultLocale?: string | null },
): AppLocale {
  if (isAppLocale(user.locale)) return user.locale;
  return isAppLocale(ws.defaultLocale) ? ws.defaultLocale : 'en';
}

export function inviteEmail(
  user: { name: string; email: string; role: string; locale?: string | null },
  ws: WorkspaceView,
  link: string,
  publicUrl: string,
): AccountEmail {
  const t = translator(emailLocale(user, ws));
  return {
    workspaceId: ws.id,
    to: user.email,
    subject: t('email.invite.subject', { workspace: ws.name }),
    text: [
      t('email.greeting', { name: user.name }),
      '',
      t('email.invite.body', {
        workspace: ws.name,
        role: t(`roles.${user.role}`, { defaultValue: user.role }).toLowerCase(),
      }),
      t('email.invite.choose', { count: days(TOKEN_LIFETIME_MS.invite) }),
      '',
      link,
      '',
      t('email.invite.signIn', { url: `${publicUrl}/login`, email: user.email }),
    ].join('\n'),
    link,
  };
}

export function resetEmail(
  user: { name: string; email: string; locale?: string | null },
  ws: { id: string; name: string; defaultLocale?: string | null },
  link: string,
): AccountEmail {
  const t = translator(emailLocale(user, ws));
  return {
    workspaceId: ws.id,
    to: user.email,
    subject: t('email.reset.subject'),
    text: [
      t('email.greeting', { name: user.name }),
      '',
      t('email.reset.body', { workspace: ws.name }),
      t('email.reset.choose', {
        wait: t('auth.wait.minutes', { count: waitMinutes(TOKEN_LIFETIME_MS.reset) }),
      }),
      '',
      link,
      '',
      t('email.reset.ignore'),
    ].join('\n'),
    link,
  };
}
