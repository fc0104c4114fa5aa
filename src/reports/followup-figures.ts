import { maxLabel } from './rollups/rollup-merge';
import { round, timeFigures, type TimeFigures } from './statistics';

/** One follow-up task as the follow-up pipeline projects it. */
export interface FollowupTask {
  /** The task's _id as text: breaks ties between tasks created in the same millisecond. */
  id: string;
  assigneeId: string | null;
  assigneeName: string | null;
  team: string | null;
  status: string;
  createdAt: Date;
  firstActionAt: Date | null;
  resolvedAt: Date | null;
  dueAt: Date;
  overdue: boolean;
  /** outcome.reachedCustomer; null while no outcome says. */
  reachedCustomer: boolean | null;
  noteCount: number;
}

/** One unhappy answer (detractor, unsatisfied, hard) with the tasks rules made for it. */
export interface DetractorRow {
  /** The team on the answer's segment snapshot. */
  team: string | null;
  tasks: FollowupTask[];
}

export interface FollowupFigures {
  /** Unhappy answers in the range. */
  detractors: number;
  /** Each funnel stage is a subset of the one before: with a task ⊇ contacted ⊇ resolved. */
  withTask: number;
  contacted: number;
  /** Resolved after the customer was contacted. */
  resolved: number;
  /** Resolved without reaching the customer: outside the funnel, shown beside it. */
  resolvedWithoutContact: number;
  /** Each as % of `detractors`, one decimal; null when there are none. */
  shares: { withTask: number | null; contacted: number | null; resolved: number | null };
  /** Seconds from the task's creation to its first action / to its resolution. */
  timeToFirstAction: TimeFigures;
  timeToResolution: TimeFigures;
  /** Follow-ups overdue, resolved after their due date, or still open past it. */
  slaBreaches: number;
}

export type FollowupGroupBy = 'agent' | 'team';

/**
 * When rules made several tasks for one answer, the first one created is its follow-up; the
 * lower id among tasks created in the same millisecond ($lookup returns them in no set order).
 */
export function primaryTask(tasks: readonly FollowupTask[]): FollowupTask | null {
  let first: FollowupTask | null = null;
  for (const t of tasks) {
    const earlier =
      !first ||
      t.createdAt.getTime() < first.createdAt.getTime() ||
      (t.createdAt.getTime() === first.createdAt.getTime() && t.id < first.id);
    if (earlier) first = t;
  }
  return first;
}

/**
 * Contacted: the outcome says the customer was reached; or, while no outcome says either way,
 * the agent has acted on the task (a first action or a note). An outcome saying the customer
 * was not reached counts as not contacted, whatever was done.
 */
export function isContacted(task: FollowupTask): boolean {
  if (task.reachedCustomer !== null) return task.reachedCustomer;
  return task.firstActionAt !== null || task.noteCount > 0;
}

/** Overdue flag set, resolved after dueAt, or still unresolved with dueAt passed at `now`. */
export function isSlaBreach(task: FollowupTask, now: Date): boolean {
  if (task.overdue) return true;
  if (task.resolvedAt) return task.resolvedAt > task.dueAt;
  return task.status !== 'resolved' && task.dueAt < now;
}

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((+to - +from) / 1000));
const share = (k: number, n: number) => (n === 0 ? null : round((k / n) * 100, 1));

/** The follow-up funnel and its time figures (median and p90, nearest rank) for some answers. */
export function followupFigures(rows: readonly DetractorRow[], now: Date): FollowupFigures {
  let withTask = 0;
  let contacted = 0;
  let resolved = 0;
  let resolvedWithoutContact = 0;
  let slaBreaches = 0;
  const toFirst: number[] = [];
  const toResolution: number[] = [];
  for (const row of rows) {
    const task = primaryTask(row.tasks);
    if (!task) continue;
    withTask += 1;
    const reached = isContacted(task);
    if (reached) contacted += 1;
    if (task.status === 'resolved' && reached) resolved += 1;
    if (task.status === 'resolved' && !reached) resolvedWithoutContact += 1;
    if (isSlaBreach(task, now)) slaBreaches += 1;
    if (task.firstActionAt) toFirst.push(seconds(task.createdAt, task.firstActionAt));
    if (task.resolvedAt) toResolution.push(seconds(task.createdAt, task.resolvedAt));
  }
  const n = rows.length;
  return {
    detractors: n,
    withTask,
    contacted,
    resolved,
    resolvedWithoutContact,
    shares: {
      withTask: share(withTask, n),
      contacted: share(contacted, n),
      resolved: share(resolved, n),
    },
    timeToFirstAction: timeFigures(toFirst),
    timeToResolution: timeFigures(toResolution),
    slaBreaches,
  };
}

/**
 * Who owns an answer's follow-up: by agent, the primary task's assignee (null when there is no
 * task or it waits in a team queue); by team, the task's team, else the answer's own team.
 */
export function followupKey(
  row: DetractorRow,
  groupBy: FollowupGroupBy,
): { key: string | null; label: string | null } {
  const task = primaryTask(row.tasks);
  if (groupBy === 'agent') {
    return task?.assigneeId
      ? { key: task.assigneeId, label: task.assigneeName ?? task.assigneeId }
      : { key: null, label: null };
  }
  const team = task?.team ?? row.team ?? null;
  return { key: team, label: team };
}

export interface FollowupGroup extends FollowupFigures {
  key: string | null;
  label: string;
}

/** Figures per owner, sorted by key with the unowned group (null key) last. */
export function followupGroups(
  rows: readonly DetractorRow[],
  groupBy: FollowupGroupBy,
  now: Date,
): FollowupGroup[] {
  const byKey = new Map<string | null, { label: string | null; rows: DetractorRow[] }>();
  for (const row of rows) {
    const { key, label } = followupKey(row, groupBy);
    const group = byKey.get(key) ?? { label, rows: [] };
    // Rows come in no set order and an assignee's name may differ between tasks: the greatest
    // label wins, whatever the order (as $max does for the score reports' labels).
    group.label = maxLabel(group.label, label);
    group.rows.push(row);
    byKey.set(key, group);
  }
  const none = groupBy === 'agent' ? '(unassigned)' : '(no team)';
  return [...byKey.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({ key, label: g.label ?? none, ...followupFigures(g.rows, now) }));
}
