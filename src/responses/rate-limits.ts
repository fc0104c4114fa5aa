import type { RequestHandler } from 'express';
import type { RedisClient } from '../shared/redis-connection';
import { rateLimitStore } from '../shared/rate-limit-store';
import { rateLimit, type Logger as LimiterLogger } from 'express-rate-limit';
import { hashLinkToken } from '../invitations/survey-link';

export interface LandingLimits {
  /** Survey page requests per client IP per minute (a shared office NAT stays well below). */
  perIpPerMinute: number;
  /** Requests per link token per 10 minutes: a customer needs a handful. */
  perTokenPer10Minutes: number;
}

export const DEFAULT_LANDING_LIMITS: LandingLimits = {
  perIpPerMinute: 300,
  perTokenPer10Minutes: 60,
};

/**
 * Per-IP and per-token limits shared by every HTTP process through Redis. When Redis fails the
 * page still answers (passOnStoreError): a customer's answer matters more than the limit.
 */
export function landingRateLimits(
  redis: RedisClient,
  keyPrefix: string,
  limits: LandingLimits,
  onLimited: RequestHandler,
  logger?: LimiterLogger,
): RequestHandler[] {
  const store = (name: string) => rateLimitStore(redis, `${keyPrefix}:rl:${name}:`);
  const common = {
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    passOnStoreError: true,
    handler: onLimited,
    ...(logger ? { logger } : {}),
  };
  return [
    rateLimit({
      ...common,
      windowMs: 60_000,
      limit: limits.perIpPerMinute,
      store: store('landing-ip'),
    }),
    rateLimit({
      ...common,
      windowMs: 10 * 60_000,
      limit: limits.perTokenPer10Minutes,
      keyGenerator: (req) => hashLinkToken(String(req.params.token)),
      store: store('landing-token'),
    }),
  ];
}
