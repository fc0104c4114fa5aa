import { isIP } from 'node:net';

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(part: string): boolean {
  if (NAMED.has(part)) return true;
  const [address, prefix, ...rest] = part.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * Express's `trust proxy`: a hop count ("1" behind one load balancer) or a comma list of
 * addresses, subnets and the names loopback / linklocal / uniquelocal. Never `true`: that would
 * let any client choose its own IP for the rate limits.
 */
export function parseTrustProxy(value: string): number | string[] | null {
  const text = value.trim();
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const parts = text.split(',').map((p) => p.trim());
  return parts.length > 0 && parts.every(isAddressOrSubnet) ? parts : null;
}
