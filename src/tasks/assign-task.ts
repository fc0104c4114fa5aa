import type { Connection, Types } from 'mongoose';
import { isDuplicateKey } from '../shared/mongo-errors';
import { pickLeastLoaded, pickRoundRobin } from './assignment';
import { counterModel, type TaskModel } from './task.model';
import type { DirectoryUser, UserDirectory } from './user-directory';

export type AssignStrategy =
  'interaction_agent' | 'round_robin' | 'least_loaded' | 'user' | 'team_queue';

export interface AssignRequest {
  strategy: AssignStrategy;
  /** The team asked for, else the interaction's team. */
  team?: string | null;
  /** strategy 'user': an id or email. */
  user?: string | null;
  /** The interaction's agent (helpdesk id) and team. */
  interactionAgentId?: string | null;
  interactionTeam?: string | null;
}

export interface Assignment {
  assignee: DirectoryUser | null;
  team: string | null;
  /** Why nobody was picked, when the task fell back to the team queue. */
  fallback?: string;
}

/** Resolves a strategy to a person (or the team queue); nobody is ever left without an owner. */
export function createAssigner(conn: Connection, Tasks: TaskModel, directory: UserDirectory) {
  const Counters = counterModel(conn);

  /** 1, 2, 3 … per (workspace, key), atomic across workers. */
  const nextTurn = async (workspaceId: Types.ObjectId, key: string): Promise<number> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await Counters.findOneAndUpdate(
          { workspaceId, key },
          { $inc: { value: 1 } },
          { upsert: true, returnDocument: 'after' },
        ).lean<{ value: number }>();
        return doc?.value ?? 1;
      } catch (err) {
        // Two first upserts raced on the unique index: the loser increments the winner's doc.
        if (!isDuplicateKey(err) || attempt >= 2) throw err;
      }
    }
  };

  const openLoads = async (workspaceId: Types.ObjectId, members: DirectoryUser[]) => {
    const ids = members.map((m) => m.id);
    const rows = await Tasks.aggregate<{ _id: Types.ObjectId; n: number }>([
      { $match: { workspaceId, status: { $ne: 'resolved' }, assigneeId: { $ne: null } } },
      { $group: { _id: '$assigneeId', n: { $sum: 1 } } },
    ]);
    const loads = new Map<string, number>();
    for (const row of rows) if (ids.includes(String(row._id))) loads.set(String(row._id), row.n);
    return loads;
  };

  return async function assign(
    workspaceId: Types.ObjectId,
    request: AssignRequest,
  ): Promise<Assignment> {
    const team = request.team ?? request.interactionTeam ?? null;
    const queue = (fallback: string): Assignment => ({ assignee: null, team, fallback });
    switch (request.strategy) {
      case 'team_queue':
        return { assignee: null, team };
      case 'interaction_agent':
      case 'user': {
        const ref = request.strategy === 'user' ? request.user : request.interactionAgentId;
        const user = ref ? await directory.findAgent(workspaceId, { id: ref }) : null;
        if (!user) return queue(`no active user "${ref ?? ''}"`);
        return { assignee: user, team: team ?? user.teams[0] ?? null };
      }
      case 'round_robin':
      case 'least_loaded': {
        if (!team) return queue('no team');
        const members = await directory.listTeamMembers(workspaceId, team, 'agent');
        if (members.length === 0) return queue(`no active agent in team "${team}"`);
        const picked =
          request.strategy === 'round_robin'
            ? pickRoundRobin(members, await nextTurn(workspaceId, `round-robin:${team}`))
            : pickLeastLoaded(members, await openLoads(workspaceId, members));
        return { assignee: picked, team };
      }
    }
  };
}
export type Assigner = ReturnType<typeof createAssigner>;
