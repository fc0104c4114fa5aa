import ipaddr from 'ipaddr.js';

/** IPv4-compatible IPv6 (::a.b.c.d, deprecated): never a public destination. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * Only global unicast addresses may be reached. ipaddr.js classifies the address (loopback,
 * RFC 1918, unique-local, link-local, CGNAT, unspecified, multicast, NAT64, 6to4, Teredo,
 * reserved…); IPv4-mapped IPv6 is unwrapped first, so ::ffff:127.0.0.1 counts as 127.0.0.1.
 */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv6' && address.match(IPV4_COMPATIBLE)) return false;
  return address.range() === 'unicast';
}

/** "a.example, 127.0.0.1" → normalised host names (lower case, no brackets or trailing dot). */
export function parseAllowHosts(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((h) => normaliseHost(h.trim()))
    .filter((h) => h !== '');
}

export function normaliseHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

export type OutboundUrlCheck =
  { ok: true; url: URL; host: string; allowed: boolean } | { ok: false; reason: string };

export const BLOCKED_REASON = 'must not point to a loopback, private or link-local address';

/**
 * Save-time check of a URL Retour will call: http(s) only, and a literal IP (in any spelling the
 * WHATWG parser accepts: 2130706433, 0177.0.0.1, 0x7f.1, [::ffff:127.0.0.1]…) or a localhost
 * name must be public unless the host is in `allowHosts`. Host names are resolved at connect time.
 */
export function checkOutboundUrl(value: string, allowHosts: readonly string[]): OutboundUrlCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'must be an http or https URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'must be an http or https URL' };
  }
  const host = normaliseHost(url.hostname);
  if (allowHosts.includes(host)) return { ok: true, url, host, allowed: true };
  if (host === 'localhost' || host.endsWith('.localhost'))
    return { ok: false, reason: BLOCKED_REASON };
  if (ipaddr.isValid(host) && !isPublicAddress(host)) return { ok: false, reason: BLOCKED_REASON };
  return { ok: true, url, host, allowed: false };
}
