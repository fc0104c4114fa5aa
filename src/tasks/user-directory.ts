import { Types, type Connection } from 'mongoose';
import { userModel } from '../workspaces/users/user.model';

export type UserRole = 'admin' | 'manager' | 'agent';

export interface DirectoryUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  teams: string[];
}

/** How tasks and rules read people; users themselves belong to the workspaces component. */
export interface UserDirectory {
  /** By user id or email (the interaction's agent id may be either); active users only. */
  findAgent(
    workspaceId: Types.ObjectId,
    ref: { id?: string | null; email?: string | null },
  ): Promise<DirectoryUser | null>;
  listTeamMembers(
    workspaceId: Types.ObjectId,
    team: string,
    role?: UserRole,
  ): Promise<DirectoryUser[]>;
  listByRoles(workspaceId: Types.ObjectId, roles: readonly UserRole[]): Promise<DirectoryUser[]>;
}

interface RawUser {
  _id: Types.ObjectId;
  email?: string;
  name?: string;
  role?: UserRole;
  teams?: string[];
}

const toUser = (u: RawUser): DirectoryUser => ({
  id: String(u._id),
  email: u.email ?? '',
  name: u.name ?? u.email ?? '',
  role: u.role ?? 'agent',
  teams: u.teams ?? [],
});

/** Reads users through the workspaces component's model; only active users are candidates. */
export function createUserDirectory(conn: Connection): UserDirectory {
  const Users = userModel(conn);
  const active = { active: { $ne: false } };
  return {
    async findAgent(workspaceId, ref) {
      const or: Record<string, unknown>[] = [];
      if (ref.id && Types.ObjectId.isValid(ref.id) && /^[0-9a-f]{24}$/i.test(ref.id)) {
        or.push({ _id: new Types.ObjectId(ref.id) });
      }
      if (ref.id) or.push({ email: ref.id.toLowerCase() });
      if (ref.email) or.push({ email: ref.email.toLowerCase() });
      if (or.length === 0) return null;
      const doc = await Users.findOne({ workspaceId, ...active, $or: or }).lean<RawUser>();
      return doc ? toUser(doc) : null;
    },
    async listTeamMembers(workspaceId, team, role) {
      const docs = await Users.find({
        workspaceId,
        ...active,
        teams: team,
        ...(role ? { role } : {}),
      })
        .sort({ _id: 1 })
        .lean<RawUser[]>();
      return docs.map(toUser);
    },
    async listByRoles(workspaceId, roles) {
      const docs = await Users.find({ workspaceId, ...active, role: { $in: [...roles] } })
        .sort({ _id: 1 })
        .lean<RawUser[]>();
      return docs.map(toUser);
    },
  };
}
