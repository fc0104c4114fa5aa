/** A workspace's own Twilio account, decrypted, as sending and webhook checks need it. */
export interface TwilioAccount {
  accountSid: string;
  /**
   * The account's auth token: authenticates REST calls when there is no API key, and is what
   * Twilio signs webhooks with (an API key never signs them).
   */
  authToken?: string;
  apiKeySid?: string;
  apiKeySecret?: string;
  messagingServiceSid?: string;
  smsFrom?: string;
  whatsappFrom?: string;
  /** Changes whenever the credentials or senders change: cached clients are keyed by it. */
  revision: string;
}
