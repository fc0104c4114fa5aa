import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import type { TwilioAccount } from '../channels/twilio-account';
import { AppError } from '../shared/errors';
import type { SecretBox } from '../shared/secrets';
import type { TwilioSettingsInput } from './workspaces.schema';

/** How a workspace's own Twilio account is stored: the token and key secret encrypted. */
export interface StoredTwilio {
  accountSid: string;
  authToken?: string | null;
  authTokenLast4?: string | null;
  apiKeySid?: string | null;
  apiKeySecret?: string | null;
  apiKeySecretLast4?: string | null;
  messagingServiceSid?: string | null;
  smsFrom?: string | null;
  whatsappFrom?: string | null;
  revision: string;
}

/** What the API shows of it: never a secret, only its last four characters. */
export interface TwilioSettingsView {
  accountSid: string;
  authTokenLast4: string | null;
  apiKeySid: string | null;
  apiKeySecretLast4: string | null;
  messagingServiceSid: string | null;
  smsFrom: string | null;
  whatsappFrom: string | null;
}

const contextOf = (workspaceId: Types.ObjectId, field: 'authToken' | 'apiKeySecret') =>
  `workspace:${String(workspaceId)}:twilio:${field}`;

const last4 = (secret: string) => secret.slice(-4);

/**
 * The stored form of a PATCH's `twilio` object. A secret left out is kept from the stored
 * account when it names the same account (and key): changing a sender needs no retyped token.
 */
export function sealTwilio(
  box: SecretBox | undefined,
  workspaceId: Types.ObjectId,
  input: TwilioSettingsInput,
  stored: StoredTwilio | null | undefined,
): StoredTwilio {
  if (!box) throw new Error('per-workspace Twilio credentials need the secrets keyring');
  const sameAccount = stored?.accountSid === input.accountSid;
  const sameKey = sameAccount && !!input.apiKeySid && stored?.apiKeySid === input.apiKeySid;
  const authToken = input.authToken
    ? {
        authToken: box.encrypt(input.authToken, contextOf(workspaceId, 'authToken')),
        authTokenLast4: last4(input.authToken),
      }
    : sameAccount && stored?.authToken
      ? { authToken: stored.authToken, authTokenLast4: stored.authTokenLast4 ?? null }
      : { authToken: null, authTokenLast4: null };
  const apiKey = !input.apiKeySid
    ? { apiKeySid: null, apiKeySecret: null, apiKeySecretLast4: null }
    : input.apiKeySecret
      ? {
          apiKeySid: input.apiKeySid,
          apiKeySecret: box.encrypt(input.apiKeySecret, contextOf(workspaceId, 'apiKeySecret')),
          apiKeySecretLast4: last4(input.apiKeySecret),
        }
      : sameKey && stored?.apiKeySecret
        ? {
            apiKeySid: input.apiKeySid,
            apiKeySecret: stored.apiKeySecret,
            apiKeySecretLast4: stored.apiKeySecretLast4 ?? null,
          }
        : null;
  if (!apiKey) {
    throw AppError.badRequest('The Twilio settings are invalid.', [
      { path: 'twilio.apiKeySecret', message: 'is required with a new apiKeySid' },
    ]);
  }
  if (!authToken.authToken && !apiKey.apiKeySid) {
    throw AppError.badRequest('The Twilio settings are invalid.', [
      { path: 'twilio.authToken', message: 'is required (or apiKeySid and apiKeySecret)' },
    ]);
  }
  return {
    accountSid: input.accountSid,
    ...authToken,
    ...apiKey,
    messagingServiceSid: input.messagingServiceSid ?? null,
    smsFrom: input.smsFrom ?? null,
    whatsappFrom: input.whatsappFrom ?? null,
    revision: randomBytes(8).toString('hex'),
  };
}

export function twilioView(stored: StoredTwilio | null | undefined): TwilioSettingsView | null {
  if (!stored?.accountSid) return null;
  return {
    accountSid: stored.accountSid,
    authTokenLast4: stored.authTokenLast4 ?? null,
    apiKeySid: stored.apiKeySid ?? null,
    apiKeySecretLast4: stored.apiKeySecretLast4 ?? null,
    messagingServiceSid: stored.messagingServiceSid ?? null,
    smsFrom: stored.smsFrom ?? null,
    whatsappFrom: stored.whatsappFrom ?? null,
  };
}

/** The decrypted account, for sending and for checking webhook signatures. */
export function openTwilio(
  box: SecretBox | undefined,
  workspaceId: Types.ObjectId,
  stored: StoredTwilio | null | undefined,
): TwilioAccount | null {
  if (!stored?.accountSid) return null;
  if (!box) throw new Error('per-workspace Twilio credentials need the secrets keyring');
  const open = (value: string | null | undefined, field: 'authToken' | 'apiKeySecret') =>
    value ? box.decrypt(value, contextOf(workspaceId, field)) : undefined;
  return {
    accountSid: stored.accountSid,
    authToken: open(stored.authToken, 'authToken'),
    apiKeySid: stored.apiKeySid ?? undefined,
    apiKeySecret: open(stored.apiKeySecret, 'apiKeySecret'),
    messagingServiceSid: stored.messagingServiceSid ?? undefined,
    smsFrom: stored.smsFrom ?? undefined,
    whatsappFrom: stored.whatsappFrom ?? undefined,
    revision: stored.revision,
  };
}

/** Re-encrypts the stored secrets with the current key; returns the new form, or null if current. */
export function reencryptTwilio(
  box: SecretBox,
  workspaceId: Types.ObjectId,
  stored: StoredTwilio,
): StoredTwilio | null {
  const stale = (v: string | null | undefined) => !!v && box.keyIdOf(v) !== box.currentKeyId;
  if (!stale(stored.authToken) && !stale(stored.apiKeySecret)) return null;
  const again = (v: string | null | undefined, field: 'authToken' | 'apiKeySecret') =>
    v
      ? box.encrypt(box.decrypt(v, contextOf(workspaceId, field)), contextOf(workspaceId, field))
      : null;
  return {
    ...stored,
    authToken: again(stored.authToken, 'authToken'),
    apiKeySecret: again(stored.apiKeySecret, 'apiKeySecret'),
  };
}
