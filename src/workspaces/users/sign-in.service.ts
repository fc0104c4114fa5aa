import { Types, type Connection } from 'mongoose';
import { auditTrail } from '../../audit';
import type { Logger } from '../../shared/logger';
import type { SessionUser } from '../../shared/request-context';
import type { WorkspacesService } from '../workspaces.service';
import type { LoginLockout } from './login-lockout';
import {
  generateOneTimeToken,
  hashOneTimeToken,
  looksLikeToken,
  TOKEN_LIFETIME_MS,
  type TokenPurpose,
} from './one-time-token';
import type { PasswordHasher } from './password-hasher';
import { brokenPasswordRule, passwordProblem, type PasswordRule } from './password-policy';
import { passwordTokenModel, userModel } from './user.model';
import { toSessionUser, type UserView } from './users.service';
import { inviteEmail, resetEmail, type AccountEmail } from './account-emails';

export type LoginResult =
  | { outcome: 'ok'; user: SessionUser; epoch: number }
  /** Wrong email or password; `lockedForMs` > 0 when this failure started a lock. */
  | { outcome: 'invalid'; lockedForMs: number }
  | { outcome: 'locked'; retryInMs: number }
  /** The password opens accounts in several workspaces: ask which one. */
  | { outcome: 'choose-workspace' };

export type ResetResult =
  | { outcome: 'ok' }
  | { outcome: 'invalid' }
  /** `problem` in English (API, CLI); `rule` for a page to say it in the reader's language. */
  | { outcome: 'weak'; problem: string; rule: PasswordRule };

export type PasswordChangeResult =
  /** `epoch`: the user's new session epoch; every session opened before it has ended. */
  | { outcome: 'ok'; epoch: number }
  | {
      outcome: 'refused';
      /** The current password given is not the user's; `lockedForMs` as for a failed sign-in. */
      wrongCurrent: boolean;
      lockedForMs: number;
      /** The rule the new password breaks, if any. */
      weak: PasswordRule | null;
    }
  | { outcome: 'locked'; retryInMs: number };

export interface SignInDeps {
  conn: Connection;
  workspaces: WorkspacesService;
  hasher: PasswordHasher;
  lockout: LoginLockout;
  publicUrl: string;
  /** Sends through the email channel (SMTP, or the dev outbox in development). */
  sendEmail: (mail: AccountEmail) => Promise<void>;
  logger: Logger;
}

/** More accounts than this under one email is not a real case; it bounds the hashing. */
const MAX_CANDIDATES = 5;

/** Sign-in, one-time set-password links (invitation, reset) and using them. */
export function createSignInService(deps: SignInDeps) {
  const Users = userModel(deps.conn);
  const Tokens = passwordTokenModel(deps.conn);
  const audit = auditTrail(deps.conn);
  const { hasher, lockout } = deps;

  const workspaceFilter = async (slug: string) => {
    if (!slug) return {};
    const ws = await deps.workspaces.findWorkspaceBySlug(slug.toLowerCase());
    return { workspaceId: ws ? new Types.ObjectId(ws.id) : new Types.ObjectId() };
  };

  const issueLink = async (
    user: { _id: Types.ObjectId; workspaceId: Types.ObjectId },
    purpose: TokenPurpose,
  ) => {
    const token = generateOneTimeToken();
    await Tokens.create({
      workspaceId: user.workspaceId,
      userId: user._id,
      tokenHash: hashOneTimeToken(token),
      purpose,
      expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]),
    });
    return `${deps.publicUrl}/reset/${token}`;
  };

  const liveToken = (token: string) =>
    looksLikeToken(token)
      ? Tokens.findOne({
          tokenHash: hashOneTimeToken(token),
          usedAt: null,
          expiresAt: { $gt: new Date() },
        }).lean()
      : Promise.resolve(null);

  const send = (mail: AccountEmail) =>
    deps.sendEmail(mail).catch((err: unknown) => {
      deps.logger.error({ err, to: mail.to }, 'account email could not be sent');
      throw err;
    });

  return {
    async login(input: {
      email: string;
      password: string;
      workspace?: string;
    }): Promise<LoginResult> {
      const email = input.email.trim().toLowerCase();
      const wait = await lockout.remainingMs(email);
      if (wait > 0) return { outcome: 'locked', retryInMs: wait };
      const candidates = await Users.find({
        email,
        active: true,
        passwordHash: { $ne: null },
        ...(await workspaceFilter(input.workspace ?? '')),
      })
        .select({
          passwordHash: 1,
          workspaceId: 1,
          email: 1,
          name: 1,
          role: 1,
          teams: 1,
          sessionEpoch: 1,
        })
        .sort({ _id: 1 })
        .limit(MAX_CANDIDATES)
        .lean();
      if (candidates.length === 0) await hasher.burn(input.password);
      const matches = [];
      for (const c of candidates) {
        if (await hasher.verify(c.passwordHash!, input.password)) matches.push(c);
      }
      if (matches.length === 0) {
        const lockedForMs = await lockout.fail(email);
        // Recorded in each workspace that has an account under this email; an unknown email
        // belongs to no workspace whose trail could hold it.
        for (const workspaceId of new Set(candidates.map((c) => String(c.workspaceId))))
          await audit.record({
            workspaceId: new Types.ObjectId(workspaceId),
            action: 'auth.sign-in-failed',
            target: {
              type: 'user',
              id: String(candidates.find((c) => String(c.workspaceId) === workspaceId)!._id),
            },
            actor: { kind: 'user', id: null, label: email },
            details: { locked: lockedForMs > 0 },
          });
        return { outcome: 'invalid', lockedForMs };
      }
      if (matches.length > 1) return { outcome: 'choose-workspace' };
      const user = matches[0]!;
      await lockout.clear(email);
      const set: Record<string, unknown> = { lastLoginAt: new Date() };
      if (hasher.needsRehash(user.passwordHash!))
        set.passwordHash = await hasher.hash(input.password);
      await Users.updateOne({ _id: user._id, workspaceId: user.workspaceId }, { $set: set });
      await audit.record({
        workspaceId: user.workspaceId,
        action: 'auth.signed-in',
        target: { type: 'user', id: String(user._id) },
        actor: { kind: 'user', id: String(user._id), label: user.email },
      });
      return { outcome: 'ok', user: toSessionUser(user), epoch: user.sessionEpoch ?? 0 };
    },

    /** Emails an invitation link (7 days) to a user created without a password. */
    async invite(user: UserView, options: { email?: boolean } = {}): Promise<string> {
      const ids = {
        _id: new Types.ObjectId(user.id),
        workspaceId: new Types.ObjectId(user.workspaceId),
      };
      const link = await issueLink(ids, 'invite');
      if (options.email !== false) {
        const ws = await deps.workspaces.getWorkspace(ids.workspaceId);
        await send(inviteEmail(user, ws, link, deps.publicUrl));
      }
      return link;
    },

    /**
     * "Forgot password": emails a reset link (1 hour) to each active account under this email.
     * Answers the same whether or not one exists; the mail leaves in the background so the time
     * taken does not tell either.
     */
    async requestReset(input: { email: string; workspace?: string }): Promise<void> {
      const email = input.email.trim().toLowerCase();
      if (!email) return;
      const users = await Users.find({
        email,
        active: true,
        ...(await workspaceFilter(input.workspace ?? '')),
      })
        .sort({ _id: 1 })
        .limit(MAX_CANDIDATES)
        .lean();
      for (const user of users) {
        const link = await issueLink(user, 'reset');
        const ws = await deps.workspaces.getWorkspace(user.workspaceId);
        void send(resetEmail(user, ws, link)).catch(() => undefined);
      }
    },

    /** Whether a set-password link can still be used, and for whom. */
    async checkLink(token: string): Promise<{ email: string; purpose: TokenPurpose } | null> {
      const found = await liveToken(token);
      if (!found) return null;
      const user = await Users.findOne({
        _id: found.userId,
        workspaceId: found.workspaceId,
        active: true,
      }).lean();
      return user ? { email: user.email, purpose: found.purpose as TokenPurpose } : null;
    },

    /**
     * A signed-in person changes their own password: the current one is checked like a sign-in
     * (a wrong one counts towards the lockout of that email), the new one against the policy.
     * Afterwards every session opened before ends and unused set-password links die.
     */
    async changePassword(
      who: { id: Types.ObjectId; workspaceId: Types.ObjectId },
      current: string,
      next: string,
    ): Promise<PasswordChangeResult> {
      const scope = { _id: who.id, workspaceId: who.workspaceId, active: true };
      const user = await Users.findOne(scope)
        .select({ email: 1, passwordHash: 1, sessionEpoch: 1 })
        .lean();
      if (!user) return { outcome: 'refused', wrongCurrent: true, lockedForMs: 0, weak: null };
      const wait = await lockout.remainingMs(user.email);
      if (wait > 0) return { outcome: 'locked', retryInMs: wait };
      const weak = brokenPasswordRule(next, user.email);
      // Someone invited who never chose a password has no current one to give.
      let rightCurrent = false;
      if (user.passwordHash) rightCurrent = await hasher.verify(user.passwordHash, current);
      else await hasher.burn(current);
      if (!rightCurrent) {
        return {
          outcome: 'refused',
          wrongCurrent: true,
          lockedForMs: await lockout.fail(user.email),
          weak,
        };
      }
      if (weak) return { outcome: 'refused', wrongCurrent: false, lockedForMs: 0, weak };
      // Only if the hash is still the one just checked: two changes at once cannot both win.
      const changed = await Users.findOneAndUpdate(
        { ...scope, passwordHash: user.passwordHash },
        { $set: { passwordHash: await hasher.hash(next) }, $inc: { sessionEpoch: 1 } },
        { returnDocument: 'after' },
      )
        .select({ sessionEpoch: 1 })
        .lean();
      if (!changed) return { outcome: 'refused', wrongCurrent: true, lockedForMs: 0, weak: null };
      await Tokens.updateMany(
        { userId: who.id, workspaceId: who.workspaceId, usedAt: null },
        { $set: { usedAt: new Date() } },
      );
      await lockout.clear(user.email);
      return { outcome: 'ok', epoch: changed.sessionEpoch ?? 0 };
    },

    /** Sets the password through a link, once: the link and every other open link then die. */
    async useLink(token: string, password: string): Promise<ResetResult> {
      const found = await liveToken(token);
      if (!found) return { outcome: 'invalid' };
      const scope = { _id: found.userId, workspaceId: found.workspaceId, active: true };
      const user = await Users.findOne(scope).lean();
      if (!user) return { outcome: 'invalid' };
      const rule = brokenPasswordRule(password, user.email);
      if (rule) return { outcome: 'weak', problem: passwordProblem(password, user.email)!, rule };
      const passwordHash = await hasher.hash(password);
      const claimed = await Tokens.updateOne(
        { _id: found._id, usedAt: null },
        { $set: { usedAt: new Date() } },
      );
      if (claimed.modifiedCount !== 1) return { outcome: 'invalid' };
      await Users.updateOne(scope, { $set: { passwordHash }, $inc: { sessionEpoch: 1 } });
      await Tokens.updateMany(
        { userId: user._id, workspaceId: user.workspaceId, usedAt: null },
        { $set: { usedAt: new Date() } },
      );
      await lockout.clear(user.email);
      await audit.record({
        workspaceId: user.workspaceId,
        action: found.purpose === 'invite' ? 'user.invitation-accepted' : 'user.password-reset',
        target: { type: 'user', id: String(user._id) },
        actor: { kind: 'user', id: String(user._id), label: user.email },
      });
      return { outcome: 'ok' };
    },
  };
}

export type SignInService = ReturnType<typeof createSignInService>;
