import { randomBytes } from 'node:crypto';
import { startFakeApi, splitPath, type FakeApi, type RecordedRequest } from './fake-api';

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
  const route = (req: RecordedRequest) => {
    if (req.headers.authorization !== `Bearer ${data.token}`) {
      return { status: 401, body: errorList('unauthorized', 'Access Token Invalid') };
    }
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
  return { ...api, token: data.token };
}

export const INTERCOM_RATE_LIMITED = errorList(
  'rate_limit_exceeded',
  'Exceeded rate limit of 1666 in 10_seconds',
);
