import { Types, type Connection } from 'mongoose';
import { auditTrail } from '../../audit';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../shared/mongo-errors';
import type { Actor, Role, SessionUser } from '../../shared/request-context';
import type { AppLocale } from '../../pages/i18n';
import type { PasswordHasher } from './password-hasher';
import { passwordProblem } from './password-policy';
import { userModel, type UserDoc } from './user.model';
import { userInput, userPatch, type UserInput, type UserPatch } from './users.schema';

/** What the API and pages show of a user: never the password hash. */
export interface UserView {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  role: Role;
  teams: string[];
  locale: AppLocale | null;
  active: boolean;
  hasPassword: boolean;
  invitedAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface UserFilter {
  role?: Role;
  /** Users who belong to this team. */
  team?: string;
  active?: boolean;
}

/** The rules of people management a page explains in its own words (the API sends `detail`). */
export type UserRule = 'last-admin' | 'self-deactivation' | 'email-taken';

export class UserRuleError extends AppError {
  constructor(
    readonly rule: UserRule,
    detail: string,
  ) {
    super(409, 'Conflict', detail);
  }
}

type Stored = UserDoc & { _id: Types.ObjectId; createdAt?: Date; passwordHash?: string | null };

export function toUserView(u: Stored, hasPassword: boolean): UserView {
  return {
    id: String(u._id),
    workspaceId: String(u.workspaceId),
    email: u.email,
    name: u.name,
    role: u.role as Role,
    teams: [...(u.teams ?? [])],
    locale: (u.locale as AppLocale | null | undefined) ?? null,
    active: u.active,
    hasPassword,
    invitedAt: u.invitedAt ?? null,
    lastLoginAt: u.lastLoginAt ?? null,
    createdAt: u.createdAt ?? new Date(0),
  };
}

export function toSessionUser(u: Stored): SessionUser {
  return {
    id: u._id,
    workspaceId: u.workspaceId,
    email: u.email,
    name: u.name,
    role: u.role as Role,
    teams: [...(u.teams ?? [])],
    locale: u.locale ?? null,
  };
}

/** People of a workspace: create, list, change role/teams/active. Every query is scoped. */
export function createUsersService(conn: Connection, hasher: PasswordHasher) {
  const Users = userModel(conn);
  const audit = auditTrail(conn);
  const withHashFlag = '+passwordHash';
  const view = (u: Stored) => toUserView(u, !!u.passwordHash);
  const load = async (workspaceId: Types.ObjectId, id: string | Types.ObjectId) => {
    if (!Types.ObjectId.isValid(id)) throw AppError.notFound('User not found.');
    const doc = await Users.findOne({ _id: id, workspaceId }).select(withHashFlag).lean();
    if (!doc) throw AppError.notFound('User not found.');
    return doc as Stored;
  };

  const activeAdmins = (workspaceId: Types.ObjectId) =>
    Users.countDocuments({ workspaceId, role: 'admin', active: true });

  return {
    /** Creates the user; with a password it is set now, otherwise an invitation is due. */
    async create(workspaceId: Types.ObjectId, input: UserInput): Promise<UserView> {
      const data = userInput.parse(input);
      let passwordHash: string | null = null;
      if (data.password !== undefined) {
        const problem = passwordProblem(data.password, data.email);
        if (problem) throw AppError.badRequest(problem, [{ path: 'password', message: problem }]);
        passwordHash = await hasher.hash(data.password);
      }
      try {
        const doc = await Users.create({
          workspaceId,
          email: data.email,
          name: data.name,
          role: data.role,
          teams: data.teams,
          locale: data.locale ?? null,
          passwordHash,
          invitedAt: passwordHash ? null : new Date(),
        });
        const created = toUserView(doc.toObject() as Stored, !!passwordHash);
        await audit.record({
          workspaceId,
          action: 'user.created',
          target: { type: 'user', id: created.id },
          details: { email: created.email, role: created.role, teams: created.teams },
        });
        return created;
      } catch (err) {
        if (isDuplicateKey(err)) {
          throw new UserRuleError(
            'email-taken',
            'A user with this email already exists in this workspace.',
          );
        }
        throw err;
      }
    },

    async list(workspaceId: Types.ObjectId, filter: UserFilter = {}): Promise<UserView[]> {
      const query: Record<string, unknown> = { workspaceId };
      if (filter.role) query.role = filter.role;
      if (filter.team) query.teams = filter.team;
      if (filter.active !== undefined) query.active = filter.active;
      const docs = await Users.find(query).select(withHashFlag).sort({ name: 1, _id: 1 }).lean();
      return (docs as Stored[]).map(view);
    },

    /** The workspace's user with this email (stored lower-cased), or null. */
    async findByEmail(workspaceId: Types.ObjectId, email: string): Promise<UserView | null> {
      const doc = await Users.findOne({ workspaceId, email: email.trim().toLowerCase() })
        .select(withHashFlag)
        .lean();
      return doc ? view(doc as Stored) : null;
    },

    async get(workspaceId: Types.ObjectId, id: string | Types.ObjectId): Promise<UserView> {
      return view(await load(workspaceId, id));
    },

    /**
     * Role, teams, name, active. The last active admin cannot be demoted or deactivated, so a
     * workspace always keeps someone who can manage it. Deactivation ends the user's sessions.
     */
    async update(
      workspaceId: Types.ObjectId,
      id: string,
      patch: UserPatch,
      by?: Actor,
    ): Promise<UserView> {
      const data = userPatch.parse(patch);
      const current = await load(workspaceId, id);
      const losesAdmin =
        current.role === 'admin' &&
        current.active &&
        ((data.role && data.role !== 'admin') || data.active === false);
      if (losesAdmin && (await activeAdmins(workspaceId)) <= 1) {
        throw new UserRuleError('last-admin', 'A workspace needs at least one active admin.');
      }
      if (by?.userId?.equals(current._id) && data.active === false) {
        throw new UserRuleError('self-deactivation', 'You cannot deactivate yourself.');
      }
      const update: Record<string, unknown> = { $set: data };
      if (data.active === false) update.$inc = { sessionEpoch: 1 };
      const doc = await Users.findOneAndUpdate({ _id: current._id, workspaceId }, update, {
        returnDocument: 'after',
      })
        .select(withHashFlag)
        .lean();
      if (!doc) throw AppError.notFound('User not found.');
      const before = view(current);
      const after = view(doc as Stored);
      await audit.record({
        workspaceId,
        action: before.role !== after.role ? 'user.role-changed' : 'user.updated',
        target: { type: 'user', id: after.id },
        before: { ...before },
        after: { ...after },
      });
      return after;
    },

    /** For the session middleware: the user, if still active and the session still current. */
    async sessionUser(
      userId: string,
      workspaceId: string,
      epoch: number,
    ): Promise<SessionUser | null> {
      if (!Types.ObjectId.isValid(userId) || !Types.ObjectId.isValid(workspaceId)) return null;
      const doc = await Users.findOne({ _id: userId, workspaceId, active: true }).lean();
      if (!doc || (doc.sessionEpoch ?? 0) !== epoch) return null;
      return toSessionUser(doc as Stored);
    },

    /** The app language this person chose; null goes back to the browser's. */
    async setLocale(workspaceId: Types.ObjectId, id: Types.ObjectId, locale: AppLocale | null) {
      await Users.updateOne({ _id: id, workspaceId }, { $set: { locale } });
    },

    /**
     * Ends every session of this person opened so far, listed or not (they carry the old
     * epoch); returns the new epoch, for the session that should stay.
     */
    async endSessions(workspaceId: Types.ObjectId, id: Types.ObjectId): Promise<number> {
      const doc = await Users.findOneAndUpdate(
        { _id: id, workspaceId, active: true },
        { $inc: { sessionEpoch: 1 } },
        { returnDocument: 'after' },
      )
        .select({ sessionEpoch: 1 })
        .lean();
      if (!doc) throw AppError.notFound('User not found.');
      await audit.record({
        workspaceId,
        action: 'user.sessions-ended',
        target: { type: 'user', id: String(id) },
      });
      return doc.sessionEpoch ?? 0;
    },

    /** CLI: set a password directly (ends the user's other sessions). */
    async setPassword(workspaceId: Types.ObjectId, id: string, password: string): Promise<void> {
      const user = await load(workspaceId, id);
      const problem = passwordProblem(password, user.email);
      if (problem) throw AppError.badRequest(problem, [{ path: 'password', message: problem }]);
      await Users.updateOne(
        { _id: user._id, workspaceId },
        { $set: { passwordHash: await hasher.hash(password) }, $inc: { sessionEpoch: 1 } },
      );
      await audit.record({
        workspaceId,
        action: 'user.password-set',
        target: { type: 'user', id: String(user._id) },
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
