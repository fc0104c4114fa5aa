import { createHash } from 'node:crypto';
import type { EnrichmentNeed } from '../adapter';
import { allMissing, startResult, type ProviderEnricher } from './enricher';
import { email, fillCustomer, fullName, list, phone, record, text } from './fields';
import type { ApiAnswer, ProviderApi } from './provider-api';

/**
 * Help Scout Mailbox API 2.0: `GET /v2/customers/{id}` (the phones are in `_embedded.phones`)
 * and `GET /v2/mailboxes/{id}` (the team). OAuth2 client credentials: `POST /v2/oauth2/token`
 * with the App ID (`api.accountId`) and App Secret (`api.token`); the access token is kept in
 * this process until shortly before it expires (Help Scout gives them 2 days).
 */
const tokens = new Map<string, { token: string; until: number }>();

export async function accessToken(
  http: ProviderApi,
  baseUrl: string,
  appId: string,
  appSecret: string,
  fresh: boolean,
): Promise<{ token: string } | { reason: string }> {
  const key = `${baseUrl}|${appId}|${createHash('sha256').update(appSecret).digest('hex')}`;
  const cached = tokens.get(key);
  if (!fresh && cached && cached.until > Date.now()) return { token: cached.token };
  const answer = await http.call({
    method: 'POST',
    url: `${baseUrl}/v2/oauth2/token`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: appId,
      client_secret: appSecret,
    }).toString(),
  });
  const json = answer.ok ? record(answer.json) : undefined;
  const token = text(json?.access_token, 4000);
  if (!token) {
    tokens.delete(key);
    return {
      reason: answer.ok ? 'helpscout gave no access token' : `${answer.reason} for a token`,
    };
  }
  const expiresIn = typeof json?.expires_in === 'number' ? json.expires_in : 3600;
  tokens.set(key, { token, until: Date.now() + Math.max(0, expiresIn - 60) * 1000 });
  return { token };
}

export const helpscoutEnricher: ProviderEnricher = {
  provider: 'helpscout',
  defaultBaseUrl: 'https://api.helpscout.net',
  async enrich(draft, needs, api, http) {
    if (!api.accountId) {
      return allMissing(draft, needs, 'helpscout needs api.accountId (the App ID)');
    }
    let token = await accessToken(http, api.baseUrl, api.accountId, api.token, false);
    if ('reason' in token) return allMissing(draft, needs, token.reason);
    const get = async (path: string): Promise<ApiAnswer> => {
      const call = (t: string) =>
        http.call({ url: `${api.baseUrl}${path}`, headers: { Authorization: `Bearer ${t}` } });
      const answer = await call((token as { token: string }).token);
      if (answer.ok || answer.status !== 401) return answer;
      // A token revoked or expired early: one new token, one more try.
      token = await accessToken(http, api.baseUrl, api.accountId!, api.token, true);
      return 'reason' in token ? { ok: false, reason: token.reason } : call(token.token);
    };
    const result = startResult(draft);
    const d = result.draft;
    const miss = (need: EnrichmentNeed, reason: string) => result.missing.push({ need, reason });

    const customerNeeds = needs.filter((n) => n.startsWith('customer'));
    if (customerNeeds.length > 0) {
      const id = text(d.customer.id);
      const answer = id
        ? await get(`/v2/customers/${encodeURIComponent(id)}`)
        : { ok: false as const, reason: 'no customer id in the payload' };
      if (answer.ok) {
        const customer = record(answer.json) ?? {};
        const embedded = record(customer._embedded) ?? {};
        const firstValue = (items: unknown, pick: (v: unknown) => string | undefined) =>
          list(items)
            .map((item) => pick(record(item)?.value))
            .find((v) => v !== undefined);
        fillCustomer(d, {
          name: fullName(customer.firstName, customer.lastName),
          email: firstValue(embedded.emails, email),
          phone: firstValue(embedded.phones, phone),
        });
        for (const need of customerNeeds) {
          if (need === 'customer.phone' && !d.customer.phone) {
            miss(need, 'the helpscout customer has no phone in E.164 form');
          } else result.fetched.push(need);
        }
      } else customerNeeds.forEach((n) => miss(n, answer.reason));
    }
    if (needs.includes('team')) {
      const id = text(record(d.attributes)?.mailbox_id);
      const answer = id
        ? await get(`/v2/mailboxes/${encodeURIComponent(id)}`)
        : { ok: false as const, reason: 'no mailbox id in the payload' };
      const name = answer.ok ? text(record(answer.json)?.name, 100) : undefined;
      if (name) {
        d.team = name;
        result.fetched.push('team');
      } else miss('team', answer.ok ? 'the helpscout mailbox has no name' : answer.reason);
    }
    return result;
  },
};
