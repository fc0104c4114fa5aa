import type { InboundDelivery } from '../../../src/connectors/adapter';

/** A delivery as a provider puts it on the wire: header names in the provider's casing, the body text. */
export interface FakeDelivery {
  headers: Record<string, string>;
  body: string;
}

/** What the route hands an adapter: header names lower-cased as Node's HTTP parser does, raw bytes. */
export function asInbound(delivery: FakeDelivery): InboundDelivery {
  const headers = Object.fromEntries(
    Object.entries(delivery.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return { headers, rawBody: Buffer.from(delivery.body, 'utf8') };
}

export function withoutHeader(delivery: FakeDelivery, name: string): FakeDelivery {
  const headers = { ...delivery.headers };
  for (const key of Object.keys(headers))
    if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  return { ...delivery, headers };
}
