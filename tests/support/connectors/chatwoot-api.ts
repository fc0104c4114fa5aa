import { startFakeApi, splitPath, type FakeApi, type RecordedRequest } from './fake-api';

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
}

export async function startChatwootApi(data: {
  token: string;
  accountId: string;
  agents: ChatwootAgent[];
  inboxes: { id: number; name: string; channel_type: string }[];
}): Promise<ChatwootApi> {
  const route = (req: RecordedRequest) => {
    if (req.headers.api_access_token !== data.token) {
      return { status: 401, body: { error: 'Invalid Access Token' } };
    }
    const m = /^\/api\/v1\/accounts\/([^/]+)(\/.*)$/.exec(splitPath(req.path).pathname);
    if (!m) return null;
    if (m[1] !== data.accountId) {
      return { status: 401, body: { error: 'You are not authorized to access this account' } };
    }
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
  return { ...api, token: data.token, accountId: data.accountId };
}
