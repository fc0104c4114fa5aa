import type { ConnectorProvider } from '../adapter';
import { chatwootWriteBack } from './chatwoot';
import { freshdeskWriteBack } from './freshdesk';
import { helpscoutWriteBack } from './helpscout';
import { intercomWriteBack } from './intercom';
import type { WriteBackProvider } from './provider';
import { shopifyWriteBack } from './shopify';
import { zendeskWriteBack } from './zendesk';

export const WRITE_BACKS: Partial<Record<ConnectorProvider, WriteBackProvider>> = {
  zendesk: zendeskWriteBack,
  freshdesk: freshdeskWriteBack,
  intercom: intercomWriteBack,
  helpscout: helpscoutWriteBack,
  chatwoot: chatwootWriteBack,
  shopify: shopifyWriteBack,
};

export function writeBackFor(provider: ConnectorProvider): WriteBackProvider | undefined {
  return WRITE_BACKS[provider];
}
