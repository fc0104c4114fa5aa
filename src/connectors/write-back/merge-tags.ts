/** The tags to send when the provider's call replaces the list: theirs, then ours; null if none is new. */
export function mergedTags(existing: readonly string[], ours: readonly string[]): string[] | null {
  const have = new Set(existing.map((t) => t.toLowerCase()));
  const added = ours.filter((t) => !have.has(t.toLowerCase()));
  return added.length > 0 ? [...existing, ...added] : null;
}
