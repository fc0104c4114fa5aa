import type { Actor, Role } from './request-context';

export type { Actor, Role } from './request-context';

export const ROLES = ['admin', 'manager', 'agent'] as const satisfies readonly Role[];

/**
 * Who sees what, for every component that lists or changes people's work (tasks, inbox):
 * - admin and manager: everything in their workspace (managers can reassign; admins also manage
 *   rules, surveys, triggers, users and API keys);
 * - agent: what is assigned to them, plus the unassigned queue of each of their teams;
 * - API key: workspace-wide, limited by its scopes.
 * Always combine with `{ workspaceId: actor.workspaceId }`: these helpers never widen a query
 * beyond the actor's workspace.
 */
export function seesWholeWorkspace(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'admin' || actor.role === 'manager';
}

export function isAdmin(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'admin';
}

/** Reassigning work to someone else: managers and admins. */
export function canReassign(actor: Pick<Actor, 'role'>): boolean {
  return seesWholeWorkspace(actor);
}

/** Something owned by a person or waiting in a team queue (a task, for instance). */
export interface Owned {
  assigneeId?: { toString(): string } | null;
  team?: string | null;
}

/** Whether the actor may see (and act on) this item; pair with a workspace check. */
export function canSee(actor: Actor, item: Owned): boolean {
  if (seesWholeWorkspace(actor)) return true;
  if (item.assigneeId && actor.userId) return String(item.assigneeId) === String(actor.userId);
  return !item.assigneeId && !!item.team && actor.teams.includes(item.team);
}

/**
 * The same rule as a MongoDB filter fragment, for list queries. Field names default to
 * `assigneeId` and `team`; pass others if your model names them differently.
 * Example: `Tasks.find({ workspaceId: actor.workspaceId, ...visibilityFilter(actor) })`.
 */
export function visibilityFilter(
  actor: Actor,
  fields: { assignee: string; team: string } = { assignee: 'assigneeId', team: 'team' },
): Record<string, unknown> {
  if (seesWholeWorkspace(actor)) return {};
  return {
    $or: [
      { [fields.assignee]: actor.userId },
      { [fields.assignee]: null, [fields.team]: { $in: [...actor.teams] } },
    ],
  };
}
