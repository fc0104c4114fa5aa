import { record } from '../enrichment/fields';
import { mergedTags } from './merge-tags';
import { noteHtml } from './note';
import type { WriteBackProvider, WriteStep } from './provider';

/**
 * Freshdesk API v2: `POST /api/v2/tickets/{id}/notes` `{ body, private: true }` (body is HTML).
 * Tags: `PUT /api/v2/tickets/{id}` with `tags` replaces the ticket's list, so the tags step
 * reads the ticket first, merges, and skips the PUT when every tag is already there. Tags go
 * first, so a rule with "Tags does not contain retour" already sees the tag when the note lands.
 * A rule or
 * agent changing tags between our read and our write loses that change: a narrow window we
 * accept rather than leave tags out. API key as basic-auth user, `X` as password.
 */
export const freshdeskWriteBack: WriteBackProvider = {
  provider: 'freshdesk',
  steps(request, api) {
    const headers = {
      Authorization: `Basic ${Buffer.from(`${api.token}:X`, 'utf8').toString('base64')}`,
      'Content-Type': 'application/json',
    };
    const ticketUrl = `${api.baseUrl}/api/v2/tickets/${encodeURIComponent(request.target)}`;
    const steps: WriteStep[] = [];
    const tags = request.tags;
    if (tags?.length) {
      steps.push({
        name: 'tags',
        run: async (http) => {
          const current = await http.call({ url: ticketUrl, headers });
          if (!current.ok) return current;
          const had = record(current.json)?.tags;
          const existing = Array.isArray(had) ? had.filter((t) => typeof t === 'string') : [];
          const merged = mergedTags(existing, tags);
          if (!merged) return current;
          return http.call({
            method: 'PUT',
            url: ticketUrl,
            headers,
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
          http.call({
            method: 'POST',
            url: `${ticketUrl}/notes`,
            headers,
            body: JSON.stringify({ body: noteHtml(note), private: true }),
          }),
      });
    }
    return steps;
  },
};
