import type { Types } from 'mongoose';
import type { ChannelAdapter } from '../channels/channel';

/**
 * Chat in the interaction's own conversation (an Intercom or Chatwoot connector with API
 * credentials): asked before the workspace's chat webhook. `to` is what the invitation records
 * as its recipient (the interaction's external id).
 */
export interface ConversationChat {
  adapterFor(
    workspaceId: Types.ObjectId,
    interactionId: Types.ObjectId,
  ): Promise<(ChannelAdapter & { to: string }) | null>;
}
