import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

export interface TwilioHttpClientOptions {
  /** Replaces https://api.twilio.com (e.g. a local fake); path and query are kept. */
  baseUrl?: string;
  timeoutMs?: number;
}

/** The twilio SDK's own HTTP client, pointed at another origin when TWILIO_API_URL is set. */
export class TwilioHttpClient extends twilio.RequestClient {
  private readonly base?: URL;

  constructor(options: TwilioHttpClientOptions = {}) {
    super({ timeout: options.timeoutMs ?? 10_000 });
    this.base = options.baseUrl ? new URL(options.baseUrl) : undefined;
  }

  override async request<TData>(
    opts: RequestClient.RequestOptions<TData>,
  ): Promise<Response<TData>> {
    const uri = this.base ? rebase(opts.uri, this.base) : opts.uri;
    const response = await super.request<TData>({ ...opts, uri });
    return withRetryAfterInDetails(response);
  }
}

export function rebase(uri: string, base: URL): string {
  const original = new URL(uri);
  const target = new URL(base.href);
  target.pathname = base.pathname.replace(/\/+$/, '') + original.pathname;
  target.search = original.search;
  return target.href;
}

/**
 * The SDK's RestException keeps the body but drops the headers, so a 429's Retry-After would be
 * lost; carrying it in the error details lets the adapter honour it.
 */
function withRetryAfterInDetails<T>(response: Response<T>): Response<T> {
  const retryAfter = headerValue(response.headers, 'retry-after');
  const body: unknown = response.body;
  if (response.statusCode < 400 || !retryAfter || !body || typeof body !== 'object') {
    return response;
  }
  const record = body as Record<string, unknown>;
  const details = typeof record.details === 'object' && record.details ? record.details : {};
  response.body = { ...record, details: { ...details, retryAfter } } as T;
  return response;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

export interface TwilioClientOptions {
  accountSid: string;
  /** The account's auth token, or an API key (sid + secret) for the REST calls. */
  authToken?: string;
  apiKeySid?: string;
  apiKeySecret?: string;
  apiUrl?: string;
  timeoutMs?: number;
}

export type TwilioClient = twilio.Twilio;

export function createTwilioClient(options: TwilioClientOptions): TwilioClient {
  const httpClient = new TwilioHttpClient({
    baseUrl: options.apiUrl,
    timeoutMs: options.timeoutMs,
  });
  if (options.apiKeySid && options.apiKeySecret) {
    return twilio(options.apiKeySid, options.apiKeySecret, {
      accountSid: options.accountSid,
      httpClient,
    });
  }
  return twilio(options.accountSid, options.authToken, { httpClient });
}
