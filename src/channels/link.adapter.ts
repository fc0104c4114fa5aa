import type { ChannelAdapter } from './channel';

/** The caller posts the link itself (the trigger API returns it), so nothing leaves Retour. */
export function createLinkAdapter(): ChannelAdapter {
  return {
    channel: 'link',
    async send() {
      return { providerId: '' };
    },
    async findSent() {
      return undefined;
    },
  };
}
