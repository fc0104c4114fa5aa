/**
 * Which Redis Retour talks to: one server (REDIS_URL), a master found through Sentinel, or a
 * Cluster. Parsed from the environment here; src/shared/redis-connection.ts builds the clients.
 */
export interface HostPort {
  host: string;
  port: number;
}

export type RedisTopology =
  | { kind: 'single'; url: string }
  | {
      kind: 'sentinel';
      sentinels: HostPort[];
      name: string;
      /** The data nodes' password (the one in REDIS_URL for a single server). */
      password?: string;
      sentinelPassword?: string;
      tls: boolean;
    }
  | { kind: 'cluster'; nodes: HostPort[]; password?: string; tls: boolean };

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface RedisSettings {
  REDIS_URL?: string;
  REDIS_SENTINELS?: HostPort[];
  REDIS_SENTINEL_NAME?: string;
  REDIS_SENTINEL_PASSWORD?: string;
  REDIS_CLUSTER_NODES?: HostPort[];
  REDIS_PASSWORD?: string;
  REDIS_TLS: boolean;
}

export interface TopologyProblem {
  path: keyof RedisSettings;
  message: string;
}

/** "host:port, host:port" (IPv6 in brackets: [::1]:6379); a string naming the fault otherwise. */
export function parseHostPorts(value: string): HostPort[] | string {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) return 'must list at least one host:port';
  const out: HostPort[] = [];
  for (const entry of entries) {
    const match = /^(?:\[([^\]]+)\]|([^:[\]/\s]+)):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[3]);
    if (!match || port < 1 || port > 65535)
      return `"${entry}" is not host:port (comma-separated, e.g. redis-1:26379,redis-2:26379)`;
    out.push({ host: match[1] ?? match[2]!, port });
  }
  return out;
}

/** The one topology the settings describe, or every reason they describe none. */
export function resolveRedisTopology(s: RedisSettings): RedisTopology | TopologyProblem[] {
  const chosen = [
    s.REDIS_URL !== undefined && 'REDIS_URL',
    s.REDIS_SENTINELS !== undefined && 'REDIS_SENTINELS',
    s.REDIS_CLUSTER_NODES !== undefined && 'REDIS_CLUSTER_NODES',
  ].filter((k): k is 'REDIS_URL' | 'REDIS_SENTINELS' | 'REDIS_CLUSTER_NODES' => k !== false);
  const problems: TopologyProblem[] = [];
  if (chosen.length > 1)
    problems.push({
      path: chosen[1]!,
      message: `set only one of REDIS_URL, REDIS_SENTINELS and REDIS_CLUSTER_NODES (got ${chosen.join(' and ')})`,
    });
  if (s.REDIS_SENTINELS && !s.REDIS_SENTINEL_NAME)
    problems.push({
      path: 'REDIS_SENTINEL_NAME',
      message: 'must name the master the Sentinels watch (their `sentinel monitor <name>`)',
    });
  if (!s.REDIS_SENTINELS) {
    if (s.REDIS_SENTINEL_NAME)
      problems.push({ path: 'REDIS_SENTINEL_NAME', message: 'is only read with REDIS_SENTINELS' });
    if (s.REDIS_SENTINEL_PASSWORD)
      problems.push({
        path: 'REDIS_SENTINEL_PASSWORD',
        message: 'is only read with REDIS_SENTINELS',
      });
  }
  if (!s.REDIS_SENTINELS && !s.REDIS_CLUSTER_NODES) {
    if (s.REDIS_PASSWORD)
      problems.push({
        path: 'REDIS_PASSWORD',
        message: 'is for Sentinel and Cluster; put the password in REDIS_URL (redis://:pw@host)',
      });
    if (s.REDIS_TLS)
      problems.push({
        path: 'REDIS_TLS',
        message: 'is for Sentinel and Cluster; use a rediss:// REDIS_URL for TLS',
      });
  }
  if (problems.length) return problems;

  const secrets = {
    ...(s.REDIS_PASSWORD ? { password: s.REDIS_PASSWORD } : {}),
    tls: s.REDIS_TLS,
  };
  if (s.REDIS_SENTINELS)
    return {
      kind: 'sentinel',
      sentinels: s.REDIS_SENTINELS,
      name: s.REDIS_SENTINEL_NAME!,
      ...(s.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: s.REDIS_SENTINEL_PASSWORD } : {}),
      ...secrets,
    };
  if (s.REDIS_CLUSTER_NODES) return { kind: 'cluster', nodes: s.REDIS_CLUSTER_NODES, ...secrets };
  return { kind: 'single', url: s.REDIS_URL ?? DEFAULT_REDIS_URL };
}
