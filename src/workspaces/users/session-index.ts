import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { SessionData } from 'express-session';
import type { RedisClient } from '../../shared/redis-connection';
import { sessionKeyPrefix } from './sessions';

/**
 * Each user's signed-in sessions, for the account page: a sorted set per (workspace, user) of
 * session ids scored by when they were last seen. The sessions themselves stay where
 * connect-redis keeps them; the index only points at them, so a session that expired or ended
 * elsewhere is dropped from it the next time it is read. Every command touches one key, so it
 * also works on a Redis Cluster.
 */
export interface SessionOwner {
  id: { toString(): string };
  workspaceId: { toString(): string };
}

export interface SignedInSession {
  /** Names the session on the page and in forms; the session id itself never leaves Redis. */
  handle: string;
  current: boolean;
  userAgent: string;
  ip: string;
  signedInAt: Date | null;
  seenAt: Date | null;
}

/** How often a session's "last seen" (and its place in the index) is written at most. */
export const SEEN_RESOLUTION_MS = 60_000;
/** More sessions than this per person are not listed; the oldest fall out of the index. */
export const MAX_LISTED_SESSIONS = 50;

export function sessionHandle(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('base64url').slice(0, 22);
}

type StoredSession = Partial<SessionData>;

export function createSessionIndex(
  redis: RedisClient,
  options: { keyPrefix: string; ttlHours: number },
) {
  const ttlMs = Math.round(options.ttlHours * 3600_000);
  const sessionPrefix = sessionKeyPrefix(options.keyPrefix);
  const indexKey = (owner: SessionOwner) =>
    `${options.keyPrefix}:user-sessions:${String(owner.workspaceId)}:${String(owner.id)}`;

  const read = async (sessionId: string): Promise<StoredSession | null> => {
    const raw = await redis.get(sessionPrefix + sessionId);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as StoredSession;
    } catch {
      return null;
    }
  };
  const owns = (owner: SessionOwner, s: StoredSession) =>
    s.userId === String(owner.id) && s.workspaceId === String(owner.workspaceId);

  /** The owner's live sessions (newest first); entries whose session is gone leave the index. */
  const live = async (owner: SessionOwner) => {
    const key = indexKey(owner);
    const ids = await redis.zrevrange(key, 0, MAX_LISTED_SESSIONS - 1);
    const stored = await Promise.all(ids.map(read));
    const gone = ids.filter((_, i) => !stored[i] || !owns(owner, stored[i]));
    if (gone.length) await redis.zrem(key, ...gone);
    return ids.flatMap((id, i) => {
      const s = stored[i];
      return s && owns(owner, s) ? [{ id, session: s }] : [];
    });
  };

  const destroy = async (owner: SessionOwner, sessionId: string) => {
    await redis.del(sessionPrefix + sessionId);
    await redis.zrem(indexKey(owner), sessionId);
  };

  return {
    /** Notes that this session was seen now; the index lives as long as a session may. */
    async record(owner: SessionOwner, sessionId: string, seenAt: number): Promise<void> {
      const key = indexKey(owner);
      await redis
        .multi()
        .zadd(key, seenAt, sessionId)
        .zremrangebyscore(key, '-inf', seenAt - ttlMs)
        .zremrangebyrank(key, 0, -(MAX_LISTED_SESSIONS + 1))
        .pexpire(key, ttlMs)
        .exec();
    },

    async forget(owner: SessionOwner, sessionId: string): Promise<void> {
      await redis.zrem(indexKey(owner), sessionId);
    },

    /**
     * The owner's signed-in sessions that are still valid: opened with the current session
     * epoch (older ones ended at a password change or deactivation, whatever Redis still holds).
     */
    async list(
      owner: SessionOwner,
      currentSessionId: string,
      epoch: number,
    ): Promise<SignedInSession[]> {
      return (await live(owner))
        .filter(({ session }) => session.epoch === epoch)
        .map(({ id, session }) => ({
          handle: sessionHandle(id),
          current: id === currentSessionId,
          userAgent: session.device?.userAgent ?? '',
          ip: session.device?.ip ?? '',
          signedInAt: session.signedInAt ? new Date(session.signedInAt) : null,
          seenAt: session.seenAt ? new Date(session.seenAt) : null,
        }));
    },

    /** Ends one of the owner's sessions, never `keepSessionId`; false when there is no such one. */
    async end(owner: SessionOwner, handle: string, keepSessionId: string): Promise<boolean> {
      const target = (await live(owner)).find(
        ({ id }) => id !== keepSessionId && sessionHandle(id) === handle,
      );
      if (!target) return false;
      await destroy(owner, target.id);
      return true;
    },

    /** Ends every listed session of the owner but `keepSessionId`; returns how many. */
    async endAllBut(owner: SessionOwner, keepSessionId: string): Promise<number> {
      const others = (await live(owner)).filter(({ id }) => id !== keepSessionId);
      for (const { id } of others) await destroy(owner, id);
      return others.length;
    },
  };
}

export type SessionIndex = ReturnType<typeof createSessionIndex>;

/**
 * After loadSessionUser: keeps the signed-in session's device, address and last-seen time, and
 * its place in its user's index, written at most once a minute per session.
 */
export function trackSessions(index: SessionIndex, now = () => Date.now()): RequestHandler {
  return async (req, _res, next) => {
    const s = req.session;
    if (!req.user || !s?.userId) return next();
    const at = now();
    if (s.seenAt !== undefined && at - s.seenAt < SEEN_RESOLUTION_MS) return next();
    s.seenAt = at;
    s.signedInAt ??= at;
    s.device = { userAgent: (req.get('user-agent') ?? '').slice(0, 400), ip: req.ip ?? '' };
    await index.record(req.user, req.sessionID, at);
    next();
  };
}
