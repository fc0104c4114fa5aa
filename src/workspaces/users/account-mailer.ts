import { randomUUID } from 'node:crypto';
import type { ChannelAdapter } from '../../channels/channel';
import type { AccountEmail } from './account-emails';

/** Account emails leave through the email channel: SMTP, or the dev outbox in development. */
export function accountMailer(email: ChannelAdapter, publicUrl: string) {
  const domain = new URL(publicUrl).hostname;
  return async (mail: AccountEmail): Promise<void> => {
    const id = `account-${randomUUID()}`;
    await email.send({
      channel: 'email',
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      link: mail.link,
      headers: { 'Message-ID': `<${id}@${domain}>` },
      meta: {
        workspaceId: mail.workspaceId,
        invitationId: id,
        surveyType: 'account',
        locale: 'en',
      },
    });
  };
}
