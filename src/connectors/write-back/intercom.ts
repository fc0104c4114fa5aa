import { INTERCOM_API_VERSION } from '../enrichment/intercom';
import { record, text } from '../enrichment/fields';
import type { ApiCredentials } from '../enrichment/enricher';
import type { ApiAnswer, ProviderApi } from '../enrichment/provider-api';
import { noteHtml } from './note';
import type { WriteBackProvider, WriteStep } from './provider';

export const intercomHeaders = (api: ApiCredentials) => ({
  Authorization: `Bearer ${api.token}`,
  'Intercom-Version': INTERCOM_API_VERSION,
  'Content-Type': 'application/json',
});

export type IntercomAdmin = { id: string } | { failed: ApiAnswer };

/** The admin a reply or a tag acts as: `api.accountId` when set, else the token's own (`GET /me`). */
export async function intercomAdmin(
  http: ProviderApi,
  api: ApiCredentials,
): Promise<IntercomAdmin> {
  if (api.accountId) return { id: api.accountId };
  const me = await http.call({ url: `${api.baseUrl}/me`, headers: intercomHeaders(api) });
  const id = me.ok ? text(record(me.json)?.id) : undefined;
  return id
    ? { id }
    : { failed: me.ok ? { ok: false, reason: 'intercom /me gave no admin id' } : me };
}

/**
 * Intercom REST API 2.x. A note and a tag need the acting admin's id: `api.accountId` when the
 * connector names it, else the token's own admin (`GET /me`). Tags: `POST /tags` `{ name }`
 * (creates the tag or answers the existing one, with its id), then
 * `POST /conversations/{id}/tags` `{ id, admin_id }` per tag (adding a tag twice is harmless).
 * Note: `POST /conversations/{id}/reply` `{ message_type: "note", type: "admin", admin_id, body }`
 * (HTML). Tags first, so a workflow that checks for `retour` already sees it.
 */
export const intercomWriteBack: WriteBackProvider = {
  provider: 'intercom',
  defaultBaseUrl: 'https://api.intercom.io',
  steps(request, api) {
    const headers = intercomHeaders(api);
    const conversation = `${api.baseUrl}/conversations/${encodeURIComponent(request.target)}`;
    let admin: Promise<IntercomAdmin> | null = null;
    const adminId = (http: ProviderApi) => (admin ??= intercomAdmin(http, api));
    const post = (http: ProviderApi, url: string, body: unknown) =>
      http.call({ method: 'POST', url, headers, body: JSON.stringify(body) });
    const steps: WriteStep[] = [];
    const tags = request.tags;
    if (tags?.length) {
      steps.push({
        name: 'tags',
        run: async (http) => {
          const me = await adminId(http);
          if ('failed' in me) return me.failed;
          let last: ApiAnswer = { ok: true, json: null };
          for (const name of tags) {
            const tag = await post(http, `${api.baseUrl}/tags`, { name });
            const id = tag.ok ? text(record(tag.json)?.id) : undefined;
            if (!id) return tag.ok ? { ok: false, reason: 'intercom gave no tag id' } : tag;
            last = await post(http, `${conversation}/tags`, { id, admin_id: me.id });
            if (!last.ok) return last;
          }
          return last;
        },
      });
    }
    const note = request.note;
    if (note) {
      steps.push({
        name: 'note',
        run: async (http) => {
          const me = await adminId(http);
          if ('failed' in me) return me.failed;
          return post(http, `${conversation}/reply`, {
            message_type: 'note',
            type: 'admin',
            admin_id: me.id,
            body: noteHtml(note),
          });
        },
      });
    }
    return steps;
  },
};
