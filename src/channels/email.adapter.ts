import nodemailer from 'nodemailer';
import type { ChannelAdapter, OutgoingMessage, SendResult } from './channel';
import { PermanentSendError, TransientSendError } from './channel';

export interface EmailAdapterOptions {
  smtpUrl: string;
  from: string;
  /** Right-hand side of Message-IDs, e.g. the PUBLIC_URL host. */
  messageIdDomain?: string;
  timeoutMs?: number;
}

/** Sends over SMTP with nodemailer; one connection per message keeps workers free of pools. */
export function createEmailAdapter(options: EmailAdapterOptions): ChannelAdapter {
  const timeout = options.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: 3 * timeout,
  });
  const domain = options.messageIdDomain ?? 'retour';

  return {
    channel: 'email',

    async send(message: OutgoingMessage): Promise<SendResult> {
      const { messageId, headers } = splitMessageId(message.headers ?? {});
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject ?? '',
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          headers,
          messageId: messageId ?? `<invitation-${message.meta.invitationId}@${domain}>`,
        });
        return { providerId: info.messageId };
      } catch (err) {
        throw toSendError(err);
      }
    },

    async findSent() {
      return undefined;
    },
  };
}

/** A caller may set its own Message-ID (a reminder must not reuse the invitation's). */
function splitMessageId(all: Record<string, string>) {
  const headers: Record<string, string> = {};
  let messageId: string | undefined;
  for (const [name, value] of Object.entries(all)) {
    if (name.toLowerCase() === 'message-id') messageId = value;
    else headers[name] = value;
  }
  return { messageId, headers };
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

function toSendError(err: unknown): Error {
  if (!(err instanceof Error)) return new TransientSendError(String(err));
  const e = err as SmtpError;
  const reason = e.response ?? e.message;
  if (e.responseCode && e.responseCode >= 500) {
    return new PermanentSendError(`SMTP refused: ${reason}`, e.responseCode);
  }
  if (!e.responseCode && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')) {
    return new PermanentSendError(`Message not sendable: ${reason}`, e.code);
  }
  // 4xx replies, refused connections, resets and timeouts may all pass on a later try.
  return new TransientSendError(`SMTP failed: ${reason}`, e.responseCode ?? e.code);
}
