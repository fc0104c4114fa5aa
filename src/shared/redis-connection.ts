import { Cluster, Redis } from 'ioredis';
import type { RedisTopology } from '../../config/redis-topology';
import {
  FailFastCluster,
  FailFastRedis,
  type ClusterConnectionOptions,
  type ServerOptions,
} from './fail-fast-redis';
import { SentinelRedis } from './sentinel-redis';
import type { RedisBreaker } from './redis-breaker';

/** A connection to whichever Redis is configured: one server (or Sentinel's master), or a Cluster. */
export type RedisClient = Redis | Cluster;

export interface RedisConnections {
  /**
   * For requests and job adds: each command fails within the command timeout, and all such
   * connections share one breaker (src/shared/fail-fast-redis.ts).
   */
  failFast(): RedisClient;
  /** For BullMQ workers, which block on Redis by design: no timeout, retried until it answers. */
  blocking(): RedisClient;
  /** The BullMQ prefix: hash-tagged under Cluster, so that each queue's keys share one slot. */
  queuePrefix: string;
}

export interface ConnectionSettings {
  commandTimeout: number;
  breaker: RedisBreaker;
  /** QUEUE_PREFIX. */
  prefix: string;
}

/** BullMQ's Lua scripts touch several keys of a queue; a Cluster needs them in one slot. */
export function queuePrefixFor(topology: RedisTopology, prefix: string): string {
  return topology.kind === 'cluster' ? `{${prefix}}` : prefix;
}

const FAIL_FAST = { maxRetriesPerRequest: 1 };
const BLOCKING = { maxRetriesPerRequest: null, lazyConnect: true };

function sentinelOptions(t: Extract<RedisTopology, { kind: 'sentinel' }>): ServerOptions {
  return {
    sentinels: t.sentinels,
    name: t.name,
    ...(t.password ? { password: t.password } : {}),
    ...(t.sentinelPassword ? { sentinelPassword: t.sentinelPassword } : {}),
    ...(t.tls ? { tls: {}, enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
  };
}

function clusterOptions(t: Extract<RedisTopology, { kind: 'cluster' }>): ClusterConnectionOptions {
  return {
    redisOptions: {
      ...(t.password ? { password: t.password } : {}),
      ...(t.tls ? { tls: {} } : {}),
    },
  };
}

/** Builds every Redis connection Retour opens, of the kind the configured topology needs. */
export function createRedisConnections(
  topology: RedisTopology,
  settings: ConnectionSettings,
): RedisConnections {
  const queuePrefix = queuePrefixFor(topology, settings.prefix);
  const { commandTimeout, breaker } = settings;
  switch (topology.kind) {
    case 'single':
      return {
        queuePrefix,
        failFast: () => new FailFastRedis(topology.url, { ...FAIL_FAST, commandTimeout }, breaker),
        blocking: () => new Redis(topology.url, BLOCKING),
      };
    case 'sentinel': {
      const options = sentinelOptions(topology);
      return {
        queuePrefix,
        // Both follow Sentinel's +switch-master at once: a worker left on the old master would
        // take jobs from it until Sentinel demotes it, seconds later, while new jobs go to the new.
        failFast: () =>
          new FailFastRedis(
            undefined,
            { ...options, ...FAIL_FAST, commandTimeout, failoverDetector: true },
            breaker,
          ),
        blocking: () => new SentinelRedis({ ...options, ...BLOCKING }),
      };
    }
    case 'cluster': {
      const options = clusterOptions(topology);
      return {
        queuePrefix,
        failFast: () =>
          new FailFastCluster(
            topology.nodes,
            { ...options, redisOptions: { ...options.redisOptions, ...FAIL_FAST, commandTimeout } },
            commandTimeout,
            breaker,
          ),
        blocking: () =>
          new Cluster(topology.nodes, {
            ...options,
            lazyConnect: true,
            redisOptions: { ...options.redisOptions, maxRetriesPerRequest: null },
          }),
      };
    }
  }
}

/** Whether a client is a Cluster, whose multi-key commands must stay within one slot. */
export const isCluster = (client: RedisClient): client is Cluster => client instanceof Cluster;
