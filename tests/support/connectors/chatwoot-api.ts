import {
  startFakeApi,
  splitPath,
  type FakeAnswer,
  type FakeApi,
  type RecordedRequest,
} from './fake-api';

/**
 * Chatwoot application API (developers.chatwoot.com/api-reference), the endpoints Retour reads:
 * `GET /api/v1/accounts/{account}/agents` (an array of agents with `email`) and
 * `GET /api/v1/accounts/{account}/inboxes/{id}`. Auth is the `api_access_token` header; a wrong
 * one gets Chatwoot's 401 `{ "error": "Invalid Access Token" }`, another account 401 too.
 */
export interface ChatwootAgent {
  id: number;
  name: string;
  available_name: string;
  email: string;
  role: 'agent' | 'administrator';
}

export interface ChatwootApi extends FakeApi {
  token: string;
  accountId: string;
  /** Write-back: the messages Chatwoot accepted, in order. */
  messages: ChatwootMessage[];
  labelsOf(conversationId: number | string): string[];
}

export interface ChatwootMessage {
  conversationId: string;
  content: string;
  private: boolean;
  messageType: string;
}

/**
 * Write-back (developers.chatwoot.com): `POST …/conversations/{id}/messages`
 * `{ content, message_type, private }` → 200 the message; `GET …/conversations/{id}/labels` →
 * `{ payload: [labels] }`; `POST …/conversations/{id}/labels` `{ labels }` sets the list and
 * answers it. A conversation the fake does not hold yet starts with the label `billing`.
 */
function chatwootConversationWrites(
  req: RecordedRequest,
  path: string,
  state: { messages: ChatwootMessage[]; labels: Map<string, string[]> },
): FakeAnswer | null {
  const m = /^\/conversations\/(\d+)\/(messages|labels)$/.exec(path);
  if (!m) return null;
  const id = m[1]!;
  const labels = state.labels.get(id) ?? ['billing'];
  const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
  if (m[2] === 'labels' && req.method === 'GET') return { status: 200, body: { payload: labels } };
  if (m[2] === 'labels' && req.method === 'POST') {
    state.labels.set(id, Array.isArray(body.labels) ? body.labels.map(String) : labels);
    return { status: 200, body: { payload: state.labels.get(id) } };
  }
  if (m[2] === 'messages' && req.method === 'POST') {
    const message: ChatwootMessage = {
      conversationId: id,
      content: String(body.content ?? ''),
      private: body.private === true,
      messageType: String(body.message_type ?? 'outgoing'),
    };
    state.messages.push(message);
    return {
      status: 200,
      body: {
        id: state.messages.length,
        content: message.content,
        message_type: 1,
        private: message.private,
        conversation_id: Number(id),
      },
    };
  }
  return null;
}

export async function startChatwootApi(data: {
  token: string;
  accountId: string;
  agents: ChatwootAgent[];
  inboxes: { id: number; name: string; channel_type: string }[];
  /** The account's conversations for the list endpoint (tests add to it as they go). */
  conversations?: ChatwootConversations;
}): Promise<ChatwootApi> {
  const writes = { messages: [] as ChatwootMessage[], labels: new Map<string, string[]>() };
  const route = (req: RecordedRequest) => {
    if (req.headers.api_access_token !== data.token) {
      return { status: 401, body: { error: 'Invalid Access Token' } };
    }
    const m = /^\/api\/v1\/accounts\/([^/]+)(\/.*)$/.exec(splitPath(req.path).pathname);
    if (!m) return null;
    if (m[1] !== data.accountId) {
      return { status: 401, body: { error: 'You are not authorized to access this account' } };
    }
    const write = chatwootConversationWrites(req, m[2]!, writes);
    if (write) return write;
    if (req.method !== 'GET') return null;
    if (data.conversations && m[2] === '/conversations') {
      return conversationsList(data.conversations, splitPath(req.path).query);
    }
    if (m[2] === '/agents') {
      return {
        status: 200,
        body: data.agents.map((a) => ({
          account_id: Number(data.accountId),
          availability_status: 'online',
          auto_offline: true,
          confirmed: true,
          thumbnail: '',
          ...a,
        })),
      };
    }
    const inbox = /^\/inboxes\/(\d+)$/.exec(m[2]!);
    if (inbox) {
      const found = data.inboxes.find((i) => String(i.id) === inbox[1]);
      return found ? { status: 200, body: { ...found, greeting_enabled: false } } : null;
    }
    return null;
  };
  const api = await startFakeApi(route, () => ({
    status: 404,
    body: { error: 'Resource could not be found' },
  }));
  return {
    ...api,
    token: data.token,
    accountId: data.accountId,
    messages: writes.messages,
    labelsOf: (id) => writes.labels.get(String(id)) ?? ['billing'],
  };
}

// ---- Conversations list (GET /api/v1/accounts/{account}/conversations), for the catch-up ----

/** Conversations as the list gives them (the conversation partial: `id` is the display id). */
export interface ChatwootConversations {
  items: Record<string, unknown>[];
  /** CONVERSATION_RESULTS_PER_PAGE, 25 unless the install changed it. */
  perPage: number;
}

/**
 * As Chatwoot's ConversationFinder answers it: `status` filters (default `open`, `all` for
 * every status), `sort_by` is `last_activity_at_desc` unless `last_activity_at_asc`, `page`
 * from 1 (kaminari; a page past the end is empty), and `{ data: { meta: { mine_count,
 * assigned_count, unassigned_count, all_count }, payload: [...] } }`
 * (api/v1/accounts/conversations/index.json.jbuilder).
 */
function conversationsList(all: ChatwootConversations, query: URLSearchParams) {
  const status = query.get('status') ?? 'open';
  const matching = all.items.filter((c) => status === 'all' || c.status === status);
  const activity = (c: Record<string, unknown>) => Number(c.last_activity_at ?? 0);
  // Chatwoot falls back to last_activity_at_desc for a sort it does not know.
  const direction = query.get('sort_by') === 'last_activity_at_asc' ? 1 : -1;
  // Ties by id, so the order of equal activity times is still fixed.
  const sorted = [...matching].sort(
    (a, b) => direction * (activity(a) - activity(b)) || Number(a.id) - Number(b.id),
  );
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const unassigned = matching.filter(
    (c) => !(c.meta as { assignee?: unknown } | undefined)?.assignee,
  );
  return {
    status: 200,
    body: {
      data: {
        meta: {
          mine_count: 0,
          assigned_count: matching.length - unassigned.length,
          unassigned_count: unassigned.length,
          all_count: matching.length,
        },
        payload: sorted.slice((page - 1) * all.perPage, page * all.perPage),
      },
    },
  };
}

/** The Chatwoot account the connector tests share: one agent, one website inbox. */
export function acmeChatwootAccount() {
  return {
    token: 'chatwoot-user-access-token-xyz',
    accountId: '1',
    agents: [
      {
        id: 2,
        name: 'Benjamin Martin',
        available_name: 'Ben',
        email: 'ben@acme.test',
        role: 'agent' as const,
      },
    ],
    inboxes: [{ id: 3, name: 'Website chat', channel_type: 'Channel::WebWidget' }],
  };
}
