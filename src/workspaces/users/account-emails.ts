import type { WorkspaceView } from '../workspaces.service';
import { describeWait } from './login-backoff';
import { TOKEN_LIFETIME_MS } from './one-time-token';

/** Plain-text account emails (invitation, password reset); English for now. */
export interface AccountEmail {
  workspaceId: string;
  to: string;
  subject: string;
  text: string;
  link: string;
}

const days = (ms: number) => Math.round(ms / 86_400_000);

export function inviteEmail(
  user: { name: string; email: string; role: string },
  ws: WorkspaceView,
  link: string,
  publicUrl: string,
): AccountEmail {
  return {
    workspaceId: ws.id,
    to: user.email,
    subject: `You are invited to ${ws.name} on Retour`,
    text: [
      `Hello ${user.name},`,
      '',
      `You have been invited to the ${ws.name} workspace on Retour as ${user.role}.`,
      `Choose your password within ${days(TOKEN_LIFETIME_MS.invite)} days with this link (it works once):`,
      '',
      link,
      '',
      `Then sign in at ${publicUrl}/login with ${user.email}.`,
    ].join('\n'),
    link,
  };
}

export function resetEmail(
  user: { name: string; email: string },
  ws: { id: string; name: string },
  link: string,
): AccountEmail {
  return {
    workspaceId: ws.id,
    to: user.email,
    subject: 'Reset your Retour password',
    text: [
      `Hello ${user.name},`,
      '',
      `Someone, hopefully you, asked to reset your password for the ${ws.name} workspace on Retour.`,
      `Choose a new password within ${describeWait(TOKEN_LIFETIME_MS.reset)} with this link (it works once):`,
      '',
      link,
      '',
      'If you did not ask, ignore this email: your password stays as it is.',
    ].join('\n'),
    link,
  };
}
