/**
 * Shopify webhook deliveries as Shopify sends them (shopify.dev, "Webhooks: delivery structure"
 * and "Verify deliveries"): the topic and ids in X-Shopify-* headers, the REST resource as the
 * body, and `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body with the app secret>`.
 */
import { randomUUID } from 'node:crypto';
import type { SignedDelivery } from './delivery';
import { hmacOf } from './hmac';

export const SHOPIFY_APP_SECRET = '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';
/** Larger than 2^53: as a JSON number it only survives as digits in the raw body. */
export const SHOPIFY_ORDER_ID = '820982911946154508';

/** A fulfilled REST Order (API 2025-07), shaped like Shopify's documented example. */
export function shopifyOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: SHOPIFY_ORDER_ID,
    admin_graphql_api_id: `gid://shopify/Order/${SHOPIFY_ORDER_ID}`,
    name: '#1001',
    order_number: 1001,
    email: 'ana@example.com',
    contact_email: 'ana@example.com',
    phone: null,
    customer_locale: 'fr-FR',
    currency: 'EUR',
    presentment_currency: 'EUR',
    subtotal_price: '189.65',
    total_tax: '31.61',
    total_price: '199.65',
    financial_status: 'paid',
    test: false,
    fulfillment_status: 'fulfilled',
    tags: 'vip, wholesale',
    source_name: 'web',
    created_at: '2026-01-05T10:00:00+01:00',
    updated_at: '2026-01-08T12:15:47+01:00',
    processed_at: '2026-01-05T10:00:00+01:00',
    customer: {
      id: 207119551,
      admin_graphql_api_id: 'gid://shopify/Customer/207119551',
      email: 'ana@example.com',
      first_name: 'Ana',
      last_name: 'Dupont',
      phone: '+33612345678',
      state: 'enabled',
      currency: 'EUR',
      tags: '',
    },
    shipping_address: {
      first_name: 'Ana',
      last_name: 'Dupont',
      name: 'Ana Dupont',
      address1: '12 rue de la Paix',
      city: 'Paris',
      zip: '75002',
      country_code: 'FR',
      phone: '01 23 45 67 89',
    },
    billing_address: { first_name: 'Ana', last_name: 'Dupont', name: 'Ana Dupont', phone: null },
    fulfillments: [
      {
        id: 255858046,
        admin_graphql_api_id: 'gid://shopify/Fulfillment/255858046',
        order_id: SHOPIFY_ORDER_ID,
        status: 'success',
        created_at: '2026-01-08T12:15:45+01:00',
        tracking_company: 'La Poste',
        tracking_number: '6A12345678901',
      },
    ],
    line_items: [
      {
        id: 466157049,
        title: 'IPod Nano - 8gb',
        quantity: 1,
        price: '199.00',
        sku: 'IPOD2008GREEN',
      },
    ],
    ...overrides,
  };
}

/**
 * The body as Shopify writes it: ids are bare JSON numbers, even past 2^53, so the order id
 * (held as digits here) is written without quotes.
 */
export function shopifyBody(resource: Record<string, unknown>): string {
  return JSON.stringify(resource).replace(/"(id|order_id)":"(\d+)"/g, '"$1":$2');
}

export function shopifySignature(body: string, secret: string): string {
  return hmacOf('sha256', secret, body, 'base64');
}

export interface ShopifyDeliveryOptions {
  secret?: string;
  topic?: string;
  order?: Record<string, unknown>;
  body?: string;
  shopDomain?: string;
  eventId?: string | null;
  webhookId?: string;
  apiVersion?: string;
}

/** A signed POST as Shopify makes it. */
export function shopifyDelivery(options: ShopifyDeliveryOptions = {}): SignedDelivery {
  const body = options.body ?? shopifyBody(options.order ?? shopifyOrder());
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Shopify-Topic': options.topic ?? 'orders/fulfilled',
    'X-Shopify-Hmac-Sha256': shopifySignature(body, options.secret ?? SHOPIFY_APP_SECRET),
    'X-Shopify-Shop-Domain': options.shopDomain ?? 'ana-bikes.myshopify.com',
    'X-Shopify-API-Version': options.apiVersion ?? '2025-07',
    'X-Shopify-Webhook-Id': options.webhookId ?? randomUUID(),
    'X-Shopify-Triggered-At': '2026-01-08T11:15:47.123456789Z',
  };
  if (options.eventId !== null) headers['X-Shopify-Event-Id'] = options.eventId ?? randomUUID();
  return { headers, body };
}
