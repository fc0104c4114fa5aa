/**
 * An in-process signal that a workspace's settings (the workspace itself, its surveys or its
 * triggers) changed, so that this process's short-lived caches of them drop that workspace at
 * once. Other processes see the change when their cache entry expires (its TTL is the bound).
 */
type Listener = (workspaceId: string) => void;
const listeners = new Set<Listener>();

export function settingsChanged(workspaceId: unknown): void {
  for (const listener of listeners) listener(String(workspaceId));
}

/** Returns the function that stops listening. */
export function onSettingsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A memo of workspace-scoped settings, keyed `${workspaceId}:…`, for `ttlMs`, dropped for a
 * workspace as soon as this process changes its settings.
 */
export function workspaceSettingsCache<V>(ttlMs: number, maxEntries = 2000) {
  const entries = new Map<string, { value: Promise<V>; expires: number }>();
  onSettingsChanged((workspaceId) => {
    for (const key of entries.keys()) if (key.startsWith(`${workspaceId}:`)) entries.delete(key);
  });
  return (workspaceId: unknown, key: string, load: () => Promise<V>): Promise<V> => {
    const full = `${String(workspaceId)}:${key}`;
    const now = Date.now();
    const hit = entries.get(full);
    if (hit && hit.expires > now) return hit.value;
    if (entries.size >= maxEntries) entries.clear();
    const value = load();
    entries.set(full, { value, expires: now + ttlMs });
    value.catch(() => entries.delete(full));
    return value;
  };
}
