import type {
  AdapterSettings,
  Classification,
  ConnectorAdapter,
  EnrichmentNeed,
  InboundDelivery,
  MappedInteraction,
  Verification,
} from '../adapter';
import { firstAccepted, fullName } from './common/contact-fields';
import { compact, tagList, withoutInvalidFields } from './common/draft';
import {
  asArray,
  asId,
  asObject,
  asText,
  parseJsonObject,
  type JsonObject,
} from './common/json-fields';
import { decodeBase64, verifyBodySignature, type BodySignature } from './common/signature';

/**
 * Shopify webhooks: `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the raw body with the
 * app's client secret (or the key shown under Settings → Notifications → Webhooks). The topic is
 * a header; the body of `orders/fulfilled` is the REST Order. Nothing is timestamped in the
 * signature, and retries resend the original payload.
 */
const CLOSE_TOPIC = 'orders/fulfilled';

const SIGNATURE: BodySignature = {
  algorithm: 'sha256',
  header: 'X-Shopify-Hmac-Sha256',
  read: (value) => decodeBase64(value, 32),
  noSecret: 'the connector has no Shopify app secret',
  malformed: 'X-Shopify-Hmac-Sha256 is not a base64 SHA-256 HMAC',
  mismatch: 'X-Shopify-Hmac-Sha256 does not match the body (wrong app secret?)',
};

function verify(delivery: InboundDelivery, settings: AdapterSettings): Verification {
  return verifyBodySignature(delivery, settings.secret, SIGNATURE);
}

/**
 * Order ids pass 2^53 and lose digits as JSON numbers; `admin_graphql_api_id`
 * ("gid://shopify/Order/820982911946154508") keeps them exact, so it is read first.
 */
function exactId(resource: JsonObject | undefined, kind: string): string | undefined {
  const gid = asText(resource?.admin_graphql_api_id);
  const match = gid ? new RegExp(`^gid://shopify/${kind}/(\\d+)$`).exec(gid) : null;
  return match ? match[1] : asId(resource?.id);
}

interface ShopifyPayload {
  order: JsonObject;
  shopDomain?: string;
}

function classify(delivery: InboundDelivery): Classification {
  const topic = asText(delivery.headers['x-shopify-topic']);
  if (!topic) return { kind: 'invalid', reason: 'missing X-Shopify-Topic header' };
  const eventId = asText(delivery.headers['x-shopify-event-id']);
  const webhookId = asText(delivery.headers['x-shopify-webhook-id']);
  const headerKey = eventId
    ? `${eventId}:${topic}`
    : webhookId
      ? `webhook:${webhookId}`
      : undefined;
  if (topic !== CLOSE_TOPIC) {
    return {
      kind: 'ignored',
      event: topic,
      reason: `topic ${topic} is not ${CLOSE_TOPIC}`,
      dedupeKey: headerKey,
    };
  }
  const order = parseJsonObject(delivery.rawBody);
  if (!order) return { kind: 'invalid', reason: 'body is not a JSON object' };
  // Orders placed through a test gateway are the merchant trying the shop, not a customer.
  if (order.test === true) {
    return {
      kind: 'ignored',
      event: topic,
      reason: 'Shopify test order',
      dedupeKey: headerKey,
    };
  }
  const orderId = exactId(order, 'Order');
  if (!orderId) {
    return { kind: 'invalid', reason: 'id (the order id) is missing or not exact' };
  }
  const payload: ShopifyPayload = compact({
    order,
    shopDomain: asText(delivery.headers['x-shopify-shop-domain']),
  });
  return {
    kind: 'close',
    event: topic,
    dedupeKey: headerKey ?? `${orderId}:${topic}`,
    externalId: orderId,
    payload,
  };
}

function nameOf(person: JsonObject | undefined): string | undefined {
  return fullName(person?.first_name, person?.last_name) ?? asText(person?.name);
}

/** When the last fulfilment was made, else when the order last changed. */
function fulfilledAt(order: JsonObject): string | undefined {
  const times = asArray(order.fulfillments)
    .map((f) => asText(asObject(f)?.created_at))
    .filter((t): t is string => t !== undefined && !Number.isNaN(Date.parse(t)))
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return times.at(-1) ?? asText(order.updated_at);
}

/** Shopify's tags are one string, "vip, wholesale"; kept as one attribute in that form. */
function tagsOf(order: JsonObject): string | undefined {
  return tagList((asText(order.tags) ?? '').split(','), ', ');
}

/** `total_price` is a decimal string in the shop's currency ("199.65"). */
function revenueOf(order: JsonObject): number | undefined {
  const raw = order.total_price;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  const text = asText(raw);
  return text && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/** The payload is what `classify` returned ({ order, shopDomain }), or a bare REST Order. */
function toInteraction(payload: unknown): MappedInteraction {
  const wrapper = asObject(payload);
  const wrapped = asObject(wrapper?.order);
  const order = wrapped ?? wrapper ?? {};
  const shopDomain = wrapped ? asText(wrapper?.shopDomain) : undefined;
  const customer = asObject(order.customer);
  const shipping = asObject(order.shipping_address);
  const billing = asObject(order.billing_address);

  const { draft } = withoutInvalidFields(
    compact({
      id: `shopify:${exactId(order, 'Order') ?? ''}`,
      type: 'order.fulfilled',
      occurredAt: fulfilledAt(order),
      customer: compact({
        id: exactId(customer, 'Customer'),
        name: nameOf(customer) ?? nameOf(shipping) ?? nameOf(billing),
        email: firstAccepted('email', [customer?.email, order.email, order.contact_email]),
        phone: firstAccepted('phone', [
          customer?.phone,
          order.phone,
          shipping?.phone,
          billing?.phone,
        ]),
        locale: asText(order.customer_locale),
      }),
      channel: asText(order.source_name),
      attributes: compact({
        tags: tagsOf(order),
        shop_domain: shopDomain,
        revenue: revenueOf(order),
        currency: asText(order.currency),
        order_name: asText(order.name),
      }),
    }),
  );

  // Shopify has no agent or team for an order; only a customer without any contact is worth a
  // look-up (protected customer data may be withheld from the webhook).
  const needs: EnrichmentNeed[] = [];
  if (!draft.customer.email && !draft.customer.phone && draft.customer.id) needs.push('customer');
  return { draft, needs };
}

export const shopifyAdapter: ConnectorAdapter = {
  provider: 'shopify',
  verify,
  classify,
  toInteraction,
};
