import {
  startFakeApi,
  splitPath,
  type FakeAnswer,
  type FakeApi,
  type RecordedRequest,
} from './fake-api';

/**
 * Freshdesk API v2 (developers.freshdesk.com/api), the endpoint Retour reads:
 * `GET /api/v2/contacts/{id}` → the contact (`name`, `email`, `phone`, `mobile`, `language`).
 * Auth is HTTP basic with the API key as user name and any password (`X`); without it Freshdesk
 * answers 401 `{ "code": "invalid_credentials", "message": … }`. An unknown contact is a 404
 * with an empty body.
 */
export interface FreshdeskContact {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  language: string;
}

export interface FreshdeskApi extends FakeApi {
  apiKey: string;
  /** Write-back: every note Freshdesk accepted, in order. */
  notes: FreshdeskNote[];
  /** The tags of a ticket as Freshdesk holds them now (a PUT with `tags` replaces them). */
  tagsOf(ticketId: number | string): string[];
  /** From now on the ticket is gone (deleted, or merged away): 404 on every call. */
  deleteTicket(id: number | string): void;
  rateLimitNotes(times?: number, retryAfterSeconds?: number): void;
}

export interface FreshdeskNote {
  ticketId: string;
  body: string;
  private: boolean;
}

/**
 * Write-back (developers.freshdesk.com/api): `POST /api/v2/tickets/{id}/notes`
 * `{ body, private }` → 201 the note; `GET /api/v2/tickets/{id}` → the ticket with `tags`;
 * `PUT /api/v2/tickets/{id}` `{ tags }` → 200, the list replaced. A ticket the fake does not
 * hold yet starts with the tags `refund`, `vip`; a deleted one is a 404 with an empty body.
 */
function freshdeskTicketWrites(
  req: RecordedRequest,
  state: { notes: FreshdeskNote[]; tags: Map<string, string[]>; deleted: Set<string> },
): FakeAnswer | null {
  const { pathname } = splitPath(req.path);
  const note = /^\/api\/v2\/tickets\/(\d+)\/notes$/.exec(pathname);
  const ticket = /^\/api\/v2\/tickets\/(\d+)$/.exec(pathname);
  const id = note?.[1] ?? ticket?.[1];
  if (!id) return null;
  if (state.deleted.has(id)) return { status: 404 };
  const tags = state.tags.get(id) ?? ['refund', 'vip'];
  let body: Record<string, unknown>;
  try {
    body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
  } catch {
    return { status: 400, body: { description: 'Validation failed', errors: [] } };
  }
  if (note && req.method === 'POST') {
    const saved: FreshdeskNote = {
      ticketId: id,
      body: String(body.body ?? ''),
      private: body.private !== false,
    };
    state.notes.push(saved);
    return {
      status: 201,
      body: { id: state.notes.length, ticket_id: Number(id), incoming: false, ...saved },
    };
  }
  if (ticket && req.method === 'GET') {
    return { status: 200, body: { id: Number(id), status: 4, tags } };
  }
  if (ticket && req.method === 'PUT') {
    if (Array.isArray(body.tags)) state.tags.set(id, body.tags.map(String));
    return { status: 200, body: { id: Number(id), status: 4, tags: state.tags.get(id) ?? tags } };
  }
  return null;
}

export async function startFreshdeskApi(data: {
  apiKey: string;
  contacts: FreshdeskContact[];
}): Promise<FreshdeskApi> {
  const writes = {
    notes: [] as FreshdeskNote[],
    tags: new Map<string, string[]>(),
    deleted: new Set<string>(),
  };
  const route = (req: RecordedRequest) => {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const user = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':')[0] : undefined;
    if (user !== data.apiKey) {
      return {
        status: 401,
        body: {
          code: 'invalid_credentials',
          message: 'You have to be logged in to perform this action.',
        },
      };
    }
    const write = freshdeskTicketWrites(req, writes);
    if (write) return write;
    if (req.method !== 'GET') return null;
    const m = /^\/api\/v2\/contacts\/(\d+)$/.exec(splitPath(req.path).pathname);
    const found = m && data.contacts.find((c) => String(c.id) === m[1]);
    return found
      ? {
          status: 200,
          body: { active: false, time_zone: 'London', company_id: null, ...found },
        }
      : null;
  };
  const api = await startFakeApi(route, () => ({ status: 404 }));
  return {
    ...api,
    apiKey: data.apiKey,
    notes: writes.notes,
    tagsOf: (id) => writes.tags.get(String(id)) ?? ['refund', 'vip'],
    deleteTicket(id) {
      writes.deleted.add(String(id));
    },
    rateLimitNotes(times = 1, retryAfterSeconds = 1) {
      api.rateLimitNext(
        /^\/api\/v2\/tickets\/\d+\/notes/,
        retryAfterSeconds,
        {
          code: 'rate_limit_exceeded',
          message: 'You have exceeded the limit of requests per minute',
        },
        times,
      );
    },
  };
}
