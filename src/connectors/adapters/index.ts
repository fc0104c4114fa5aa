import type { ConnectorAdapter, ConnectorProvider } from '../adapter';
import { genericAdapter } from './generic';

/**
 * provider → adapter. A provider without an entry cannot be chosen yet (creating its
 * connector answers 400 "not available yet"); each adapter file adds itself here.
 */
export const ADAPTERS: Partial<Record<ConnectorProvider, ConnectorAdapter>> = {
  generic: genericAdapter,
};

export function adapterFor(provider: string): ConnectorAdapter | undefined {
  return Object.prototype.hasOwnProperty.call(ADAPTERS, provider)
    ? ADAPTERS[provider as ConnectorProvider]
    : undefined;
}
