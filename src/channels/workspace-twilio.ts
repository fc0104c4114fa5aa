import type { ChannelAdapters } from './channel';
import type { TwilioAccount } from './twilio-account';
import { createTwilioAdapter } from './twilio.adapter';
import { createTwilioClient, type TwilioClient } from './twilio-http-client';

export interface WorkspaceTwilioOptions {
  /** The installation's adapters, for workspaces without their own account. */
  defaults: ChannelAdapters;
  /** TWILIO_API_URL: every account's REST calls go there (a local fake in tests). */
  apiUrl?: string;
}

interface Cached {
  revision: string;
  client: TwilioClient;
  adapters: ChannelAdapters;
}

/**
 * Each workspace with its own Twilio account sends through its own client, built once and
 * kept until the account's revision changes (or invalidate is called after a change).
 */
export function createWorkspaceTwilio(options: WorkspaceTwilioOptions) {
  const cache = new Map<string, Cached>();

  const clientFor = (account: TwilioAccount): TwilioClient =>
    createTwilioClient({
      accountSid: account.accountSid,
      authToken: account.authToken,
      apiKeySid: account.apiKeySid,
      apiKeySecret: account.apiKeySecret,
      apiUrl: options.apiUrl,
    });

  const build = (account: TwilioAccount): Cached => {
    const client = clientFor(account);
    const senders = {
      client,
      from: account.smsFrom,
      whatsappFrom: account.whatsappFrom,
      messagingServiceSid: account.messagingServiceSid,
    };
    return {
      revision: account.revision,
      client,
      adapters: {
        ...options.defaults,
        sms: createTwilioAdapter('sms', senders),
        whatsapp: createTwilioAdapter('whatsapp', senders),
      },
    };
  };

  return {
    /** The adapters a send for this workspace goes through. */
    adaptersFor(workspaceId: string, account: TwilioAccount | null | undefined): ChannelAdapters {
      if (!account) {
        // Back on the installation's account: the workspace's own client is dropped.
        cache.delete(workspaceId);
        return options.defaults;
      }
      const hit = cache.get(workspaceId);
      if (hit && hit.revision === account.revision) return hit.adapters;
      const built = build(account);
      cache.set(workspaceId, built);
      return built.adapters;
    },

    /** A fresh client (never cached): the credentials check uses the ones being checked. */
    clientFor,

    invalidate(workspaceId: string): void {
      cache.delete(workspaceId);
    },
  };
}

export type WorkspaceTwilio = ReturnType<typeof createWorkspaceTwilio>;
