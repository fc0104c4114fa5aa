import type { EnrichmentNeed } from '../adapter';
import { allMissing, startResult, type ProviderEnricher } from './enricher';
import { email, fillAgent, fillCustomer, locale, phone, record, text } from './fields';

/**
 * Zendesk Support API: `GET /api/v2/users/{id}.json` (requester, assignee) and
 * `GET /api/v2/groups/{id}.json`, basic auth `{email}/token:{api token}`. The base URL is the
 * account's own (https://<subdomain>.zendesk.com), so there is no default.
 */
export const zendeskEnricher: ProviderEnricher = {
  provider: 'zendesk',
  async enrich(draft, needs, api, http) {
    if (!api.email) return allMissing(draft, needs, "zendesk needs api.email (the token's user)");
    const auth = Buffer.from(`${api.email}/token:${api.token}`, 'utf8').toString('base64');
    const get = (path: string) =>
      http.call({ url: `${api.baseUrl}${path}`, headers: { Authorization: `Basic ${auth}` } });
    const result = startResult(draft);
    const d = result.draft;
    const done = (need: EnrichmentNeed) => result.fetched.push(need);
    const miss = (need: EnrichmentNeed, reason: string) => result.missing.push({ need, reason });

    const customerNeeds = needs.filter((n) => n.startsWith('customer'));
    if (customerNeeds.length > 0) {
      const id = text(d.customer.id);
      const answer = id
        ? await get(`/api/v2/users/${encodeURIComponent(id)}.json`)
        : { ok: false as const, reason: 'no requester id in the payload' };
      if (answer.ok) {
        const user = record(record(answer.json)?.user) ?? {};
        fillCustomer(d, {
          name: text(user.name),
          email: email(user.email),
          phone: phone(user.phone),
          locale: locale(user.locale),
        });
        customerNeeds.forEach(done);
      } else customerNeeds.forEach((n) => miss(n, answer.reason));
    }
    if (needs.includes('agent') || needs.includes('agent.email')) {
      const need = needs.includes('agent') ? 'agent' : 'agent.email';
      const id = text(d.agent?.id);
      const answer = id
        ? await get(`/api/v2/users/${encodeURIComponent(id)}.json`)
        : { ok: false as const, reason: 'no assignee id in the payload' };
      if (answer.ok) {
        const user = record(record(answer.json)?.user) ?? {};
        fillAgent(d, { name: text(user.name), email: email(user.email) });
        done(need);
      } else miss(need, answer.reason);
    }
    if (needs.includes('team')) {
      const id = text(record(d.attributes)?.group_id);
      const answer = id
        ? await get(`/api/v2/groups/${encodeURIComponent(id)}.json`)
        : { ok: false as const, reason: 'no group id in the payload' };
      const name = answer.ok ? text(record(record(answer.json)?.group)?.name, 100) : undefined;
      if (name) {
        d.team = name;
        done('team');
      } else miss('team', answer.ok ? 'the zendesk group has no name' : answer.reason);
    }
    return result;
  },
};
