import { randomBytes } from 'node:crypto';
import {
  startFakeApi,
  splitPath,
  type FakeAnswer,
  type FakeApi,
  type RecordedRequest,
} from './fake-api';

/**
 * Intercom REST API 2.x, the endpoints Retour reads (developers.intercom.com/docs/references):
 * `GET /contacts/{id}`, `GET /admins/{id}`, `GET /teams/{id}`, each answering the object itself
 * (`type: "contact" | "admin" | "team"`). Auth is `Authorization: Bearer <access token>`;
 * errors are an `error.list` (`{ type, request_id, errors: [{ code, message }] }`): 401
 * `unauthorized` "Access Token Invalid", 404 `not_found`, 429 `rate_limit_exceeded`.
 */
export interface IntercomContact {
  id: string;
  role?: 'user' | 'lead';
  email: string | null;
  phone: string | null;
  name: string | null;
  browser_language?: string | null;
  language_override?: string | null;
}

export interface IntercomAdmin {
  id: string;
  name: string;
  email: string;
}

export interface IntercomTeam {
  id: string;
  name: string;
  admin_ids: number[];
}

export interface IntercomApi extends FakeApi {
  token: string;
  /** Write-back: the replies (notes and comments) Intercom accepted, in order. */
  replies: IntercomReply[];
  /** The tag names on a conversation. */
  tagsOf(conversationId: string): string[];
}

export interface IntercomReply {
  conversationId: string;
  messageType: string;
  adminId: string;
  body: string;
}

/**
 * Write-back (REST API 2.x): `GET /me` → the token's admin; `POST /tags` `{ name }` → the tag
 * (created, or the existing one); `POST /conversations/{id}/tags` `{ id, admin_id }` → the tag;
 * `POST /conversations/{id}/reply` `{ message_type, type: "admin", admin_id, body }` → the
 * conversation. The token's admin is the first of `admins`.
 */
function intercomConversationWrites(
  req: RecordedRequest,
  pathname: string,
  state: {
    me: IntercomAdmin;
    tagIds: Map<string, string>;
    tags: Map<string, string[]>;
    replies: IntercomReply[];
  },
): FakeAnswer | null {
  if (req.method === 'GET' && pathname === '/me') {
    return { status: 200, body: { type: 'admin', ...state.me, email_verified: true } };
  }
  if (req.method !== 'POST') return null;
  const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
  if (pathname === '/tags') {
    const name = String(body.name ?? '');
    if (!state.tagIds.has(name)) state.tagIds.set(name, String(9000 + state.tagIds.size));
    return { status: 200, body: { type: 'tag', id: state.tagIds.get(name), name } };
  }
  const m = /^\/conversations\/([^/]+)\/(tags|reply)$/.exec(pathname);
  if (!m) return null;
  const id = m[1]!;
  if (m[2] === 'tags') {
    const name = [...state.tagIds].find(([, tagId]) => tagId === String(body.id))?.[0];
    if (!name) return { status: 404, body: errorList('tag_not_found', 'Tag not found') };
    const list = state.tags.get(id) ?? [];
    if (!list.includes(name)) state.tags.set(id, [...list, name]);
    return { status: 200, body: { type: 'tag', id: String(body.id), name } };
  }
  state.replies.push({
    conversationId: id,
    messageType: String(body.message_type ?? ''),
    adminId: String(body.admin_id ?? ''),
    body: String(body.body ?? ''),
  });
  return { status: 200, body: { type: 'conversation', id, state: 'closed' } };
}

/**
 * In-chat delivery: a public reply, `POST /conversations/{id}/reply`
 * `{ message_type: "comment", type: "admin", admin_id, body }`, answers the conversation with
 * the new part last in `conversation_parts.conversation_parts` (its `id` is the message's).
 */
function intercomPublicReply(
  req: RecordedRequest,
  pathname: string,
  replies: IntercomReply[],
): FakeAnswer | null {
  const m = /^\/conversations\/([^/]+)\/reply$/.exec(pathname);
  if (req.method !== 'POST' || !m) return null;
  const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
  if (body.message_type !== 'comment') return null;
  replies.push({
    conversationId: m[1]!,
    messageType: 'comment',
    adminId: String(body.admin_id ?? ''),
    body: String(body.body ?? ''),
  });
  const part = {
    type: 'conversation_part',
    id: String(31000000 + replies.length),
    part_type: 'comment',
    body: String(body.body ?? ''),
    author: { type: 'admin', id: String(body.admin_id ?? '') },
  };
  return {
    status: 200,
    body: {
      type: 'conversation',
      id: m[1],
      state: 'closed',
      conversation_parts: {
        type: 'conversation_part.list',
        conversation_parts: [part],
        total_count: 1,
      },
    },
  };
}

const errorList = (code: string, message: string) => ({
  type: 'error.list',
  request_id: randomBytes(10).toString('hex'),
  errors: [{ code, message }],
});

export async function startIntercomApi(data: {
  token: string;
  contacts: IntercomContact[];
  admins: IntercomAdmin[];
  teams: IntercomTeam[];
}): Promise<IntercomApi> {
  const writes = {
    me: data.admins[0] ?? { id: '1', name: 'Retour', email: 'retour@acme.test' },
    tagIds: new Map<string, string>(),
    tags: new Map<string, string[]>(),
    replies: [] as IntercomReply[],
  };
  const route = (req: RecordedRequest) => {
    if (req.headers.authorization !== `Bearer ${data.token}`) {
      return { status: 401, body: errorList('unauthorized', 'Access Token Invalid') };
    }
    const reply = intercomPublicReply(req, splitPath(req.path).pathname, writes.replies);
    if (reply) return reply;
    const write = intercomConversationWrites(req, splitPath(req.path).pathname, writes);
    if (write) return write;
    if (req.method !== 'GET') return null;
    const [, kind, id] =
      /^\/(contacts|admins|teams)\/([^/]+)$/.exec(splitPath(req.path).pathname) ?? [];
    if (kind === 'contacts') {
      const c = data.contacts.find((x) => x.id === id);
      return c
        ? {
            status: 200,
            body: {
              type: 'contact',
              role: 'user',
              workspace_id: 'lkqcyt9t',
              external_id: null,
              browser_language: null,
              language_override: null,
              created_at: 1767873000,
              ...c,
            },
          }
        : { status: 404, body: errorList('not_found', 'User Not Found') };
    }
    if (kind === 'admins') {
      const a = data.admins.find((x) => x.id === id);
      return a
        ? { status: 200, body: { type: 'admin', job_title: null, away_mode_enabled: false, ...a } }
        : { status: 404, body: errorList('admin_not_found', 'Admin not found') };
    }
    if (kind === 'teams') {
      const t = data.teams.find((x) => x.id === id);
      return t
        ? { status: 200, body: { type: 'team', ...t } }
        : { status: 404, body: errorList('team_not_found', 'Team not found') };
    }
    return null;
  };
  const api = await startFakeApi(route, () => ({
    status: 404,
    body: errorList('not_found', 'Resource Not Found'),
  }));
  return {
    ...api,
    token: data.token,
    replies: writes.replies,
    tagsOf: (id) => writes.tags.get(id) ?? [],
  };
}

export const INTERCOM_RATE_LIMITED = errorList(
  'rate_limit_exceeded',
  'Exceeded rate limit of 1666 in 10_seconds',
);

/** The Intercom workspace the connector tests share: one contact, one admin in one team. */
export function acmeIntercomAccount(browserLanguage = 'en') {
  return {
    token: 'dG9rOmludGVyY29tLWFjY2Vzcy10b2tlbg==',
    contacts: [
      {
        id: '6762f1a21bb69f9f2193bb3a',
        email: 'ana@example.com',
        phone: '+33612345678',
        name: 'Ana Dupont',
        browser_language: browserLanguage,
      },
    ],
    admins: [{ id: '991267715', name: 'Ciaran Lee', email: 'ciaran@acme.test' }],
    teams: [{ id: '5017691', name: 'Billing EU', admin_ids: [991267715] }],
  };
}
