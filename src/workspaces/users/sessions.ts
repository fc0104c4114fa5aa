import { RedisStore } from 'connect-redis';
import type { RequestHandler } from 'express';
import session, { type SessionData } from 'express-session';
import { isCluster, type RedisClient } from '../../shared/redis-connection';
import { isRedisUnavailable } from '../../shared/redis-unavailable';
import { parseBearer } from '../api-key';
import type { UsersService } from './users.service';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    workspaceId?: string;
    /** The user's sessionEpoch at sign-in; a password change or deactivation bumps it. */
    epoch?: number;
    csrfToken?: string;
    /** For the account page's list of signed-in sessions (session-index.ts). */
    signedInAt?: number;
    /** When this session was last recorded in its user's index (at most once a minute). */
    seenAt?: number;
    device?: { userAgent: string; ip: string };
  }
}

export const SESSION_COOKIE = 'retour.sid';

/** Where connect-redis keeps a session: `<prefix>:sess:<session id>`. */
export function sessionKeyPrefix(keyPrefix: string): string {
  return `${keyPrefix}:sess:`;
}

export interface SessionOptions {
  redis: RedisClient;
  secret: string;
  keyPrefix: string;
  ttlHours: number;
  /** Secure cookies when the public URL is https. */
  publicUrl: string;
}

/**
 * connect-redis 9 speaks node-redis v5; this is the handful of its calls, made with ioredis, so
 * sessions share Retour's one Redis connection. Each session is one key; the calls over several
 * (mGet, del of many, the scan behind all/clear) go key by key and node by node on a Cluster,
 * where one command may not span slots.
 */
function nodeRedisFacade(redis: RedisClient) {
  const cluster = isCluster(redis);
  const scanners = () => (isCluster(redis) ? redis.nodes('master') : [redis]);
  return {
    get: (key: string) => redis.get(key),
    set: (key: string, value: string, options?: { expiration?: { value: number } }) =>
      options?.expiration
        ? redis.set(key, value, 'EX', options.expiration.value)
        : redis.set(key, value),
    expire: (key: string, seconds: number) => redis.expire(key, seconds),
    del: async (keys: string[] | string) => {
      const list = Array.isArray(keys) ? keys : [keys];
      if (!cluster) return redis.del(...list);
      const counts = await Promise.all(list.map((k) => redis.del(k)));
      return counts.reduce((a, b) => a + b, 0);
    },
    mGet: (keys: string[]) =>
      cluster ? Promise.all(keys.map((k) => redis.get(k))) : redis.mget(keys),
    async *scanIterator({ MATCH, COUNT }: { MATCH: string; COUNT: number }) {
      for (const node of scanners()) {
        let cursor = '0';
        do {
          const [next, keys] = await node.scan(cursor, 'MATCH', MATCH, 'COUNT', COUNT);
          cursor = next;
          if (keys.length) yield keys;
        } while (cursor !== '0');
      }
    },
  };
}

/** Sessions in Redis: httpOnly, SameSite=Lax, Secure on https, rolling idle timeout. */
export function sessionMiddleware(options: SessionOptions): RequestHandler {
  const maxAge = Math.round(options.ttlHours * 3600_000);
  const inner = session({
    name: SESSION_COOKIE,
    secret: options.secret,
    store: new RedisStore({
      client: nodeRedisFacade(options.redis),
      prefix: sessionKeyPrefix(options.keyPrefix),
      ttl: maxAge / 1000,
    }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.publicUrl.startsWith('https:'),
      maxAge,
      path: '/',
    },
  });
  return (req, res, next) =>
    inner(req, res, (err?: unknown) => {
      // The session could not be read, so req.session is unset, and with `unset: 'destroy'`
      // express-session would delete it from Redis as the response ends: a command that may
      // still land once Redis answers again, signing the user out. Forget the id instead.
      if (err && isRedisUnavailable(err)) delete (req as { sessionID?: string }).sessionID;
      next(err);
    });
}

/**
 * Loads the signed-in user on each request (req.user, req.actor, res.locals.user). A session
 * whose user is gone, deactivated or changed password since is ended. Requests carrying an API
 * key are left to the key.
 */
export function loadSessionUser(users: UsersService): RequestHandler {
  return async (req, res, next) => {
    const s = req.session;
    if (!s?.userId || parseBearer(req.get('authorization'))) return next();
    const user = await users.sessionUser(s.userId, s.workspaceId ?? '', s.epoch ?? -1);
    if (!user) {
      // A new, empty session (not stored until used) replaces the stale one.
      await new Promise<void>((resolve) => s.regenerate(() => resolve()));
      return next();
    }
    req.user = user;
    req.actor = {
      kind: 'user',
      workspaceId: user.workspaceId,
      role: user.role,
      userId: user.id,
      teams: user.teams,
      scopes: [],
    };
    res.locals.user = user;
    next();
  };
}

/**
 * Starts a fresh session (new id, so a planted one is worthless) for this user. `carry`: what
 * the new session keeps of the old one when the same browser is re-signed (a password change).
 */
export async function signInSession(
  req: Parameters<RequestHandler>[0],
  user: { id: { toString(): string }; workspaceId: { toString(): string } },
  epoch: number,
  carry: Pick<SessionData, 'signedInAt' | 'seenAt' | 'device'> = {},
): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.session.regenerate((err) => (err ? reject(err) : resolve())),
  );
  Object.assign(req.session, carry);
  req.session.userId = String(user.id);
  req.session.workspaceId = String(user.workspaceId);
  req.session.epoch = epoch;
  await new Promise<void>((resolve, reject) =>
    req.session.save((err) => (err ? reject(err) : resolve())),
  );
}

export async function endSession(req: Parameters<RequestHandler>[0]): Promise<void> {
  if (!req.session) return;
  await new Promise<void>((resolve, reject) =>
    req.session.destroy((err) => (err ? reject(err) : resolve())),
  );
}
