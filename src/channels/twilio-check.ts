import type { TwilioAccount } from './twilio-account';
import type { TwilioClient } from './twilio-http-client';

export interface TwilioCheckProblem {
  /** The setting at fault, as named in PATCH /api/v1/workspace's `twilio` object. */
  field: string;
  message: string;
}

export interface TwilioCheckResult {
  ok: boolean;
  accountSid: string;
  friendlyName: string | null;
  status: string | null;
  problems: TwilioCheckProblem[];
}

interface ApiError {
  status?: number;
  code?: number;
  message?: string;
}

const apiError = (err: unknown): ApiError =>
  typeof err === 'object' && err !== null ? (err as ApiError) : {};

/**
 * Asks Twilio about an account: can these credentials read it, are the senders its own and
 * able to send. Every problem is said in words an admin can act on.
 */
export async function checkTwilioAccount(
  client: TwilioClient,
  account: TwilioAccount,
): Promise<TwilioCheckResult> {
  const problems: TwilioCheckProblem[] = [];
  const result = (friendlyName: string | null, status: string | null): TwilioCheckResult => ({
    ok: problems.length === 0,
    accountSid: account.accountSid,
    friendlyName,
    status,
    problems,
  });
  const credentials = account.apiKeySid ? 'apiKeySecret' : 'authToken';

  let fetched: { friendlyName: string; status: string };
  try {
    fetched = await client.api.v2010.accounts(account.accountSid).fetch();
  } catch (err) {
    const e = apiError(err);
    problems.push({
      field: e.status === 401 || e.status === 404 ? credentials : 'accountSid',
      message:
        e.status === 401
          ? `Twilio refused the credentials (error ${e.code ?? 20003}): the ${account.apiKeySid ? 'API key or its secret' : 'auth token'} is wrong for account ${account.accountSid}, or the key belongs to another account.`
          : e.status === 404
            ? `Twilio knows no account ${account.accountSid} reachable with these credentials.`
            : `Twilio could not be asked about the account: ${e.message ?? String(err)}.`,
    });
    return result(null, null);
  }
  if (fetched.status !== 'active') {
    problems.push({
      field: 'accountSid',
      message: `The account is ${fetched.status}: Twilio sends nothing from it until it is active again.`,
    });
  }
  if (!account.authToken) {
    problems.push({
      field: 'authToken',
      message:
        "No auth token: Twilio signs webhooks with the account's auth token (never with an API key), so this workspace's delivery receipts and replies are refused until authToken is set.",
    });
  }

  const senders: { field: 'smsFrom' | 'whatsappFrom'; number: string }[] = [];
  if (account.smsFrom) senders.push({ field: 'smsFrom', number: account.smsFrom });
  if (account.whatsappFrom) senders.push({ field: 'whatsappFrom', number: account.whatsappFrom });
  for (const { field, number } of senders) {
    const found = await client.api.v2010
      .accounts(account.accountSid)
      .incomingPhoneNumbers.list({ phoneNumber: number, limit: 1 });
    const owned = found[0];
    if (!owned) {
      problems.push({
        field,
        message: `${number} is not a phone number of account ${account.accountSid}.`,
      });
    } else if (field === 'smsFrom' && !owned.capabilities?.sms) {
      problems.push({
        field,
        message: `${number} belongs to the account but has no SMS capability: it cannot send SMS.`,
      });
    }
  }

  if (account.messagingServiceSid) {
    try {
      await client.messaging.v1.services(account.messagingServiceSid).fetch();
    } catch (err) {
      const e = apiError(err);
      problems.push({
        field: 'messagingServiceSid',
        message:
          e.status === 404
            ? `Messaging Service ${account.messagingServiceSid} is not in account ${account.accountSid}.`
            : `Twilio could not be asked about the Messaging Service: ${e.message ?? String(err)}.`,
      });
    }
  }
  return result(fetched.friendlyName, fetched.status);
}
