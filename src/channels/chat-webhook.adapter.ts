import {
  OutboundBlockedError,
  OutboundTooLargeError,
  type OutboundClient,
  type OutboundResponse,
} from '../shared/outbound';
import type { ChannelAdapter, OutgoingMessage, SendResult } from './channel';
import { PermanentSendError, TransientSendError } from './channel';
import { parseRetryAfter } from './retry-after';
import {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
} from './webhook-signature';

export interface ChatWebhookAdapterOptions {
  /** The SSRF-guarded client: internal addresses are refused at connect time. */
  outbound: OutboundClient;
  timeoutMs?: number;
  userAgent?: string;
}

/** Posts the invitation to the workspace's chat webhook, signed so the receiver can trust it. */
export function createChatWebhookAdapter(options: ChatWebhookAdapterOptions): ChannelAdapter {
  const timeoutMs = options.timeoutMs ?? 10_000;

  return {
    channel: 'chat',

    async send(message: OutgoingMessage): Promise<SendResult> {
      if (!message.signingSecret) {
        throw new PermanentSendError('The chat webhook has no signing secret', 'not_configured');
      }
      if (!isHttpUrl(message.to)) {
        throw new PermanentSendError(`Invalid chat webhook URL: ${message.to}`, 'invalid_url');
      }
      const delivery = message.meta.invitationId;
      const body = JSON.stringify(payloadOf(message));
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await post(options.outbound, message.to, body, timeoutMs, {
        'Content-Type': 'application/json',
        'User-Agent': options.userAgent ?? 'Retour-Webhook/1',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(message.signingSecret, timestamp, body),
        [DELIVERY_HEADER]: delivery,
      });
      if (response.status >= 200 && response.status < 300) {
        return { providerId: idFrom(response) ?? delivery };
      }
      throw errorFor(response);
    },
  };
}

function payloadOf(message: OutgoingMessage) {
  return {
    type: 'survey.invitation',
    invitationId: message.meta.invitationId,
    workspaceId: message.meta.workspaceId,
    surveyType: message.meta.surveyType,
    locale: message.meta.locale,
    text: message.text,
    link: message.link,
  };
}

async function post(
  outbound: OutboundClient,
  url: string,
  body: string,
  timeoutMs: number,
  headers: Record<string, string>,
): Promise<OutboundResponse> {
  try {
    // Redirects are not followed: a POST must reach the URL the workspace configured.
    return await outbound.request({
      method: 'POST',
      url,
      body,
      headers,
      timeoutMs,
      maxResponseBytes: 64 * 1024,
    });
  } catch (err) {
    if (err instanceof OutboundBlockedError) {
      throw new PermanentSendError(`Chat webhook refused: ${err.message}`, 'blocked_address');
    }
    if (err instanceof OutboundTooLargeError && err.status >= 200 && err.status < 300) {
      return { status: err.status, headers: {}, body: Buffer.alloc(0) };
    }
    throw new TransientSendError(`Chat webhook unreachable: ${(err as Error).message}`, 'network');
  }
}

function errorFor(response: OutboundResponse): Error {
  const status = response.status;
  const text = `Chat webhook answered ${status}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfter = response.headers['retry-after'];
    return new TransientSendError(
      text,
      status,
      parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : null),
    );
  }
  return new PermanentSendError(text, status);
}

function idFrom(response: OutboundResponse): string | undefined {
  if (!response.headers['content-type']?.includes('json')) return undefined;
  try {
    const json: unknown = JSON.parse(response.body.toString('utf8'));
    const id = (json as { id?: unknown } | null)?.id;
    return typeof id === 'string' && id !== ''
      ? id
      : typeof id === 'number'
        ? String(id)
        : undefined;
  } catch {
    return undefined;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
