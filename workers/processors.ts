import type { Container } from '../src/composition-root';
import type { ProcessorMap } from './run-workers';

/** One processor per queue; each lives in its own file and is added here as components land. */
export function buildProcessors(_container: Container): ProcessorMap {
  return {};
}
