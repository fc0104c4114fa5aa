import type { EnrichmentNeed } from '../adapter';
import { startResult, type ProviderEnricher } from './enricher';
import { email, fillCustomer, locale, phone, record, text } from './fields';

/**
 * Freshdesk API v2: `GET /api/v2/contacts/{id}` (no placeholder gives the contact's language;
 * a rule's body may lack the address too). HTTP basic with the API key as user name and `X` as
 * password. The base URL is the help desk's own (https://<domain>.freshdesk.com): no default.
 */
export const freshdeskEnricher: ProviderEnricher = {
  provider: 'freshdesk',
  async enrich(draft, needs, api, http) {
    const auth = Buffer.from(`${api.token}:X`, 'utf8').toString('base64');
    const result = startResult(draft);
    const d = result.draft;
    const miss = (need: EnrichmentNeed, reason: string) => result.missing.push({ need, reason });
    const customerNeeds = needs.filter((n) => n.startsWith('customer'));
    if (customerNeeds.length === 0) return result;
    const id = text(d.customer.id);
    const answer = id
      ? await http.call({
          url: `${api.baseUrl}/api/v2/contacts/${encodeURIComponent(id)}`,
          headers: { Authorization: `Basic ${auth}` },
        })
      : { ok: false as const, reason: 'no requester id in the payload' };
    if (!answer.ok) {
      customerNeeds.forEach((n) => miss(n, answer.reason));
      return result;
    }
    const contact = record(answer.json) ?? {};
    fillCustomer(d, {
      name: text(contact.name),
      email: email(contact.email),
      phone: phone(contact.phone) ?? phone(contact.mobile),
      locale: locale(contact.language),
    });
    for (const need of customerNeeds) {
      if (need === 'customer.locale' && !d.customer.locale) {
        miss(need, 'the freshdesk contact has no language');
      } else result.fetched.push(need);
    }
    return result;
  },
};
