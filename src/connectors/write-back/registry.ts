import type { ConnectorProvider } from '../adapter';
import { freshdeskWriteBack } from './freshdesk';
import type { WriteBackProvider } from './provider';
import { zendeskWriteBack } from './zendesk';

export const WRITE_BACKS: Partial<Record<ConnectorProvider, WriteBackProvider>> = {
  zendesk: zendeskWriteBack,
  freshdesk: freshdeskWriteBack,
};

export function writeBackFor(provider: ConnectorProvider): WriteBackProvider | undefined {
  return WRITE_BACKS[provider];
}
