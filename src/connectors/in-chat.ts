import type { Connection, Types } from 'mongoose';
import {
  PermanentSendError,
  TransientSendError,
  type ChannelAdapter,
  type OutgoingMessage,
  type SendResult,
} from '../channels/channel';
import { interactionModel, type InteractionDoc } from '../interactions/interaction.model';
import type { OutboundClient } from '../shared/outbound';
import type { ConnectorsService } from './connectors.service';
import type { ApiCredentials } from './enrichment/enricher';
import { record, text } from './enrichment/fields';
import { providerApi, type ApiAnswer, type ProviderApi } from './enrichment/provider-api';
import { EnrichmentRetryError } from './enrichment/retry-error';
import { chatwootConversationUrl, chatwootHeaders } from './write-back/chatwoot';
import { intercomAdmin, intercomHeaders } from './write-back/intercom';
import { noteHtml } from './write-back/note';
import { writeBackFor } from './write-back/registry';

/** A public reply in one conversation: the provider's message id, or why it refused. */
type PostReply = (
  http: ProviderApi,
  api: ApiCredentials,
  conversationId: string,
  message: string,
) => Promise<{ id: string } | { refused: ApiAnswer & { ok: false } }>;

/**
 * Intercom: `POST /conversations/{id}/reply` `{ message_type: "comment", type: "admin",
 * admin_id, body }` answers the conversation; the reply is its last conversation part.
 */
const intercomReply: PostReply = async (http, api, conversationId, message) => {
  const admin = await intercomAdmin(http, api);
  if ('failed' in admin) return { refused: refusal(admin.failed) };
  const answer = await http.call({
    method: 'POST',
    url: `${api.baseUrl}/conversations/${encodeURIComponent(conversationId)}/reply`,
    headers: intercomHeaders(api),
    body: JSON.stringify({
      message_type: 'comment',
      type: 'admin',
      admin_id: admin.id,
      body: noteHtml(message),
    }),
  });
  if (!answer.ok) return { refused: answer };
  const parts = record(record(answer.json)?.conversation_parts)?.conversation_parts;
  const last = Array.isArray(parts) ? record(parts[parts.length - 1]) : undefined;
  return { id: text(last?.id) ?? `conversation-${conversationId}` };
};

/** Chatwoot: `POST …/conversations/{id}/messages` `{ content, message_type: "outgoing", private: false }`. */
const chatwootReply: PostReply = async (http, api, conversationId, message) => {
  const answer = await http.call({
    method: 'POST',
    url: `${chatwootConversationUrl(api, api.accountId ?? '', conversationId)}/messages`,
    headers: chatwootHeaders(api),
    body: JSON.stringify({ content: message, message_type: 'outgoing', private: false }),
  });
  if (!answer.ok) return { refused: answer };
  const id = record(answer.json)?.id;
  return { id: typeof id === 'number' ? String(id) : (text(id) ?? `message-${conversationId}`) };
};

const REPLIES: Partial<Record<string, { post: PostReply; needsAccount: boolean }>> = {
  intercom: { post: intercomReply, needsAccount: false },
  chatwoot: { post: chatwootReply, needsAccount: true },
};

const refusal = (answer: ApiAnswer): ApiAnswer & { ok: false } =>
  answer.ok ? { ok: false, reason: 'no answer worth reading' } : answer;

/**
 * Chat in the customer's own conversation: for an interaction an Intercom or Chatwoot connector
 * recorded, with API credentials, the survey's chat message is posted there as a public reply
 * instead of going to the workspace's chat webhook.
 */
export function createInChatDelivery(deps: {
  conn: Connection;
  connectors: ConnectorsService;
  outbound: OutboundClient;
}) {
  const Interactions = interactionModel(deps.conn);

  return {
    /** The adapter that replies in this interaction's conversation, or null when it cannot. */
    async adapterFor(
      workspaceId: Types.ObjectId,
      interactionId: Types.ObjectId,
    ): Promise<(ChannelAdapter & { to: string }) | null> {
      const interaction = await Interactions.findOne(
        { _id: interactionId, workspaceId },
        { externalId: 1, connectorId: 1 },
      ).lean<InteractionDoc>();
      if (!interaction?.connectorId) return null;
      const connector = await deps.connectors.openIn(workspaceId, interaction.connectorId);
      const reply = connector && REPLIES[connector.provider];
      const api = connector?.api;
      if (!connector || !reply || !api?.token) return null;
      if (reply.needsAccount && !api.accountId) return null;
      const baseUrl = (api.baseUrl || writeBackFor(connector.provider)?.defaultBaseUrl)?.replace(
        /\/+$/,
        '',
      );
      if (!baseUrl) return null;
      const conversationId = interaction.externalId.slice(interaction.externalId.indexOf(':') + 1);
      const http = providerApi(deps.outbound, connector.provider);
      return {
        channel: 'chat',
        to: interaction.externalId,
        async send(message: OutgoingMessage): Promise<SendResult> {
          let answer;
          try {
            answer = await reply.post(http, { ...api, baseUrl }, conversationId, message.text);
          } catch (err) {
            // 429, 5xx, a timeout: worth another attempt (the chat webhook treats them alike).
            if (err instanceof EnrichmentRetryError)
              throw new TransientSendError(err.message, err.status, err.retryAfterMs);
            throw err;
          }
          if ('refused' in answer) {
            const { reason, status, detail } = answer.refused;
            throw new PermanentSendError(
              `${reason}${detail ? `: ${detail}` : ''}`,
              status ?? 'refused',
            );
          }
          return { providerId: answer.id };
        },
      };
    },
  };
}

export type InChatDelivery = ReturnType<typeof createInChatDelivery>;
