/** Dot paths into a JSON payload (`ticket.requester.email`, `tags.0`), for the generic connector. */

const SEGMENT = /^[^.\s]+$/;
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

export function isDotPath(path: string): boolean {
  const parts = path.split('.');
  return parts.length <= 20 && parts.every((p) => SEGMENT.test(p) && !FORBIDDEN.has(p));
}

/** The value at `path`, or undefined when any step is missing. Own properties only. */
export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Sets `path` in `target`, creating plain objects on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object') node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

const TARGETS = new Set([
  'id',
  'type',
  'occurredAt',
  'team',
  'channel',
  'customer.id',
  'customer.name',
  'customer.email',
  'customer.phone',
  'customer.locale',
  'customer.timezone',
  'agent.id',
  'agent.name',
  'agent.email',
]);

/** The interaction fields a generic mapping may fill. */
export function isMappingTarget(key: string): boolean {
  if (TARGETS.has(key)) return true;
  const rest = key.startsWith('attributes.') ? key.slice('attributes.'.length) : '';
  return rest !== '' && !rest.includes('.') && isDotPath(rest);
}
