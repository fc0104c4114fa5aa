import { PermanentSendError, type ChannelAdapter, type ChannelName } from './channel';

/** Production without provider settings: fail loudly rather than drop messages silently. */
export function createNotConfiguredAdapter(channel: ChannelName, hint: string): ChannelAdapter {
  return {
    channel,
    async send() {
      throw new PermanentSendError(
        `channel not configured: ${channel} (${hint})`,
        'not_configured',
      );
    },
  };
}
