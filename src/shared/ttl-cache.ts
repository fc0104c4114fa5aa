/**
 * A small time-bounded memo for settings read on every job (workspace, survey): a change is seen
 * by the workers within `ttlMs`. Bounded so a process serving many workspaces stays small.
 */
export function ttlCache<V>(ttlMs: number, maxEntries = 1000) {
  const entries = new Map<string, { value: Promise<V>; expires: number }>();
  return (key: string, load: () => Promise<V>): Promise<V> => {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (entries.size >= maxEntries) entries.clear();
    const value = load();
    entries.set(key, { value, expires: now + ttlMs });
    value.catch(() => entries.delete(key));
    return value;
  };
}
