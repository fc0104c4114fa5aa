import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort, waitForPing } from '../../dev/redis-server';
import { waitFor } from './wait-for';

/**
 * Real multi-node Redis for tests, from Debian's redis-server package alone (redis-server and
 * redis-cli on PATH): a 3-master Cluster, and a master with a replica watched by one Sentinel.
 * Everything listens on 127.0.0.1 on free ports and keeps its files in a temporary directory.
 */
export interface RedisTopologyServers {
  /** Environment selecting this topology (REDIS_URL emptied, since testEnv sets it). */
  env: Record<string, string>;
  close(): Promise<void>;
}

const run = promisify(execFile);

function spawnRedis(args: string[]): ChildProcess {
  return spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

/** A free port whose cluster bus port (port + 10000) is free too. */
async function freeClusterPort(taken: number[]): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + 10000 < 65536 && !taken.includes(port) && (await canListen(port + 10000)))
      return port;
  }
}

function quietClient(port: number): Redis {
  const client = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  return client;
}

export interface RedisClusterServers extends RedisTopologyServers {
  ports: number[];
  /** Every node stops answering (SIGSTOP) until resume(). */
  pause(): void;
  resume(): void;
}

/** Three masters, slots spread by `redis-cli --cluster create`, no replicas. */
export async function startRedisCluster(): Promise<RedisClusterServers> {
  const dir = await mkdtemp(path.join(tmpdir(), 'retour-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < 3; i++) ports.push(await freeClusterPort(ports));
  const children = ports.map((port) =>
    spawnRedis([
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      `nodes-${port}.conf`,
      '--cluster-node-timeout',
      '2000',
      '--save',
      '',
      '--appendonly',
      'no',
      '--loglevel',
      'warning',
    ]),
  );
  const close = async () => {
    await Promise.all(children.map(stop));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(
      ports.map((port, i) => waitForPing(`redis://127.0.0.1:${port}`, children[i]!)),
    );
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    // Every node must know every slot's owner before a client asks one of them.
    for (const port of ports) {
      const client = quietClient(port);
      try {
        await waitFor(
          async () => String(await client.cluster('INFO')).includes('cluster_state:ok'),
          `cluster node ${port} to report cluster_state:ok`,
        );
      } finally {
        client.disconnect();
      }
    }
  } catch (err) {
    await close();
    throw err;
  }
  return {
    ports,
    env: { REDIS_URL: '', REDIS_CLUSTER_NODES: ports.map((p) => `127.0.0.1:${p}`).join(',') },
    pause: () => children.forEach((c) => c.kill('SIGSTOP')),
    resume: () => children.forEach((c) => c.kill('SIGCONT')),
    async close() {
      children.forEach((c) => c.kill('SIGCONT'));
      await close();
    },
  };
}

export const SENTINEL_MASTER_NAME = 'retour-test';

export interface RedisSentinelServers extends RedisTopologyServers {
  /** The port of the server Sentinel currently names the master. */
  masterPort(): Promise<number>;
  /** Has Sentinel promote the replica, and resolves once it names the new master. */
  failover(): Promise<number>;
}

/** A master and its replica, watched by one Sentinel with quorum 1. */
export async function startRedisSentinel(): Promise<RedisSentinelServers> {
  const dir = await mkdtemp(path.join(tmpdir(), 'retour-sentinel-'));
  const [masterPort, replicaPort, sentinelPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const data = (port: number, extra: string[] = []) =>
    spawnRedis([
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--dbfilename',
      `dump-${port}.rdb`,
      '--save',
      '',
      '--appendonly',
      'no',
      '--loglevel',
      'warning',
      ...extra,
    ]);
  const children: ChildProcess[] = [data(masterPort!)];
  const close = async () => {
    await Promise.all(children.map(stop));
    await rm(dir, { recursive: true, force: true });
  };
  const sentinel = quietClient(sentinelPort!);
  const named = async () => {
    const reply = (await sentinel.call(
      'SENTINEL',
      'get-master-addr-by-name',
      SENTINEL_MASTER_NAME,
    )) as [string, string] | null;
    return reply ? Number(reply[1]) : 0;
  };
  try {
    await waitForPing(`redis://127.0.0.1:${masterPort}`, children[0]!);
    children.push(data(replicaPort!, ['--replicaof', '127.0.0.1', String(masterPort)]));
    await waitForPing(`redis://127.0.0.1:${replicaPort}`, children[1]!);
    const conf = path.join(dir, 'sentinel.conf');
    // Sentinel rewrites its file as it learns the replica (and after a failover).
    await writeFile(
      conf,
      [
        `port ${sentinelPort}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${masterPort} 1`,
        `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} 1000`,
        `sentinel failover-timeout ${SENTINEL_MASTER_NAME} 5000`,
        '',
      ].join('\n'),
    );
    children.push(spawnRedis([conf, '--sentinel', '--loglevel', 'warning']));
    await waitForPing(`redis://127.0.0.1:${sentinelPort}`, children[2]!);
    await waitFor(async () => (await named()) === masterPort, 'Sentinel to name the master');
    // A failover needs a replica Sentinel knows of, in sync with the master.
    const replica = quietClient(replicaPort!);
    try {
      await waitFor(
        async () => String(await replica.info('replication')).includes('master_link_status:up'),
        'the replica to sync',
      );
    } finally {
      replica.disconnect();
    }
    await waitFor(async () => {
      const replicas = (await sentinel.call(
        'SENTINEL',
        'replicas',
        SENTINEL_MASTER_NAME,
      )) as unknown[];
      return replicas.length > 0;
    }, 'Sentinel to learn of the replica');
  } catch (err) {
    sentinel.disconnect();
    await close();
    throw err;
  }
  return {
    env: {
      REDIS_URL: '',
      REDIS_SENTINELS: `127.0.0.1:${sentinelPort}`,
      REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME,
    },
    masterPort: named,
    async failover() {
      const before = await named();
      await sentinel.call('SENTINEL', 'failover', SENTINEL_MASTER_NAME);
      return waitFor(
        async () => {
          const now = await named();
          return now !== before ? now : 0;
        },
        'Sentinel to name the promoted replica',
        15_000,
      );
    },
    async close() {
      sentinel.disconnect();
      await close();
    },
  };
}
