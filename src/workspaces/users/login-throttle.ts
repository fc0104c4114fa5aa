import type { Request, RequestHandler } from 'express';
import type { RedisClient } from '../../shared/redis-connection';
import { rateLimitStore } from '../../shared/rate-limit-store';
import { rateLimit } from 'express-rate-limit';
import { lockoutKey } from './login-lockout';

export interface ThrottleOptions {
  redis: RedisClient;
  keyPrefix: string;
  /** Sign-in, forgot and reset posts per client IP per 15 minutes. */
  perIpPer15Minutes: number;
  onLimited: RequestHandler;
}

/** Reset emails per address per hour: enough for a person, too few to flood a mailbox. */
export const RESET_MAILS_PER_HOUR = 3;

/**
 * Per-IP limits on the sign-in forms, counted in Redis and shared by every HTTP process (the
 * per-account backoff lives in login-lockout.ts). Unlike the survey pages, these fail closed:
 * without Redis nobody can sign in anyway.
 */
export function loginThrottle(options: ThrottleOptions) {
  const store = (name: string) => rateLimitStore(options.redis, `${options.keyPrefix}:rl:${name}:`);
  const common = {
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    handler: options.onLimited,
  };
  const emailOf = (req: Request) => {
    const email = (req.body as { email?: unknown } | undefined)?.email;
    return typeof email === 'string' ? email : '';
  };
  return {
    perIp: rateLimit({
      ...common,
      windowMs: 15 * 60_000,
      limit: options.perIpPer15Minutes,
      store: store('login-ip'),
    }),
    /**
     * Mount after the form body is parsed. Over the limit the request goes on with
     * res.locals.resetSuppressed set: the page reads the same, no mail leaves.
     */
    resetMailsPerEmail: rateLimit({
      ...common,
      handler: (_req, res, next) => {
        res.locals.resetSuppressed = true;
        next();
      },
      windowMs: 3600_000,
      limit: RESET_MAILS_PER_HOUR,
      keyGenerator: (req) => lockoutKey('reset', emailOf(req)),
      skip: (req) => emailOf(req).trim() === '',
      store: store('reset-mail'),
    }),
  };
}
