import { startFakeApi, splitPath, type FakeApi, type RecordedRequest } from './fake-api';

/**
 * Shopify Admin GraphQL API (shopify.dev/docs/api/admin-graphql), the one mutation Retour
 * sends: `POST /admin/api/{version}/graphql.json` with `tagsAdd(id, tags)` →
 * `{ data: { tagsAdd: { node: { id }, userErrors } } }`. Auth is `X-Shopify-Access-Token`; a
 * wrong one gets 401 `{ errors: "[API] Invalid API key or access token …" }`. An order the
 * fake does not know answers `userErrors: [{ message: "Order does not exist" }]` with 200, as
 * GraphQL does; `throttleNext` answers Shopify's 200 `THROTTLED` error.
 */
export interface ShopifyApi extends FakeApi {
  token: string;
  /** The tags on an order, by its numeric id. */
  tagsOf(orderId: string): string[];
  throttleNext(): void;
}

export async function startShopifyApi(data: {
  token: string;
  orders: { id: string; tags: string[] }[];
}): Promise<ShopifyApi> {
  const tags = new Map(data.orders.map((o) => [o.id, [...o.tags]]));
  let throttle = 0;
  const route = (req: RecordedRequest) => {
    if (req.headers['x-shopify-access-token'] !== data.token) {
      return {
        status: 401,
        body: {
          errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
        },
      };
    }
    if (
      req.method !== 'POST' ||
      !/^\/admin\/api\/[\d-]+\/graphql\.json$/.test(splitPath(req.path).pathname)
    ) {
      return null;
    }
    if (throttle > 0) {
      throttle -= 1;
      return {
        status: 200,
        body: {
          errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
          extensions: {
            cost: { requestedQueryCost: 10, throttleStatus: { currentlyAvailable: 0 } },
          },
        },
      };
    }
    const { query, variables } = JSON.parse(req.body) as {
      query: string;
      variables: { id: string; tags: string[] };
    };
    if (!/tagsAdd\(/.test(query)) {
      return { status: 200, body: { errors: [{ message: 'only tagsAdd is faked' }] } };
    }
    const orderId = /^gid:\/\/shopify\/Order\/(\d+)$/.exec(variables.id)?.[1];
    const current = orderId ? tags.get(orderId) : undefined;
    if (!orderId || !current) {
      return {
        status: 200,
        body: {
          data: {
            tagsAdd: {
              node: null,
              userErrors: [{ field: ['id'], message: 'Order does not exist' }],
            },
          },
        },
      };
    }
    for (const t of variables.tags) if (!current.includes(t)) current.push(t);
    return {
      status: 200,
      body: { data: { tagsAdd: { node: { id: variables.id }, userErrors: [] } } },
    };
  };
  const api = await startFakeApi(route, () => ({ status: 404, body: { errors: 'Not Found' } }));
  return {
    ...api,
    token: data.token,
    tagsOf: (id) => tags.get(id) ?? [],
    throttleNext: () => {
      throttle += 1;
    },
  };
}
