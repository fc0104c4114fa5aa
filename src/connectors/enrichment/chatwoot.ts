import type { EnrichmentNeed } from '../adapter';
import { allMissing, startResult, type ProviderEnricher } from './enricher';
import { email, fillAgent, list, record, text } from './fields';

/**
 * Chatwoot application API, `api_access_token` header: `GET /api/v1/accounts/{a}/agents` (the
 * webhook's assignee has no email) and `GET /api/v1/accounts/{a}/inboxes/{id}` (the inbox's
 * name stands for the team when the conversation has none). Self-hosted, so no default URL.
 */
export const chatwootEnricher: ProviderEnricher = {
  provider: 'chatwoot',
  async enrich(draft, needs, api, http) {
    if (!api.accountId) {
      return allMissing(
        draft,
        needs,
        'chatwoot needs api.accountId (the number in /app/accounts/<id>)',
      );
    }
    const account = `/api/v1/accounts/${encodeURIComponent(api.accountId)}`;
    const get = (path: string) =>
      http.call({
        url: `${api.baseUrl}${account}${path}`,
        headers: { api_access_token: api.token },
      });
    const result = startResult(draft);
    const d = result.draft;
    const miss = (need: EnrichmentNeed, reason: string) => result.missing.push({ need, reason });

    if (needs.includes('agent') || needs.includes('agent.email')) {
      const need = needs.includes('agent') ? 'agent' : 'agent.email';
      const id = text(d.agent?.id);
      const answer = id ? await get('/agents') : { ok: false as const, reason: 'no assignee id' };
      if (answer.ok) {
        const agent = list(answer.json)
          .map(record)
          .find((a) => a !== undefined && text(a.id) === id);
        if (agent) {
          fillAgent(d, {
            name: text(agent.available_name) ?? text(agent.name),
            email: email(agent.email),
          });
          result.fetched.push(need);
        } else miss(need, `agent ${id} is not among the account's agents`);
      } else miss(need, answer.reason);
    }
    if (needs.includes('team')) {
      const id = text(record(d.attributes)?.inbox_id);
      const answer = id
        ? await get(`/inboxes/${encodeURIComponent(id)}`)
        : { ok: false as const, reason: 'no inbox id in the payload' };
      const name = answer.ok ? text(record(answer.json)?.name, 100) : undefined;
      if (name) {
        d.team = name;
        result.fetched.push('team');
      } else miss('team', answer.ok ? 'the chatwoot inbox has no name' : answer.reason);
    }
    return result;
  },
};
