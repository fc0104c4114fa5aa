/** Who gets a new task, pure: the service loads the candidates and the counters. */
export interface Candidate {
  id: string;
  name: string;
}

/** The n-th task of a team (1-based, from the atomic counter) goes to the next member in turn. */
export function pickRoundRobin<T extends Candidate>(members: readonly T[], n: number): T | null {
  if (members.length === 0) return null;
  const sorted = [...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = (((n - 1) % sorted.length) + sorted.length) % sorted.length;
  return sorted[index] ?? null;
}

/** The member with the fewest open tasks; ties go to the lowest id, so the choice is stable. */
export function pickLeastLoaded<T extends Candidate>(
  members: readonly T[],
  openTasks: ReadonlyMap<string, number>,
): T | null {
  let best: T | null = null;
  let bestLoad = Infinity;
  for (const member of members) {
    const load = openTasks.get(member.id) ?? 0;
    if (load < bestLoad || (load === bestLoad && best !== null && member.id < best.id)) {
      best = member;
      bestLoad = load;
    }
  }
  return best;
}
