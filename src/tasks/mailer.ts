import type { ChannelAdapter } from '../channels/channel';

export interface StaffMail {
  to: string;
  subject: string;
  text: string;
  /** Unique per mail, so a resent one keeps its Message-ID. */
  key: string;
  workspaceId: string;
}

/** Emails to staff (escalations, rule notifications) through the email channel adapter. */
export type Mailer = (mail: StaffMail) => Promise<void>;

export function createMailer(email: ChannelAdapter, publicUrl: string): Mailer {
  const domain = new URL(publicUrl).hostname;
  return async (mail) => {
    await email.send({
      channel: 'email',
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'Message-ID': `<${mail.key}@${domain}>` },
      link: publicUrl,
      meta: { workspaceId: mail.workspaceId, invitationId: mail.key, surveyType: '', locale: 'en' },
    });
  };
}
