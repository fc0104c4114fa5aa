/** The gap between two rules' priorities after a reorder, so a rule fits between any two. */
export const PRIORITY_STEP = 10;

/**
 * Moves one rule up or down the list (ordered by priority, first runs first) and numbers the
 * list anew; returns only the priorities that change, pure. `expectedIndex` makes a repeated
 * post harmless: when the rule is no longer where the form saw it, nothing moves.
 */
export function moveRule(
  ordered: readonly { id: string; priority: number }[],
  id: string,
  direction: 'up' | 'down',
  expectedIndex?: number,
): { id: string; priority: number }[] {
  const index = ordered.findIndex((r) => r.id === id);
  if (index < 0 || (expectedIndex !== undefined && expectedIndex !== index)) return [];
  const target = direction === 'up' ? index - 1 : index + 1;
  if (target < 0 || target >= ordered.length) return [];
  const next = [...ordered];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next.flatMap((rule, i) => {
    const priority = (i + 1) * PRIORITY_STEP;
    return rule.priority === priority ? [] : [{ id: rule.id, priority }];
  });
}

/** The priority of a rule added at the end of the list. */
export function priorityAfter(ordered: readonly { priority: number }[]): number {
  const last = ordered.reduce((max, r) => Math.max(max, r.priority), 0);
  return Math.min(10_000, last + PRIORITY_STEP);
}
