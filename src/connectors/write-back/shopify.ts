import { EnrichmentRetryError } from '../enrichment/retry-error';
import { record } from '../enrichment/fields';
import type { WriteBackProvider } from './provider';

/** The Admin GraphQL API version Retour calls. */
export const SHOPIFY_API_VERSION = '2025-07';

const TAGS_ADD = `mutation RetourTagsAdd($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } }
}`;

/**
 * Shopify has no note API for orders: tags only, through the Admin GraphQL API's `tagsAdd`
 * (adds, never replaces), on `gid://shopify/Order/<id>`, header `X-Shopify-Access-Token`.
 * GraphQL answers 200 even for a refusal (`userErrors`) or its rate limit (`THROTTLED`, which is
 * retried like a 429).
 */
export const shopifyWriteBack: WriteBackProvider = {
  provider: 'shopify',
  steps(request, api) {
    const tags = request.tags;
    if (!tags?.length) {
      return { cannot: 'shopify orders take no notes: turn writeBack.tags on for shopify' };
    }
    return [
      {
        name: 'tags',
        run: async (http) => {
          const answer = await http.call({
            method: 'POST',
            url: `${api.baseUrl}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
            headers: { 'X-Shopify-Access-Token': api.token, 'Content-Type': 'application/json' },
            body: JSON.stringify({
              query: TAGS_ADD,
              variables: { id: `gid://shopify/Order/${request.target}`, tags },
            }),
          });
          if (!answer.ok) return answer;
          const json = record(answer.json);
          const errors = Array.isArray(json?.errors) ? json.errors : [];
          if (errors.some((e) => record(record(e)?.extensions)?.code === 'THROTTLED')) {
            throw new EnrichmentRetryError('shopify answered THROTTLED', undefined, 200);
          }
          const userErrors = record(record(json?.data)?.tagsAdd)?.userErrors;
          const problems = [...errors, ...(Array.isArray(userErrors) ? userErrors : [])]
            .map((e) => record(e)?.message)
            .filter((m): m is string => typeof m === 'string');
          if (problems.length > 0) {
            return {
              ok: false,
              reason: 'shopify refused the tags',
              status: answer.status,
              detail: problems.join('; ').slice(0, 500),
            };
          }
          return answer;
        },
      },
    ];
  },
};
