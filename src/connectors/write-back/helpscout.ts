import { accessToken } from '../enrichment/helpscout';
import { record } from '../enrichment/fields';
import type { ApiAnswer, ApiCall, ProviderApi } from '../enrichment/provider-api';
import { mergedTags } from './merge-tags';
import { noteHtml } from './note';
import type { WriteBackProvider, WriteStep } from './provider';

/**
 * Help Scout Mailbox API 2.0 (OAuth2 client credentials, the token shared with enrichment):
 * tags by `PUT /v2/conversations/{id}/tags` `{ tags }`, which replaces the set, so the
 * conversation is read first (`GET /v2/conversations/{id}` → `tags: [{ tag }]`); then the note,
 * `POST /v2/conversations/{id}/notes` `{ text }` (HTML). Tags first, so a workflow that checks
 * for `retour` already sees it when the note lands.
 */
export const helpscoutWriteBack: WriteBackProvider = {
  provider: 'helpscout',
  defaultBaseUrl: 'https://api.helpscout.net',
  steps(request, api) {
    const appId = api.accountId;
    if (!appId) return { cannot: 'helpscout needs api.accountId (the App ID)' };
    const conversation = `${api.baseUrl}/v2/conversations/${encodeURIComponent(request.target)}`;
    /** A call with a bearer token; on a 401 one new token and one more try. */
    const authorized = async (http: ProviderApi, call: ApiCall): Promise<ApiAnswer> => {
      const send = async (fresh: boolean): Promise<ApiAnswer> => {
        const token = await accessToken(http, api.baseUrl, appId, api.token, fresh);
        if ('reason' in token) return { ok: false, reason: token.reason };
        return http.call({
          ...call,
          headers: { ...call.headers, Authorization: `Bearer ${token.token}` },
        });
      };
      const answer = await send(false);
      return answer.ok || answer.status !== 401 ? answer : send(true);
    };
    const json = { 'Content-Type': 'application/json' };
    const steps: WriteStep[] = [];
    const tags = request.tags;
    if (tags?.length) {
      steps.push({
        name: 'tags',
        run: async (http) => {
          const current = await authorized(http, { url: conversation, headers: {} });
          if (!current.ok) return current;
          const had = record(current.json)?.tags;
          const existing = Array.isArray(had)
            ? had.flatMap((t) => {
                const name = record(t)?.tag;
                return typeof name === 'string' ? [name] : [];
              })
            : [];
          const merged = mergedTags(existing, tags);
          if (!merged) return current;
          return authorized(http, {
            method: 'PUT',
            url: `${conversation}/tags`,
            headers: json,
            body: JSON.stringify({ tags: merged }),
          });
        },
      });
    }
    const note = request.note;
    if (note) {
      steps.push({
        name: 'note',
        run: (http) =>
          authorized(http, {
            method: 'POST',
            url: `${conversation}/notes`,
            headers: json,
            body: JSON.stringify({ text: noteHtml(note) }),
          }),
      });
    }
    return steps;
  },
};
