import type { Express } from 'express';
import request from 'supertest';
import type { InboundDelivery } from '../../../src/connectors/adapter';

/** A webhook as a provider puts it on the wire: its header names as it spells them, its body bytes. */
export interface SignedDelivery {
  headers: Record<string, string>;
  body: string;
}

/** What an HTTP server hands the adapter: Node lower-cases header names; the body stays raw bytes. */
export function asInbound(delivery: SignedDelivery): InboundDelivery {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(delivery.headers)) headers[name.toLowerCase()] = value;
  return { headers, rawBody: Buffer.from(delivery.body, 'utf8') };
}

/**
 * The same delivery with some headers replaced (or removed with undefined). Header names match
 * whatever their case, as in HTTP.
 */
export function withHeaders(
  delivery: SignedDelivery,
  changes: Record<string, string | undefined>,
): SignedDelivery {
  const headers = { ...delivery.headers };
  for (const [name, value] of Object.entries(changes)) {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
    }
    if (value !== undefined) headers[name] = value;
  }
  return { headers, body: delivery.body };
}

export function withoutHeader(delivery: SignedDelivery, name: string): SignedDelivery {
  return withHeaders(delivery, { [name]: undefined });
}

/** POSTs the delivery to the app as the provider would: its headers, its exact body bytes. */
export function postDelivery(app: Express, path: string, delivery: SignedDelivery) {
  return request(app).post(path).set(delivery.headers).send(delivery.body);
}
