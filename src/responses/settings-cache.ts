/**
 * Surveys and workspaces by id for the survey pages, which read them on every view.
 *
 * An entry is stored with the `updatedAt` the caller saw in MongoDB when it asked. A caller that
 * read the current `updatedAt` (the answer and thank-you reads join it) passes it, and a
 * different one reloads: those pages are never stale, whichever process changed the settings.
 * A caller without it (the page's first read, a findOneAndUpdate that cannot join) accepts an
 * entry younger than `ttlMs`: across processes a change shows there within `ttlMs`.
 * Bounded, so a process serving many workspaces stays small.
 */
export function settingsCache<V>(ttlMs: number, maxEntries = 2000) {
  interface Entry {
    value: Promise<V | null>;
    version: number | null;
    expires: number;
  }
  const entries = new Map<string, Entry>();
  return {
    get(key: string, updatedAt: Date | null | undefined, load: () => Promise<V | null>) {
      const now = Date.now();
      const version = updatedAt ? updatedAt.getTime() : null;
      const hit = entries.get(key);
      if (hit && (version === null ? hit.expires > now : hit.version === version)) {
        if (version !== null) hit.expires = now + ttlMs;
        return hit.value;
      }
      if (entries.size >= maxEntries) entries.clear();
      const value = load();
      // Unversioned loads read the document after now, so whatever version they get is fresh.
      entries.set(key, { value, version, expires: now + ttlMs });
      value.then(
        (v) => v === null && entries.delete(key),
        () => entries.delete(key),
      );
      return value;
    },
    forget(key: string) {
      entries.delete(key);
    },
  };
}
