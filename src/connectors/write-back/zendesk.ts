import type { WriteBackProvider } from './provider';

/**
 * Zendesk Support: one `PUT /api/v2/tickets/{id}.json` carries both, a private comment
 * (`comment: { body, public: false }`) and `additional_tags`, which adds tags without replacing
 * the ticket's own. Basic auth `{email}/token:{token}`. A closed ticket answers 422.
 */
export const zendeskWriteBack: WriteBackProvider = {
  provider: 'zendesk',
  steps(request, api) {
    if (!api.email) return { cannot: "zendesk needs api.email (the token's user)" };
    const auth = Buffer.from(`${api.email}/token:${api.token}`, 'utf8').toString('base64');
    const ticket: Record<string, unknown> = {};
    if (request.note) ticket.comment = { body: request.note, public: false };
    if (request.tags?.length) ticket.additional_tags = request.tags;
    return [
      {
        name: 'update',
        run: (http) =>
          http.call({
            method: 'PUT',
            url: `${api.baseUrl}/api/v2/tickets/${encodeURIComponent(request.target)}.json`,
            headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ ticket }),
          }),
      },
    ];
  },
};
