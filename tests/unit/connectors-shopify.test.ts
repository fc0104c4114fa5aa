import { shopifyAdapter } from '../../src/connectors/adapters/shopify';
import { interactionInput } from '../../src/interactions/interactions.schema';
import { asInbound, withHeaders } from '../support/connectors/delivery';
import {
  SHOPIFY_APP_SECRET,
  SHOPIFY_ORDER_ID,
  shopifyBody,
  shopifyDelivery,
  shopifyOrder,
} from '../support/connectors/shopify-webhooks';

const settings = { secret: SHOPIFY_APP_SECRET };
const now = new Date('2026-01-08T11:15:48Z');

function verify(delivery = shopifyDelivery()) {
  return shopifyAdapter.verify(asInbound(delivery), settings, now);
}

function classify(options: Parameters<typeof shopifyDelivery>[0] = {}) {
  return shopifyAdapter.classify(asInbound(shopifyDelivery(options)), settings);
}

function fulfilled(order = shopifyOrder()) {
  const c = classify({ order });
  if (c.kind !== 'close') throw new Error(`expected a close, got ${JSON.stringify(c)}`);
  return shopifyAdapter.toInteraction(c.payload, settings);
}

describe('Shopify adapter: signature', () => {
  it('accepts a delivery signed with the app secret', () => {
    expect(verify()).toEqual({ ok: true });
  });

  it('refuses a body changed after signing', () => {
    const good = shopifyDelivery();
    const tampered = { ...good, body: good.body.replace('"199.65"', '"1.00"') };
    expect(tampered.body).not.toBe(good.body);
    expect(verify(tampered)).toEqual({
      ok: false,
      reason: expect.stringMatching(/does not match/),
    });
  });

  it('refuses a delivery signed with another secret', () => {
    expect(verify(shopifyDelivery({ secret: 'shpss_other' }))).toEqual({
      ok: false,
      reason: expect.stringMatching(/does not match/),
    });
  });

  it('refuses a delivery without X-Shopify-Hmac-Sha256', () => {
    expect(verify(withHeaders(shopifyDelivery(), { 'X-Shopify-Hmac-Sha256': undefined }))).toEqual({
      ok: false,
      reason: 'missing X-Shopify-Hmac-Sha256 header',
    });
  });

  it.each([
    ['hex instead of base64', (sig: string) => Buffer.from(sig, 'base64').toString('hex')],
    ['a truncated digest', (sig: string) => sig.slice(0, 40)],
    ['a SHA-1 digest', () => Buffer.alloc(20, 7).toString('base64')],
    ['not base64 at all', () => 'sha256=abc!'],
  ])('refuses a malformed signature: %s', (_name, change) => {
    const good = shopifyDelivery();
    const bad = withHeaders(good, {
      'X-Shopify-Hmac-Sha256': change(good.headers['X-Shopify-Hmac-Sha256']!),
    });
    expect(verify(bad)).toEqual({ ok: false, reason: expect.stringMatching(/not a base64/) });
  });
});

describe('Shopify adapter: classification', () => {
  it('orders/fulfilled is a close, deduped by X-Shopify-Event-Id and topic', () => {
    const c = classify({ eventId: '98880550-7158-44d4-b7cd-2c97c8a091b5' });
    expect(c).toEqual({
      kind: 'close',
      event: 'orders/fulfilled',
      dedupeKey: '98880550-7158-44d4-b7cd-2c97c8a091b5:orders/fulfilled',
      externalId: SHOPIFY_ORDER_ID,
      payload: { order: expect.any(Object), shopDomain: 'ana-bikes.myshopify.com' },
    });
  });

  it('two subscriptions to the same event deliver under distinct webhook ids but one key', () => {
    const a = classify({ eventId: 'evt-1', webhookId: 'w-1' });
    const b = classify({ eventId: 'evt-1', webhookId: 'w-2' });
    expect(a.kind === 'close' && a.dedupeKey).toBe('evt-1:orders/fulfilled');
    expect(b).toEqual(a);
  });

  it('without X-Shopify-Event-Id, dedupes by X-Shopify-Webhook-Id', () => {
    expect(
      classify({ eventId: null, webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' }),
    ).toMatchObject({ kind: 'close', dedupeKey: 'webhook:b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' });
  });

  it('keeps all 18 digits of an order id past 2^53', () => {
    const body = shopifyDelivery().body;
    expect(body).toContain(`"id":${SHOPIFY_ORDER_ID},`);
    expect(String(JSON.parse(body).id)).not.toBe(SHOPIFY_ORDER_ID);
    expect(classify()).toMatchObject({ externalId: SHOPIFY_ORDER_ID });
  });

  it('refuses an unsafe numeric id without admin_graphql_api_id rather than guess its digits', () => {
    const order = shopifyOrder({ admin_graphql_api_id: undefined });
    expect(classify({ order })).toEqual({
      kind: 'invalid',
      reason: expect.stringMatching(/order id/),
    });
    const small = shopifyOrder({ id: '450789469', admin_graphql_api_id: undefined });
    expect(classify({ order: small })).toMatchObject({ kind: 'close', externalId: '450789469' });
  });

  it.each(['orders/create', 'orders/paid', 'fulfillments/create', 'app/uninstalled'])(
    'topic %s is ignored',
    (topic) => {
      expect(classify({ topic, eventId: 'evt-2' })).toEqual({
        kind: 'ignored',
        event: topic,
        reason: `topic ${topic} is not orders/fulfilled`,
        dedupeKey: 'evt-2:' + topic,
      });
    },
  );

  it('a test order (placed through a test gateway) is ignored', () => {
    expect(classify({ order: shopifyOrder({ test: true }), eventId: 'evt-3' })).toEqual({
      kind: 'ignored',
      event: 'orders/fulfilled',
      reason: 'Shopify test order',
      dedupeKey: 'evt-3:orders/fulfilled',
    });
  });

  it('a delivery without X-Shopify-Topic is invalid', () => {
    const c = shopifyAdapter.classify(
      asInbound(withHeaders(shopifyDelivery(), { 'X-Shopify-Topic': undefined })),
      settings,
    );
    expect(c).toEqual({ kind: 'invalid', reason: 'missing X-Shopify-Topic header' });
  });

  it('a body that is not a JSON object is invalid', () => {
    expect(classify({ body: '[1,2]' })).toEqual({
      kind: 'invalid',
      reason: 'body is not a JSON object',
    });
  });
});

describe('Shopify adapter: interaction', () => {
  it('maps a fulfilled order to a valid interaction with revenue', () => {
    const { draft, needs } = fulfilled();
    expect(draft).toEqual({
      id: `shopify:${SHOPIFY_ORDER_ID}`,
      type: 'order.fulfilled',
      occurredAt: '2026-01-08T12:15:45+01:00',
      customer: {
        id: '207119551',
        name: 'Ana Dupont',
        email: 'ana@example.com',
        phone: '+33612345678',
        locale: 'fr-FR',
      },
      channel: 'web',
      attributes: {
        tags: 'vip, wholesale',
        shop_domain: 'ana-bikes.myshopify.com',
        revenue: 199.65,
        currency: 'EUR',
        order_name: '#1001',
      },
    });
    expect(needs).toEqual([]);
    const parsed = interactionInput.safeParse(draft);
    expect(parsed.success && parsed.data.customer.locale).toBe('fr-FR');
  });

  it('a guest checkout takes the order email and a valid shipping phone', () => {
    const { draft } = fulfilled(
      shopifyOrder({
        customer: null,
        email: 'guest@example.com',
        shipping_address: { first_name: 'Léa', last_name: 'Roy', phone: '+33698765432' },
      }),
    );
    expect(draft.customer).toEqual({
      name: 'Léa Roy',
      email: 'guest@example.com',
      phone: '+33698765432',
      locale: 'fr-FR',
    });
    expect(interactionInput.safeParse(draft).success).toBe(true);
  });

  it('drops a phone written the local way rather than refuse the interaction', () => {
    const base = shopifyOrder();
    const { draft } = fulfilled({
      ...base,
      customer: { ...(base.customer as object), phone: null },
    });
    expect(draft.customer.phone).toBeUndefined();
    expect(interactionInput.safeParse(draft).success).toBe(true);
  });

  it('skips a phone written the local way for the next one that is valid', () => {
    const base = shopifyOrder();
    const { draft } = fulfilled({
      ...base,
      customer: { ...(base.customer as object), phone: '06 12 34 56 78' },
      billing_address: { name: 'Ana Dupont', phone: '+33698765432' },
    });
    expect(draft.customer.phone).toBe('+33698765432');
  });

  it('a customer whose contact data is withheld is looked up', () => {
    const base = shopifyOrder();
    const { draft, needs } = fulfilled({
      ...base,
      email: null,
      contact_email: null,
      customer: { id: 207119551, admin_graphql_api_id: 'gid://shopify/Customer/207119551' },
      shipping_address: null,
      billing_address: null,
    });
    expect(draft.customer).toEqual({ id: '207119551', locale: 'fr-FR' });
    expect(needs).toEqual(['customer']);
  });

  it('takes the latest fulfilment time, and the update time when there is none', () => {
    const two = shopifyOrder({
      fulfillments: [
        { id: 2, created_at: '2026-01-09T08:00:00+01:00' },
        { id: 1, created_at: '2026-01-08T12:15:45+01:00' },
      ],
    });
    expect(fulfilled(two).draft.occurredAt).toBe('2026-01-09T08:00:00+01:00');
    expect(fulfilled(shopifyOrder({ fulfillments: [] })).draft.occurredAt).toBe(
      '2026-01-08T12:15:47+01:00',
    );
  });

  it('no tags and a zero total are kept as they are', () => {
    const { draft } = fulfilled(shopifyOrder({ tags: '', total_price: '0.00' }));
    expect(draft.attributes).toEqual({
      shop_domain: 'ana-bikes.myshopify.com',
      revenue: 0,
      currency: 'EUR',
      order_name: '#1001',
    });
  });

  it('a bare REST order (from the API) maps the same, without the shop domain', () => {
    const order = JSON.parse(shopifyBody(shopifyOrder())) as unknown;
    const { draft } = shopifyAdapter.toInteraction(order, settings);
    expect(draft.id).toBe(`shopify:${SHOPIFY_ORDER_ID}`);
    expect(draft.attributes).not.toHaveProperty('shop_domain');
  });
});
