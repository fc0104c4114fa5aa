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
