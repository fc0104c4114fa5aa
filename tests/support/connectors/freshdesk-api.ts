import { startFakeApi, splitPath, type FakeApi, type RecordedRequest } from './fake-api';

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
}

export async function startFreshdeskApi(data: {
  apiKey: string;
  contacts: FreshdeskContact[];
}): Promise<FreshdeskApi> {
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
  return { ...api, apiKey: data.apiKey };
}
