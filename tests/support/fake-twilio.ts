/**
 * A local stand-in for the Twilio REST API, reached over real HTTP through the SDK's httpClient
 * hook: Messages, Accounts, IncomingPhoneNumbers and Messaging Services, for one or more
 * accounts (each with its own auth token and API keys). It records what was sent and can script
 * failures and slow answers.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import twilio from 'twilio';

export interface FakeTwilioMessage {
  sid: string;
  /** The account the message was sent from. */
  accountSid: string;
  to: string;
  from?: string;
  /** For a Content template: its variables' values joined (the fake cannot render the template). */
  body: string;
  statusCallback?: string;
  messagingServiceSid?: string;
  /** A Content template send: its HX… sid and the parsed ContentVariables. */
  contentSid?: string;
  contentVariables?: Record<string, string>;
  /** 'failed' with errorCode 63016 for a free-form WhatsApp body outside the session window. */
  status: 'queued' | 'failed';
  errorCode?: number;
  at: Date;
}

/** WhatsApp's customer service window: free-form only this long after the contact last wrote. */
const WHATSAPP_SESSION_MS = 24 * 3600_000;
const WHATSAPP_OUTSIDE_WINDOW = 63016;

export interface ScriptedFailure {
  status: number;
  code?: number;
  message?: string;
  /** Sent as the Retry-After header (seconds). */
  retryAfter?: number;
}

export interface HeldResponse {
  release(): void;
}

/** A phone number of an account, with what it can do (IncomingPhoneNumbers). */
export interface FakeTwilioNumber {
  phoneNumber: string;
  sms?: boolean;
  mms?: boolean;
  voice?: boolean;
}

export interface FakeTwilioAccountSpec {
  accountSid: string;
  authToken: string;
  friendlyName?: string;
  /** API keys (SK… sid + secret) that authenticate REST calls for this account. */
  apiKeys?: { sid: string; secret: string }[];
  numbers?: FakeTwilioNumber[];
  /** Messaging Services of this account: their sid and the numbers in their sender pool. */
  messagingServices?: { sid: string; senders?: string[] }[];
  /** 'suspended' or 'closed' accounts still answer reads but refuse sends (code 10001). */
  status?: 'active' | 'suspended' | 'closed';
}

export interface FakeTwilio {
  url: string;
  accountSid: string;
  authToken: string;
  /** Another account on the same fake (a second workspace's own Twilio). */
  addAccount(spec: FakeTwilioAccountSpec): void;
  /** Every message Twilio accepted, in order, including ones whose answer never arrived. */
  messages: FakeTwilioMessage[];
  /** Every Messages.json POST, accepted or not. */
  postCount(): number;
  failNext(times: number, failure: ScriptedFailure): void;
  /**
   * A WhatsApp (or SMS) message the contact sends to one of our numbers: the fake opens the
   * session window from `at` (default now) and returns the webhook parameters Twilio would post
   * to the inbound URL.
   */
  inbound(message: { from: string; to: string; body?: string; at?: Date }): Record<string, string>;
  /** What Twilio posts to a message's StatusCallback for its final status (failed + ErrorCode). */
  statusCallbackParams(message: FakeTwilioMessage): Record<string, string>;
  /** The next accepted message is recorded at once, but its answer waits for release(). */
  holdNext(): HeldResponse;
  reset(): void;
  close(): Promise<void>;
}

const API_VERSION = '2010-04-01';

export interface FakeTwilioOptions {
  accountSid?: string;
  authToken?: string;
}

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? `AC${'0'.repeat(31)}1`;
  const authToken = options.authToken ?? 'fake-twilio-auth-token';
  const accounts = new Map<string, FakeTwilioAccountSpec>();
  accounts.set(accountSid, { accountSid, authToken });
  const state = {
    messages: [] as FakeTwilioMessage[],
    posts: 0,
    failures: [] as ScriptedFailure[],
    holds: [] as Hold[],
    pending: new Set<Hold>(),
    /** Last inbound time per "<contact address>|<our address>", both with their whatsapp: prefix. */
    sessions: new Map<string, Date>(),
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) reply(res, 500, twilioError(500, 20500, String(err)));
    });
  });

  const notFound = (res: ServerResponse) =>
    reply(res, 404, twilioError(404, 20404, 'The requested resource was not found'));
  const unauthorized = (res: ServerResponse) =>
    reply(res, 401, twilioError(401, 20003, 'Authentication Error - invalid username'));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake-twilio');
    const service = /^\/v1\/Services\/([^/]+)$/.exec(url.pathname);
    if (service) {
      // messaging.twilio.com: the account is the one the credentials belong to.
      const account = accountOfCredentials(req);
      if (!account) return unauthorized(res);
      const found = account.messagingServices?.find((m) => m.sid === service[1]);
      if (!found || req.method !== 'GET') return notFound(res);
      return reply(res, 200, {
        sid: found.sid,
        account_sid: account.accountSid,
        friendly_name: `Service ${found.sid}`,
        url: `https://messaging.twilio.com/v1/Services/${found.sid}`,
      });
    }
    const route = matchRoute(url.pathname);
    if (!route) return notFound(res);
    const account = accounts.get(route.accountSid);
    if (!account || !authorized(req, account)) return unauthorized(res);
    if (route.resource === 'Account') {
      return req.method === 'GET' ? reply(res, 200, accountResource(account)) : notFound(res);
    }
    if (route.resource === 'IncomingPhoneNumbers') {
      return req.method === 'GET' ? listNumbers(account, url, res) : notFound(res);
    }
    if (req.method === 'POST' && !route.sid) return create(account, req, res);
    if (req.method === 'GET' && !route.sid) return list(account, url, res);
    if (req.method === 'GET' && route.sid) return fetchOne(account, route.sid, res);
    return reply(res, 405, twilioError(405, 20004, 'Method not allowed'));
  }

  /** Basic auth as account sid + auth token, or as one of the account's API keys. */
  function authorized(req: IncomingMessage, account: FakeTwilioAccountSpec): boolean {
    const pairs = [
      [account.accountSid, account.authToken],
      ...(account.apiKeys ?? []).map((k) => [k.sid, k.secret]),
    ];
    return pairs.some(
      ([user, pass]) =>
        req.headers.authorization === `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`,
    );
  }

  function accountOfCredentials(req: IncomingMessage): FakeTwilioAccountSpec | undefined {
    return [...accounts.values()].find((a) => authorized(req, a));
  }

  function listNumbers(account: FakeTwilioAccountSpec, url: URL, res: ServerResponse) {
    const wanted = url.searchParams.get('PhoneNumber');
    const numbers = (account.numbers ?? []).filter((n) => !wanted || n.phoneNumber === wanted);
    const uri = `${url.pathname}?${url.searchParams.toString()}`;
    reply(res, 200, {
      incoming_phone_numbers: numbers.map((n, i) => ({
        sid: `PN${String(i).padStart(32, '0')}`,
        account_sid: account.accountSid,
        phone_number: n.phoneNumber,
        friendly_name: n.phoneNumber,
        capabilities: { sms: !!n.sms, mms: !!n.mms, voice: !!n.voice, fax: false },
      })),
      end: Math.max(numbers.length - 1, 0),
      first_page_uri: uri,
      next_page_uri: null,
      page: 0,
      page_size: 50,
      previous_page_uri: null,
      start: 0,
      uri,
    });
  }

  async function create(account: FakeTwilioAccountSpec, req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    state.posts += 1;
    const failure = state.failures.shift();
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter
        ? { 'Retry-After': String(failure.retryAfter) }
        : {};
      const code = failure.code ?? failure.status * 100;
      return reply(
        res,
        failure.status,
        twilioError(failure.status, code, failure.message),
        headers,
      );
    }
    const invalid = validateCreate(form) ?? validateSender(account, form);
    if (invalid) return reply(res, 400, twilioError(400, invalid.code, invalid.message));

    const contentVariables = parseContentVariables(form.get('ContentVariables'));
    const message: FakeTwilioMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      accountSid: account.accountSid,
      to: form.get('To')!,
      from: form.get('From') ?? undefined,
      body: form.get('Body') ?? Object.values(contentVariables ?? {}).join(' '),
      statusCallback: form.get('StatusCallback') ?? undefined,
      messagingServiceSid: form.get('MessagingServiceSid') ?? undefined,
      contentSid: form.get('ContentSid') ?? undefined,
      contentVariables,
      status: 'queued',
      at: new Date(),
    };
    // Twilio accepts a free-form WhatsApp message outside the window, then fails it (63016).
    if (isWhatsapp(message.to) && !message.contentSid && !insideWindow(message)) {
      message.status = 'failed';
      message.errorCode = WHATSAPP_OUTSIDE_WINDOW;
    }
    state.messages.push(message);
    const answer = () => reply(res, 201, resource(account.accountSid, message, 'created'));
    const hold = state.holds.shift();
    if (!hold) return answer();
    hold.answer = answer;
    state.pending.add(hold);
    if (hold.released) hold.release();
  }

  /** With a Messaging Service the sender is its own pick: any of our numbers the contact wrote to. */
  function insideWindow(m: FakeTwilioMessage): boolean {
    const last = [...state.sessions.entries()]
      .filter(([key]) => key.startsWith(`${m.to}|`) && (!m.from || key === `${m.to}|${m.from}`))
      .map(([, at]) => at.getTime());
    return last.some((at) => Date.now() - at < WHATSAPP_SESSION_MS);
  }

  /** A Messaging Service must be the account's own; a closed account sends nothing. */
  function validateSender(
    account: FakeTwilioAccountSpec,
    form: URLSearchParams,
  ): { code: number; message: string } | undefined {
    if (account.status && account.status !== 'active')
      return { code: 10001, message: 'Account is not active' };
    const ms = form.get('MessagingServiceSid');
    if (ms && account.messagingServices && !account.messagingServices.some((m) => m.sid === ms))
      return { code: 21701, message: `The Messaging Service Sid ${ms} is invalid.` };
    return undefined;
  }

  function list(account: FakeTwilioAccountSpec, url: URL, res: ServerResponse) {
    const q = url.searchParams;
    const after = dateParam(q.get('DateSent>'));
    const before = dateParam(q.get('DateSent<'));
    const pageSize = Math.min(Number(q.get('PageSize') ?? 50) || 50, 1000);
    const found = state.messages
      .filter((m) => m.accountSid === account.accountSid)
      .filter((m) => !q.has('To') || m.to === q.get('To'))
      .filter((m) => !q.has('From') || m.from === q.get('From'))
      .filter((m) => !after || m.at >= after)
      .filter((m) => !before || m.at <= before)
      .reverse()
      .slice(0, pageSize);
    const uri = `${url.pathname}?${q.toString()}`;
    reply(res, 200, {
      messages: found.map((m) => resource(account.accountSid, m, 'listed')),
      end: Math.max(found.length - 1, 0),
      first_page_uri: uri,
      next_page_uri: null,
      page: 0,
      page_size: pageSize,
      previous_page_uri: null,
      start: 0,
      uri,
    });
  }

  function fetchOne(account: FakeTwilioAccountSpec, sid: string, res: ServerResponse) {
    const message = state.messages.find(
      (m) => m.sid === sid && m.accountSid === account.accountSid,
    );
    if (!message) return reply(res, 404, twilioError(404, 20404, `Message ${sid} not found`));
    reply(res, 200, resource(account.accountSid, message, 'listed'));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    addAccount(spec) {
      accounts.set(spec.accountSid, spec);
    },
    messages: state.messages,
    postCount: () => state.posts,
    failNext(times, failure) {
      for (let i = 0; i < times; i++) state.failures.push(failure);
    },
    inbound({ from, to, body = 'Hello', at = new Date() }) {
      state.sessions.set(`${from}|${to}`, at);
      return {
        MessageSid: `SM${randomBytes(16).toString('hex')}`,
        AccountSid: accountSid,
        From: from,
        To: to,
        Body: body,
        NumMedia: '0',
      };
    },
    statusCallbackParams(message) {
      return {
        MessageSid: message.sid,
        AccountSid: message.accountSid,
        From: message.from ?? '',
        To: message.to,
        MessageStatus: message.status === 'failed' ? 'failed' : 'delivered',
        ...(message.errorCode ? { ErrorCode: String(message.errorCode) } : {}),
      };
    },
    holdNext() {
      const hold = new Hold();
      state.holds.push(hold);
      return hold;
    },
    reset() {
      state.messages.length = 0;
      state.posts = 0;
      state.failures.length = 0;
      state.holds.length = 0;
      state.sessions.clear();
    },
    async close() {
      for (const hold of state.pending) hold.release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

class Hold implements HeldResponse {
  released = false;
  answer?: () => void;

  release() {
    this.released = true;
    const answer = this.answer;
    this.answer = undefined;
    answer?.();
  }
}

/** The X-Twilio-Signature Twilio would send when posting `params` to `url`. */
export function signTwilioRequest(
  authToken: string,
  url: string,
  params: Record<string, string>,
): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

type Resource = 'Account' | 'Messages' | 'IncomingPhoneNumbers';

function matchRoute(
  path: string,
): { accountSid: string; resource: Resource; sid?: string } | undefined {
  const account = new RegExp(`^/${API_VERSION}/Accounts/([^/]+)\\.json$`).exec(path);
  if (account) return { accountSid: account[1]!, resource: 'Account' };
  const m = new RegExp(
    `^/${API_VERSION}/Accounts/([^/]+)/(Messages|IncomingPhoneNumbers)(?:/([^/]+))?\\.json$`,
  ).exec(path);
  return m ? { accountSid: m[1]!, resource: m[2] as Resource, sid: m[3] } : undefined;
}

function accountResource(account: FakeTwilioAccountSpec) {
  return {
    sid: account.accountSid,
    friendly_name: account.friendlyName ?? `Account ${account.accountSid}`,
    status: account.status ?? 'active',
    type: 'Full',
    owner_account_sid: account.accountSid,
    auth_token: account.authToken,
    date_created: new Date(0).toUTCString(),
    date_updated: new Date(0).toUTCString(),
    uri: `/${API_VERSION}/Accounts/${account.accountSid}.json`,
    subresource_uris: {},
  };
}

function validateCreate(form: URLSearchParams): { code: number; message: string } | undefined {
  if (!form.get('To')) return { code: 21604, message: "A 'To' phone number is required." };
  if (!form.get('From') && !form.get('MessagingServiceSid')) {
    return { code: 21603, message: "A 'From' phone number is required." };
  }
  const contentSid = form.get('ContentSid');
  if (form.has('ContentVariables') && !contentSid)
    return {
      code: 21654,
      message: 'A ContentSid must be specified if ContentVariables are provided in the request.',
    };
  if (contentSid) {
    if (form.has('ContentVariables') && !parseContentVariables(form.get('ContentVariables')))
      return { code: 21656, message: 'The ContentVariables Parameter is invalid.' };
    return undefined;
  }
  if (!form.get('Body')) return { code: 21602, message: 'Message body is required.' };
  return undefined;
}

/** A JSON object of non-empty strings (Twilio refuses null and empty values), else undefined. */
function parseContentVariables(raw: string | null): Record<string, string> | undefined {
  if (raw === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const entries = Object.entries(parsed as Record<string, unknown>);
    if (entries.some(([, v]) => typeof v !== 'string' || v === '')) return undefined;
    return Object.fromEntries(entries) as Record<string, string>;
  } catch {
    return undefined;
  }
}

const isWhatsapp = (address: string) => address.startsWith('whatsapp:');

function resource(accountSid: string, m: FakeTwilioMessage, view: 'created' | 'listed') {
  const created = m.at.toUTCString().replace('GMT', '+0000');
  const uri = `/${API_VERSION}/Accounts/${accountSid}/Messages/${m.sid}.json`;
  return {
    account_sid: accountSid,
    api_version: API_VERSION,
    body: m.body,
    date_created: created,
    date_sent: view === 'created' ? null : created,
    date_updated: created,
    direction: 'outbound-api',
    error_code: m.errorCode ?? null,
    error_message: m.errorCode === WHATSAPP_OUTSIDE_WINDOW ? 'Outside messaging window' : null,
    from: m.from ?? null,
    messaging_service_sid: m.messagingServiceSid ?? null,
    num_media: '0',
    num_segments: String(segmentCount(m.body)),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status:
      view === 'created'
        ? m.messagingServiceSid
          ? 'accepted'
          : 'queued'
        : m.status === 'failed'
          ? 'failed'
          : 'sent',
    subresource_uris: { media: uri.replace('.json', '/Media.json') },
    to: m.to,
    uri,
  };
}

const GSM7 =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENDED = '^{}\\[~]|€\f';

/** Rough but honest: what Twilio reports as num_segments for a text. */
function segmentCount(text: string): number {
  const chars = [...text];
  const gsm = chars.every((c) => GSM7.includes(c) || GSM7_EXTENDED.includes(c));
  if (gsm) {
    const units = chars.reduce((n, c) => n + (GSM7_EXTENDED.includes(c) ? 2 : 1), 0);
    return units <= 160 ? 1 : Math.ceil(units / 153);
  }
  const units = text.length;
  return units <= 70 ? 1 : Math.ceil(units / 67);
}

function twilioError(status: number, code: number, message = 'Scripted failure') {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function dateParam(value: string | null): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Posts a webhook to Retour as Twilio would: form-encoded, signed over PUBLIC_URL + path. */
export function postTwilioWebhook(
  app: Parameters<typeof request>[0],
  auth: { token: string; publicUrl: string },
  path: string,
  params: Record<string, string>,
) {
  return request(app)
    .post(path)
    .set('X-Twilio-Signature', signTwilioRequest(auth.token, `${auth.publicUrl}${path}`, params))
    .type('form')
    .send(params)
    .expect(200);
}
