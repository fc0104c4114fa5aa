// Container health check, one script for both roles of the image (no curl in the slim image).
//   node scripts/healthcheck.mjs [web|worker]
//   web:    GET /healthz on $PORT answers 200
//   worker: this host holds a BullMQ worker connection to Redis (the workers serve no HTTP)
// Without an argument the role is the one this container runs (a dist/workers/main.js process
// means worker), so the image's own HEALTHCHECK fits both commands.
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';

const runsWorkers = () =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .some((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/workers/main.js');
      } catch {
        return false;
      }
    });
const role = process.argv[2] ?? (runsWorkers() ? 'worker' : 'web');
const fail = (why) => {
  process.stderr.write(`unhealthy: ${why}\n`);
  process.exit(1);
};

if (role === 'web') {
  const port = process.env.PORT || '3000';
  const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 4000 }, (res) => {
    res.resume();
    if (res.statusCode === 200) process.exit(0);
    fail(`/healthz answered ${res.statusCode}`);
  });
  req.on('timeout', () => req.destroy(new Error('no answer within 4 s')));
  req.on('error', (err) => fail(err.message));
} else if (role === 'worker') {
  const { Cluster, Redis } = await import('ioredis');
  const env = process.env;
  const hostPorts = (list) =>
    list.split(',').flatMap((entry) => {
      const m = /^\s*(?:\[([^\]]+)\]|([^:\s]+)):(\d+)\s*$/.exec(entry);
      return m ? [{ host: m[1] ?? m[2], port: Number(m[3]) }] : [];
    });
  const once = { maxRetriesPerRequest: 0, connectTimeout: 4000, retryStrategy: () => null };
  const secrets = {
    ...(env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {}),
    ...(env.REDIS_TLS === 'on' ? { tls: {} } : {}),
  };
  const cluster = Boolean(env.REDIS_CLUSTER_NODES);
  // The same topology as config/redis-topology.ts: Cluster, Sentinel or one server.
  const redis = cluster
    ? new Cluster(hostPorts(env.REDIS_CLUSTER_NODES), {
        lazyConnect: true,
        clusterRetryStrategy: () => null,
        redisOptions: { ...once, ...secrets },
      })
    : env.REDIS_SENTINELS
      ? new Redis({
          ...once,
          ...secrets,
          lazyConnect: true,
          sentinels: hostPorts(env.REDIS_SENTINELS),
          name: env.REDIS_SENTINEL_NAME,
          sentinelRetryStrategy: () => null,
          ...(env.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: env.REDIS_SENTINEL_PASSWORD } : {}),
          ...(env.REDIS_TLS === 'on' ? { enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
        })
      : new Redis(env.REDIS_URL || 'redis://127.0.0.1:6379', { ...once, lazyConnect: true });
  redis.on('error', () => undefined);
  // Under Cluster the queues' prefix is hash-tagged (src/shared/redis-connection.ts).
  const base = env.QUEUE_PREFIX || 'retour';
  const prefix = `${cluster ? `{${base}}` : base}:`;
  // BullMQ names each worker's blocking connection `<prefix>:<base64 queue name>`; one of them
  // coming from this host's address means the worker process here is connected and listening.
  // Under Cluster it may sit on any master, so each is asked.
  const host = (line) => {
    const addr = /(?:^| )addr=(\S+)/.exec(line)?.[1] ?? '';
    return addr.slice(0, addr.lastIndexOf(':'));
  };
  const nameOf = (line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '';
  redis
    .connect()
    .then(async () => {
      const servers = cluster ? redis.nodes('master') : [redis];
      const self = host(String(await servers[0].call('CLIENT', 'INFO')));
      const lists = await Promise.all(servers.map((s) => s.call('CLIENT', 'LIST')));
      const clients = lists.flatMap((list) => String(list).split('\n'));
      const mine = clients.filter((c) => host(c) === self && nameOf(c).startsWith(prefix));
      redis.disconnect();
      if (mine.length > 0) process.exit(0);
      fail(`no BullMQ worker connection from ${self} (prefix ${prefix})`);
    })
    .catch((err) => fail(`Redis: ${err.message}`));
} else {
  fail(`unknown role "${role}" (web or worker)`);
}
