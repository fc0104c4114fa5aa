import type { ApiCredentials } from '../enrichment/enricher';
import { record } from '../enrichment/fields';
import { mergedTags } from './merge-tags';
import type { WriteBackProvider, WriteStep } from './provider';

/**
 * Chatwoot application API (`api_access_token` header), account `api.accountId`: labels by
 * `POST …/conversations/{id}/labels` `{ labels }`, which sets the whole list, so the current ones
 * are read first (`GET …/labels` → `{ payload }`); then the private note,
 * `POST …/conversations/{id}/messages` `{ content, message_type: "outgoing", private: true }`.
 * Labels first, so an automation that checks for `retour` already sees it when the note lands.
 */
export const chatwootConversationUrl = (api: ApiCredentials, account: string, id: string) =>
  `${api.baseUrl}/api/v1/accounts/${encodeURIComponent(account)}/conversations/${encodeURIComponent(id)}`;

export const chatwootHeaders = (api: ApiCredentials) => ({
  api_access_token: api.token,
  'Content-Type': 'application/json',
});

export const chatwootWriteBack: WriteBackProvider = {
  provider: 'chatwoot',
  steps(request, api) {
    if (!api.accountId) {
      return { cannot: 'chatwoot needs api.accountId (the number in /app/accounts/<id>)' };
    }
    const conversation = chatwootConversationUrl(api, api.accountId, request.target);
    const headers = chatwootHeaders(api);
    const steps: WriteStep[] = [];
    const tags = request.tags;
    if (tags?.length) {
      steps.push({
        name: 'labels',
        run: async (http) => {
          const current = await http.call({ url: `${conversation}/labels`, headers });
          if (!current.ok) return current;
          const had = record(current.json)?.payload;
          const existing = Array.isArray(had) ? had.filter((t) => typeof t === 'string') : [];
          const labels = mergedTags(existing, tags);
          if (!labels) return current;
          return http.call({
            method: 'POST',
            url: `${conversation}/labels`,
            headers,
            body: JSON.stringify({ labels }),
          });
        },
      });
    }
    const note = request.note;
    if (note) {
      steps.push({
        name: 'note',
        run: (http) =>
          http.call({
            method: 'POST',
            url: `${conversation}/messages`,
            headers,
            body: JSON.stringify({ content: note, message_type: 'outgoing', private: true }),
          }),
      });
    }
    return steps;
  },
};
