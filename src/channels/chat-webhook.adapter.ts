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
  timeoutMs?: number;
  userAgent?: string;
}

/** Posts the invitation to the workspace's chat webhook, signed so the receiver can trust it. */
export function createChatWebhookAdapter(options: ChatWebhookAdapterOptions = {}): ChannelAdapter {
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
      const response = await post(message.to, body, timeoutMs, {
        'Content-Type': 'application/json',
        'User-Agent': options.userAgent ?? 'Retour-Webhook/1',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(message.signingSecret, timestamp, body),
        [DELIVERY_HEADER]: delivery,
      });
      if (response.ok) return { providerId: (await idFrom(response)) ?? delivery };
      await response.body?.cancel();
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
  url: string,
  body: string,
  timeoutMs: number,
  headers: Record<string, string>,
): Promise<Response> {
  try {
    // Redirects are not followed: a POST must reach the URL the workspace configured.
    return await fetch(url, {
      method: 'POST',
      body,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new TransientSendError(`Chat webhook unreachable: ${reasonOf(err)}`, 'network');
  }
}

function errorFor(response: Response): Error {
  const status = response.status;
  const text = `Chat webhook answered ${status}`;
  if (status === 408 || status === 429 || status >= 500) {
    return new TransientSendError(
      text,
      status,
      parseRetryAfter(response.headers.get('retry-after')),
    );
  }
  return new PermanentSendError(text, status);
}

async function idFrom(response: Response): Promise<string | undefined> {
  if (!response.headers.get('content-type')?.includes('json')) return undefined;
  try {
    const json: unknown = await response.json();
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

/** fetch hides the socket error (ECONNREFUSED, ...) in `cause`. */
function reasonOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? err.cause.message : err.message;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
