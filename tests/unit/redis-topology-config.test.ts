import { ConfigError, loadConfig } from '../../config';
import { parseHostPorts } from '../../config/redis-topology';
import { queuePrefixFor } from '../../src/shared/redis-connection';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('Redis topology settings', () => {
  it('when nothing is set, then one local server is used with the plain queue prefix', () => {
    const config = loadConfig({});
    expect(config.REDIS).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6379' });
    expect(queuePrefixFor(config.REDIS, config.QUEUE_PREFIX)).toBe('retour');
  });

  it('when REDIS_URL is rediss://, then it is kept as is (ioredis turns TLS on for it)', () => {
    expect(loadConfig({ REDIS_URL: 'rediss://:pw@cache.internal:6380/2' }).REDIS).toEqual({
      kind: 'single',
      url: 'rediss://:pw@cache.internal:6380/2',
    });
  });

  it('when Sentinels and a name are set, then the master is found through them', () => {
    const config = loadConfig({
      REDIS_SENTINELS: 'sentinel-1:26379, sentinel-2:26379,[::1]:26380',
      REDIS_SENTINEL_NAME: 'retour',
      REDIS_SENTINEL_PASSWORD: 's3cret',
      REDIS_PASSWORD: 'data-pw',
      REDIS_TLS: 'on',
    });
    expect(config.REDIS).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 'sentinel-1', port: 26379 },
        { host: 'sentinel-2', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      name: 'retour',
      sentinelPassword: 's3cret',
      password: 'data-pw',
      tls: true,
    });
    expect(config.REDIS_URL).toBeUndefined();
    expect(queuePrefixFor(config.REDIS, config.QUEUE_PREFIX)).toBe('retour');
  });

  it('when Cluster nodes are set, then queues use the hash-tagged prefix', () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: 'r1:7000,r2:7001', QUEUE_PREFIX: 'acme' });
    expect(config.REDIS).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'r1', port: 7000 },
        { host: 'r2', port: 7001 },
      ],
      tls: false,
    });
    expect(queuePrefixFor(config.REDIS, config.QUEUE_PREFIX)).toBe('{acme}');
  });

  it.each([
    [{ REDIS_SENTINELS: 's1:26379' }, 'REDIS_SENTINEL_NAME: must name the master'],
    [
      { REDIS_URL: 'redis://r:6379', REDIS_CLUSTER_NODES: 'r1:7000' },
      'REDIS_CLUSTER_NODES: set only one of REDIS_URL, REDIS_SENTINELS and REDIS_CLUSTER_NODES (got REDIS_URL and REDIS_CLUSTER_NODES)',
    ],
    [
      { REDIS_SENTINELS: 's1:26379', REDIS_SENTINEL_NAME: 'm', REDIS_CLUSTER_NODES: 'r1:7000' },
      'REDIS_CLUSTER_NODES: set only one of',
    ],
    [{ REDIS_SENTINEL_NAME: 'm' }, 'REDIS_SENTINEL_NAME: is only read with REDIS_SENTINELS'],
    [{ REDIS_PASSWORD: 'pw' }, 'REDIS_PASSWORD: is for Sentinel and Cluster'],
    [{ REDIS_TLS: 'on' }, 'REDIS_TLS: is for Sentinel and Cluster'],
    [{ REDIS_TLS: 'yes', REDIS_CLUSTER_NODES: 'r1:7000' }, 'REDIS_TLS:'],
    [{ REDIS_CLUSTER_NODES: 'r1' }, 'REDIS_CLUSTER_NODES: "r1" is not host:port'],
    [{ REDIS_SENTINELS: 's1:99999', REDIS_SENTINEL_NAME: 'm' }, 'REDIS_SENTINELS: "s1:99999"'],
    [{ REDIS_CLUSTER_NODES: ' , ' }, 'REDIS_CLUSTER_NODES: must list at least one host:port'],
  ])('when %p, then start-up fails with %p', (env, message) => {
    expect(problems(env).some((p) => p.startsWith(message))).toBe(true);
  });

  it('parses host:port lists, refusing anything else', () => {
    expect(parseHostPorts('a:1')).toEqual([{ host: 'a', port: 1 }]);
    expect(parseHostPorts('redis://a:1')).toMatch(/is not host:port/);
    expect(parseHostPorts('a:0')).toMatch(/is not host:port/);
  });
});
