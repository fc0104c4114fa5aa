import type { EnrichmentNeed } from '../adapter';
import { startResult, type ProviderEnricher } from './enricher';
import { email, fillAgent, fillCustomer, locale, phone, record, text } from './fields';

/** The REST API version Retour reads (the shapes below are the same from 2.9 on). */
export const INTERCOM_API_VERSION = '2.11';

/**
 * Intercom REST API: `GET /contacts/{id}` (phone, language), `GET /admins/{id}` (the agent),
 * `GET /teams/{id}` (the team's name: the payload has its id only). Bearer access token and the
 * `Intercom-Version` header; EU and AU workspaces set their regional base URL.
 */
export const intercomEnricher: ProviderEnricher = {
  provider: 'intercom',
  defaultBaseUrl: 'https://api.intercom.io',
  async enrich(draft, needs, api, http) {
    const get = (path: string) =>
      http.call({
        url: `${api.baseUrl}${path}`,
        headers: { Authorization: `Bearer ${api.token}`, 'Intercom-Version': INTERCOM_API_VERSION },
      });
    const result = startResult(draft);
    const d = result.draft;
    const miss = (need: EnrichmentNeed, reason: string) => result.missing.push({ need, reason });

    const customerNeeds = needs.filter((n) => n.startsWith('customer'));
    if (customerNeeds.length > 0) {
      const id = text(d.customer.id);
      const answer = id
        ? await get(`/contacts/${encodeURIComponent(id)}`)
        : { ok: false as const, reason: 'no contact id in the payload' };
      if (answer.ok) {
        const contact = record(answer.json) ?? {};
        fillCustomer(d, {
          name: text(contact.name),
          email: email(contact.email),
          phone: phone(contact.phone),
          locale: locale(contact.language_override) ?? locale(contact.browser_language),
        });
        for (const need of customerNeeds) {
          const field =
            need === 'customer.phone' ? 'phone' : need === 'customer.locale' ? 'locale' : null;
          if (field && !d.customer[field])
            miss(need, `the intercom contact has no ${field === 'phone' ? 'phone' : 'language'}`);
          else result.fetched.push(need);
        }
      } else customerNeeds.forEach((n) => miss(n, answer.reason));
    }
    if (needs.includes('agent') || needs.includes('agent.email')) {
      const need = needs.includes('agent') ? 'agent' : 'agent.email';
      const id = text(d.agent?.id);
      const answer = id
        ? await get(`/admins/${encodeURIComponent(id)}`)
        : { ok: false as const, reason: 'no admin id in the payload' };
      if (answer.ok) {
        const admin = record(answer.json) ?? {};
        fillAgent(d, { name: text(admin.name), email: email(admin.email) });
        result.fetched.push(need);
      } else miss(need, answer.reason);
    }
    if (needs.includes('team')) {
      // The adapter puts the team's id where its name belongs; the name replaces it.
      const id = text(d.team);
      const answer = id
        ? await get(`/teams/${encodeURIComponent(id)}`)
        : { ok: false as const, reason: 'no team id in the payload' };
      const name = answer.ok ? text(record(answer.json)?.name, 100) : undefined;
      if (name) {
        d.team = name;
        result.fetched.push('team');
      } else miss('team', answer.ok ? 'the intercom team has no name' : answer.reason);
    }
    return result;
  },
};
