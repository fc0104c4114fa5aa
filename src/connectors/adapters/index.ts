import type { ConnectorAdapter, ConnectorProvider } from '../adapter';
import { chatwootAdapter } from './chatwoot';
import { freshdeskAdapter } from './freshdesk';
import { genericAdapter } from './generic';
import { helpscoutAdapter } from './helpscout';
import { intercomAdapter } from './intercom';
import { shopifyAdapter } from './shopify';
import { zendeskAdapter } from './zendesk';

/** provider → adapter. A provider without an entry cannot be chosen (400 "not available yet"). */
export const ADAPTERS: Partial<Record<ConnectorProvider, ConnectorAdapter>> = {
  zendesk: zendeskAdapter,
  freshdesk: freshdeskAdapter,
  intercom: intercomAdapter,
  helpscout: helpscoutAdapter,
  chatwoot: chatwootAdapter,
  shopify: shopifyAdapter,
  generic: genericAdapter,
};

export function adapterFor(provider: string): ConnectorAdapter | undefined {
  return Object.prototype.hasOwnProperty.call(ADAPTERS, provider)
    ? ADAPTERS[provider as ConnectorProvider]
    : undefined;
}
