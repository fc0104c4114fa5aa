import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { isCluster, type RedisClient } from '../shared/redis-connection';
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

export interface LimiterLogger {
  warn(err: unknown, msg: string): void;
}

/**
 * Fixed-window counters: each KEYS[i] is incremented and, when new (or left without an
 * expiry), given the window ARGV[i] in ms. Returns count and remaining ms for each key.
 */
const COUNT_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if n == 1 or ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[i])
    ttl = tonumber(ARGV[i])
  end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
return out`;

type Counting = Redis & {
  landingLimits(n: number, ...args: (string | number)[]): Promise<number[]>;
};

interface Window {
  key: string;
  ms: number;
  limit: number;
}

/** Both counters in one round trip (one script); on a Cluster, one script per key, at once. */
async function count(redis: RedisClient, windows: Window[]): Promise<number[][]> {
  if (!('landingLimits' in redis)) redis.defineCommand('landingLimits', { lua: COUNT_SCRIPT });
  const run = redis as unknown as Counting;
  const call = async (ws: Window[]) => {
    const flat = await run.landingLimits(
      ws.length,
      ...ws.map((w) => w.key),
      ...ws.map((w) => w.ms),
    );
    return ws.map((_, i) => [Number(flat[2 * i]), Number(flat[2 * i + 1])]);
  };
  if (isCluster(redis)) return (await Promise.all(windows.map((w) => call([w])))).flat();
  return call(windows);
}

/**
 * Per-IP and per-token limits shared by every HTTP process through Redis, counted in one round
 * trip per request. When Redis fails the page still answers: a customer's answer matters more
 * than the limit. Headers follow the IETF RateLimit draft 8, for the counter closest to its limit.
 */
export function landingRateLimits(
  redis: RedisClient,
  keyPrefix: string,
  limits: LandingLimits,
  onLimited: RequestHandler,
  logger?: LimiterLogger,
): RequestHandler[] {
  const windowsOf = (req: Request): Window[] => [
    {
      // IPv6 clients are counted per /56, as express-rate-limit does.
      key: `${keyPrefix}:rl:landing-ip:${ipKeyGenerator(req.ip ?? 'unknown')}`,
      ms: 60_000,
      limit: limits.perIpPerMinute,
    },
    {
      key: `${keyPrefix}:rl:landing-token:${hashLinkToken(String(req.params.token))}`,
      ms: 10 * 60_000,
      limit: limits.perTokenPer10Minutes,
    },
  ];
  const limiter: RequestHandler = (req, res, next) => {
    const windows = windowsOf(req);
    count(redis, windows).then(
      (counts) => {
        let tightest = 0;
        const left = windows.map((w, i) => w.limit - counts[i]![0]!);
        left.forEach((l, i) => {
          if (l < left[tightest]!) tightest = i;
        });
        const w = windows[tightest]!;
        const resetS = Math.max(0, Math.ceil(counts[tightest]![1]! / 1000));
        const name = tightest === 0 ? 'ip' : 'token';
        res.setHeader('RateLimit-Policy', `"${name}"; q=${w.limit}; w=${w.ms / 1000}`);
        res.setHeader('RateLimit', `"${name}"; r=${Math.max(0, left[tightest]!)}; t=${resetS}`);
        if (left[tightest]! < 0) {
          res.setHeader('Retry-After', String(resetS));
          return onLimited(req, res, next);
        }
        next();
      },
      (err: unknown) => {
        logger?.warn(err, 'landing rate limit skipped: Redis did not answer');
        next();
      },
    );
  };
  return [limiter];
}
