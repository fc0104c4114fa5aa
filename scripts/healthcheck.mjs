// Container health check, one script for both roles of the image (no curl in the slim image).
//   node scripts/healthcheck.mjs          HTTP role: GET /healthz on $PORT answers 200
//   node scripts/healthcheck.mjs worker   workers role: this host holds a BullMQ worker
//                                         connection to Redis (the workers serve no HTTP)
import http from 'node:http';

const role = process.argv[2] ?? 'web';
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
  const { Redis } = await import('ioredis');
  const prefix = `${process.env.QUEUE_PREFIX || 'retour'}:`;
  const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 4000,
  });
  redis.on('error', () => undefined);
  // BullMQ names each worker's blocking connection `<prefix>:<base64 queue name>`; one of them
  // coming from this host's address means the worker process here is connected and listening.
  const host = (line) => {
    const addr = /(?:^| )addr=(\S+)/.exec(line)?.[1] ?? '';
    return addr.slice(0, addr.lastIndexOf(':'));
  };
  const nameOf = (line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '';
  redis
    .connect()
    .then(async () => {
      const self = host(String(await redis.call('CLIENT', 'INFO')));
      const clients = String(await redis.call('CLIENT', 'LIST')).split('\n');
      const mine = clients.filter((c) => host(c) === self && nameOf(c).startsWith(prefix));
      redis.disconnect();
      if (mine.length > 0) process.exit(0);
      fail(`no BullMQ worker connection from ${self} (prefix ${prefix})`);
    })
    .catch((err) => fail(`Redis: ${err.message}`));
} else {
  fail(`unknown role "${role}" (web or worker)`);
}
