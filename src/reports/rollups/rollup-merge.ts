import type { ScoreGroupRow } from '../pipelines/score-groups';

/** Invitations that reached someone, and the answered ones among them. */
export interface Reach {
  reached: number;
  answered: number;
}

/**
 * The additive sums behind a score table: overall and per group, answers and invitations.
 * Raw pipelines and rollup rows both produce it, so the parts of one range simply add up.
 */
export interface SumsTable {
  /** null when nothing was answered. */
  overall: ScoreGroupRow | null;
  rows: ScoreGroupRow[];
  reach: Reach;
  /** By the group's text key (see keyText). */
  groupReach: Map<string | null, Reach>;
}

export const EMPTY_TABLE: SumsTable = {
  overall: null,
  rows: [],
  reach: { reached: 0, answered: 0 },
  groupReach: new Map(),
};

const TYPE_RANK: Record<string, number> = {
  undefined: 1,
  number: 2,
  bigint: 2,
  string: 3,
  object: 4,
  boolean: 8,
};

/** MongoDB's sort order for group keys: null, numbers, strings, objects, booleans, dates. */
export function compareKeys(a: unknown, b: unknown): number {
  const rank = (v: unknown) =>
    v === null || v === undefined
      ? 1
      : v instanceof Date
        ? 9
        : Array.isArray(v)
          ? 5
          : (TYPE_RANK[typeof v] ?? 10);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (ra === 1) return 0;
  if (ra === 2) return Number(a) - Number(b);
  const [sa, sb] = ra === 3 ? [a as string, b as string] : [JSON.stringify(a), JSON.stringify(b)];
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** The identity of a group key as MongoDB's $group sees it: null and missing are one group. */
export function valueIdentity(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return `date:${v.getTime()}`;
  return typeof v === 'object' ? `json:${JSON.stringify(v)}` : `${typeof v}:${String(v)}`;
}

/** The larger of two labels, as $max compares them (null when both are missing). */
export function maxLabel(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return b > a ? b : a;
}

export function addRows(a: ScoreGroupRow, b: ScoreGroupRow): ScoreGroupRow {
  const counts = { ...a.counts };
  for (const [k, v] of Object.entries(b.counts)) counts[k] = (counts[k] ?? 0) + v;
  return {
    key: a.key,
    label: maxLabel(a.label, b.label),
    n: a.n + b.n,
    sum: a.sum + b.sum,
    sumSq: a.sumSq + b.sumSq,
    counts,
  };
}

export const addReach = (a: Reach, b: Reach): Reach => ({
  reached: a.reached + b.reached,
  answered: a.answered + b.answered,
});

/**
 * Adds two tables of the same query over disjoint parts of its range. `identity` says which
 * group keys are the same group (periods compare by their first local day); `order` sorts them.
 */
export function mergeTables(
  a: SumsTable,
  b: SumsTable,
  identity: (key: unknown) => string,
  order: (x: ScoreGroupRow, y: ScoreGroupRow) => number,
): SumsTable {
  const rows = new Map<string, ScoreGroupRow>();
  for (const row of [...a.rows, ...b.rows]) {
    const id = identity(row.key);
    const seen = rows.get(id);
    rows.set(id, seen ? addRows(seen, row) : row);
  }
  const groupReach = new Map(a.groupReach);
  for (const [key, reach] of b.groupReach) {
    const seen = groupReach.get(key);
    groupReach.set(key, seen ? addReach(seen, reach) : reach);
  }
  const overall = a.overall && b.overall ? addRows(a.overall, b.overall) : (a.overall ?? b.overall);
  return {
    overall,
    rows: [...rows.values()].sort(order),
    reach: addReach(a.reach, b.reach),
    groupReach,
  };
}
