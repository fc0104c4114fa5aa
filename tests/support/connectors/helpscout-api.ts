import { randomBytes } from 'node:crypto';
import {
  startFakeApi,
  splitPath,
  type FakeAnswer,
  type FakeApi,
  type RecordedRequest,
} from './fake-api';

/**
 * Help Scout Mailbox API 2.0, the endpoints Retour reads (developer.helpscout.com/mailbox-api):
 * `POST /v2/oauth2/token` (client-credentials grant, form-encoded `client_id`/`client_secret`
 * → `{ token_type: "bearer", access_token, expires_in: 172800 }`; wrong credentials → 401
 * `{ error: "invalid_client" }`), `GET /v2/customers/{id}` (the HAL customer with
 * `_embedded.emails` and `_embedded.phones`), `GET /v2/mailboxes/{id}`. A request without a
 * token this fake issued gets 401. The exact error bodies are not documented.
 */
export interface HelpscoutCustomer {
  id: number;
  firstName: string;
  lastName: string;
  emails: string[];
  phones: string[];
}

export interface HelpscoutApi extends FakeApi {
  appId: string;
  appSecret: string;
  /** Forgets the issued tokens, as an expiry or a revocation would. */
  revokeTokens(): void;
  /** Write-back: the notes Help Scout accepted, in order. */
  notes: { conversationId: string; text: string }[];
  tagsOf(conversationId: number | string): string[];
}

/**
 * Write-back (Mailbox API 2.0): `GET /v2/conversations/{id}` → the conversation with
 * `tags: [{ id, tag, color }]`; `PUT /v2/conversations/{id}/tags` `{ tags }` replaces the set →
 * 204; `POST /v2/conversations/{id}/notes` `{ text }` → 201 with `Resource-ID`. A conversation
 * the fake does not hold yet starts with the tag `billing`.
 */
function helpscoutConversationWrites(
  req: RecordedRequest,
  pathname: string,
  state: { notes: { conversationId: string; text: string }[]; tags: Map<string, string[]> },
): FakeAnswer | null {
  const m = /^\/v2\/conversations\/(\d+)(\/tags|\/notes)?$/.exec(pathname);
  if (!m) return null;
  const id = m[1]!;
  const tags = state.tags.get(id) ?? ['billing'];
  const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
  if (!m[2] && req.method === 'GET') {
    return {
      status: 200,
      body: {
        id: Number(id),
        status: 'closed',
        tags: tags.map((tag, i) => ({ id: i + 1, tag, color: '#929499' })),
      },
    };
  }
  if (m[2] === '/tags' && req.method === 'PUT') {
    state.tags.set(id, Array.isArray(body.tags) ? body.tags.map(String) : tags);
    return { status: 204 };
  }
  if (m[2] === '/notes' && req.method === 'POST') {
    state.notes.push({ conversationId: id, text: String(body.text ?? '') });
    return { status: 201, headers: { 'Resource-ID': String(state.notes.length) } };
  }
  return null;
}

export async function startHelpscoutApi(data: {
  appId: string;
  appSecret: string;
  customers: HelpscoutCustomer[];
  mailboxes: { id: number; name: string; email: string }[];
}): Promise<HelpscoutApi> {
  const issued = new Set<string>();
  const writes = {
    notes: [] as { conversationId: string; text: string }[],
    tags: new Map<string, string[]>(),
  };
  const route = (req: RecordedRequest) => {
    const { pathname } = splitPath(req.path);
    if (req.method === 'POST' && pathname === '/v2/oauth2/token') {
      const form = new URLSearchParams(req.body);
      if (form.get('grant_type') !== 'client_credentials') {
        return { status: 400, body: { error: 'unsupported_grant_type' } };
      }
      if (form.get('client_id') !== data.appId || form.get('client_secret') !== data.appSecret) {
        return {
          status: 401,
          body: { error: 'invalid_client', error_description: 'Bad client credentials' },
        };
      }
      const token = randomBytes(16).toString('hex');
      issued.add(token);
      return {
        status: 200,
        body: { token_type: 'bearer', access_token: token, expires_in: 172800 },
      };
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !issued.has(bearer)) {
      return {
        status: 401,
        body: { error: 'invalid_token', error_description: 'Invalid access token' },
      };
    }
    const write = helpscoutConversationWrites(req, pathname, writes);
    if (write) return write;
    if (req.method !== 'GET') return null;
    const customer = /^\/v2\/customers\/(\d+)$/.exec(pathname);
    if (customer) {
      const c = data.customers.find((x) => String(x.id) === customer[1]);
      if (!c) return null;
      return {
        status: 200,
        body: {
          id: c.id,
          firstName: c.firstName,
          lastName: c.lastName,
          gender: 'Unknown',
          photoType: 'unknown',
          createdAt: '2025-11-02T10:00:00Z',
          _embedded: {
            emails: c.emails.map((value, i) => ({ id: i + 1, value, type: 'work' })),
            phones: c.phones.map((value, i) => ({ id: i + 1, value, type: 'mobile' })),
            chats: [],
            social_profiles: [],
            websites: [],
            address: null,
          },
          _links: { self: { href: `https://api.helpscout.net/v2/customers/${c.id}` } },
        },
      };
    }
    const mailbox = /^\/v2\/mailboxes\/(\d+)$/.exec(pathname);
    if (mailbox) {
      const m = data.mailboxes.find((x) => String(x.id) === mailbox[1]);
      return m ? { status: 200, body: { ...m, slug: `mb${m.id}` } } : null;
    }
    return null;
  };
  const api = await startFakeApi(route, () => ({
    status: 404,
    body: { logRef: randomBytes(6).toString('hex'), message: 'Resource not found' },
  }));
  return {
    ...api,
    appId: data.appId,
    appSecret: data.appSecret,
    revokeTokens: () => issued.clear(),
    notes: writes.notes,
    tagsOf: (id) => writes.tags.get(String(id)) ?? ['billing'],
  };
}
