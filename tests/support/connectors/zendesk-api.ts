import {
  startFakeApi,
  splitPath,
  type FakeAnswer,
  type FakeApi,
  type RecordedRequest,
} from './fake-api';

/**
 * Zendesk Support API, the endpoints Retour reads (developer.zendesk.com/api-reference):
 * `GET /api/v2/users/{id}.json` → `{ user }`, `GET /api/v2/groups/{id}.json` → `{ group }`.
 * API-token auth is basic auth with `{email}/token:{token}`; anything else gets Zendesk's 401
 * `{ "error": "Couldn't authenticate you" }`. An unknown record is Zendesk's 404
 * `{ "error": "RecordNotFound", "description": "Not found" }`; a rate limit is 429 with
 * Retry-After (seconds) and `{ "error": "APIRateLimitExceeded", "description": … }`.
 */
export interface ZendeskUser {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  locale: string;
  role: 'end-user' | 'agent' | 'admin';
}

export interface ZendeskGroup {
  id: number;
  name: string;
}

export interface ZendeskApi extends FakeApi {
  email: string;
  token: string;
  rateLimitUsers(times?: number, retryAfterSeconds?: number): void;
  /** Write-back: every ticket update Zendesk accepted, in order. */
  ticketUpdates: ZendeskTicketUpdate[];
  /** From now on the ticket is closed: updates get Zendesk's 422. */
  closeTicket(id: number | string): void;
  rateLimitTicketUpdates(times?: number, retryAfterSeconds?: number): void;
}

export interface ZendeskTicketUpdate {
  ticketId: string;
  comment: { body: string; public: boolean } | null;
  additionalTags: string[];
}

/**
 * Write-back (developer.zendesk.com Tickets API, Update Ticket): `PUT /api/v2/tickets/{id}.json`
 * with `{ ticket: { comment: { body, public }, additional_tags } }` → 200 `{ ticket, audit }`.
 * A closed ticket cannot be updated: 422 `RecordInvalid` naming the closed status.
 */
function zendeskTicketWrites(
  req: RecordedRequest,
  closed: Set<string>,
  updates: ZendeskTicketUpdate[],
): FakeAnswer | null {
  const m = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(splitPath(req.path).pathname);
  if (!m || req.method !== 'PUT') return null;
  const ticketId = m[1]!;
  if (closed.has(ticketId)) {
    return {
      status: 422,
      body: {
        error: 'RecordInvalid',
        description: 'Record validation errors',
        details: { status: [{ description: 'Status: closed prevents ticket update' }] },
      },
    };
  }
  let parsed: {
    ticket?: { comment?: { body?: string; public?: boolean }; additional_tags?: string[] };
  };
  try {
    parsed = JSON.parse(req.body) as typeof parsed;
  } catch {
    return { status: 400, body: { error: 'Unprocessable Entity', description: 'bad JSON' } };
  }
  const t = parsed.ticket ?? {};
  const update: ZendeskTicketUpdate = {
    ticketId,
    comment: t.comment
      ? { body: String(t.comment.body ?? ''), public: t.comment.public !== false }
      : null,
    additionalTags: t.additional_tags ?? [],
  };
  updates.push(update);
  return {
    status: 200,
    body: {
      ticket: { id: Number(ticketId), status: 'solved', tags: update.additionalTags },
      audit: { id: updates.length, ticket_id: Number(ticketId), events: [] },
    },
  };
}

export const ZENDESK_UNAUTHORIZED = { error: "Couldn't authenticate you" };

export async function startZendeskApi(data: {
  email: string;
  token: string;
  users: ZendeskUser[];
  groups: ZendeskGroup[];
}): Promise<ZendeskApi> {
  const closed = new Set<string>();
  const ticketUpdates: ZendeskTicketUpdate[] = [];
  const expected = `Basic ${Buffer.from(`${data.email}/token:${data.token}`).toString('base64')}`;
  const route = (req: RecordedRequest) => {
    if (req.headers.authorization !== expected) return { status: 401, body: ZENDESK_UNAUTHORIZED };
    const { pathname } = splitPath(req.path);
    const write = zendeskTicketWrites(req, closed, ticketUpdates);
    if (write) return write;
    if (req.method !== 'GET') return null;
    const user = /^\/api\/v2\/users\/(\d+)\.json$/.exec(pathname);
    if (user) {
      const found = data.users.find((u) => String(u.id) === user[1]);
      return found
        ? {
            status: 200,
            body: {
              user: {
                ...found,
                url: `https://acme.zendesk.com/api/v2/users/${found.id}.json`,
                active: true,
                time_zone: 'Paris',
                iana_time_zone: 'Europe/Paris',
                verified: true,
              },
            },
          }
        : null;
    }
    const group = /^\/api\/v2\/groups\/(\d+)\.json$/.exec(pathname);
    if (group) {
      const found = data.groups.find((g) => String(g.id) === group[1]);
      return found
        ? {
            status: 200,
            body: { group: { ...found, default: false, deleted: false, is_public: true } },
          }
        : null;
    }
    return null;
  };
  const api = await startFakeApi(route, () => ({
    status: 404,
    body: { error: 'RecordNotFound', description: 'Not found' },
  }));
  return {
    ...api,
    email: data.email,
    token: data.token,
    rateLimitUsers(times = 1, retryAfterSeconds = 1) {
      api.rateLimitNext(
        /^\/api\/v2\/users\//,
        retryAfterSeconds,
        {
          error: 'APIRateLimitExceeded',
          description: 'Number of allowed API requests per minute exceeded',
        },
        times,
      );
    },
    ticketUpdates,
    closeTicket(id) {
      closed.add(String(id));
    },
    rateLimitTicketUpdates(times = 1, retryAfterSeconds = 1) {
      api.rateLimitNext(
        /^\/api\/v2\/tickets\//,
        retryAfterSeconds,
        {
          error: 'APIRateLimitExceeded',
          description: 'Number of allowed API requests per minute exceeded',
        },
        times,
      );
    },
  };
}
