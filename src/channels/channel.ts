import type { ChannelName } from '../shared/channel-names';

export { CHANNELS, type ChannelName } from '../shared/channel-names';

/** What every channel adapter takes and returns; the dispatch worker only knows this. */

export interface OutgoingMessage {
  channel: ChannelName;
  /** E.164 phone for sms/whatsapp, email address for email, webhook URL for chat, '' for link. */
  to: string;
  /** Plain text (SMS, WhatsApp, email text part, chat message). */
  text: string;
  /**
   * WhatsApp outside the session window: an approved Twilio Content template and its variables,
   * sent instead of `text`.
   */
  content?: { sid: string; variables: Record<string, string> };
  /** Email only. */
  subject?: string;
  html?: string;
  headers?: Record<string, string>;
  /** The survey link in the message; used to find a send again after a crash. */
  link: string;
  /** Sms/whatsapp: where Twilio posts delivery receipts. */
  statusCallback?: string;
  /** Chat only: HMAC-SHA256 key for the signature header. */
  signingSecret?: string;
  /** Ids the receiving side may want (chat payload, email Message-ID). */
  meta: { workspaceId: string; invitationId: string; surveyType: string; locale: string };
}

export interface SendResult {
  /** Twilio MessageSid, SMTP Message-ID, chat delivery id, or '' for link. */
  providerId: string;
  /** SMS/WhatsApp: GSM-7 or UCS-2 segments. */
  segments?: number;
  encoding?: 'GSM-7' | 'UCS-2';
}

/** Worth retrying with backoff: 429, 5xx, timeouts, connection errors. */
export class TransientSendError extends Error {
  constructor(
    message: string,
    readonly code?: string | number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransientSendError';
  }
}

/** Retrying cannot help: invalid number (21211), unsubscribed recipient (21610), 4xx. */
export class PermanentSendError extends Error {
  constructor(
    message: string,
    readonly code: string | number,
    /** True when the provider says the recipient opted out (Twilio 21610). */
    readonly optedOut = false,
  ) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

export interface ChannelAdapter {
  readonly channel: ChannelName;
  /** SMS/WhatsApp: the fixed sender number, when there is one (not a Messaging Service's pool). */
  readonly sender?: string;
  send(message: OutgoingMessage): Promise<SendResult>;
  /**
   * After a crash between "sending" and the provider's answer: did a message with this link
   * already go to this recipient since `since`? Returns its provider id, or null when none did.
   * Adapters that cannot tell return undefined.
   */
  findSent?(to: string, link: string, since: Date): Promise<string | null | undefined>;
}

export type ChannelAdapters = Record<ChannelName, ChannelAdapter>;
