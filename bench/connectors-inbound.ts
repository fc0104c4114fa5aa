/**
 * bench/connectors-inbound: deliveries per second through POST /webhooks/connectors/:id for a
 * generic connector (signature check + store + queue + 202), and the CPU each costs, next to a
 * bare Express route that reads the same raw bodies and answers 202, in the same process and run.
 *
 *   node --import tsx bench/connectors-inbound.ts [deliveries=3000] [connections=10]
 *
 * CPU per delivery is process.cpuUsage() of this process (the app and the autocannon client; the
 * floor carries the same client cost), plus the MongoDB server's own CPU read from /proc when it
 * runs as a child here. Uses MONGODB_URI / REDIS_URL when set, else the in-process MongoDB test
 * server in a child process and a private redis-server (the stand-in is much slower than mongod).
 * No workers run: the jobs wait in Redis, as they would behind a busy worker.
 */
import autocannon from 'autocannon';
import express from 'express';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Types } from 'mongoose';
import { loadConfig } from '../config';
import { startRedisServer } from '../dev/redis-server';
import { createApp } from '../src/app';
import { buildContainer } from '../src/composition-root';
import { signGenericDelivery } from '../tests/support/connectors/generic-signer';
import { startMongoInChildProcess } from './child-mongo';

const N = Number(process.argv[2] ?? 3000);
const CONNECTIONS = Number(process.argv[3] ?? 10);
const WARM_UP = 200;

/** CPU ms a child process has used (Linux /proc), or null where unavailable. */
function childCpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, 100 Hz
  } catch {
    return null;
  }
}

const listen = (app: express.Express) =>
  new Promise<Server>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
const portOf = (s: Server) => (s.address() as AddressInfo).port;

interface Figures {
  label: string;
  rps: number;
  cpuUs: number;
  mongoUs: number | null;
  p50: number;
  p99: number;
  non202: number;
}

async function measure(
  label: string,
  port: number,
  path: string,
  requests: { body: string; headers: Record<string, string> }[],
  mongoPid: number | undefined,
): Promise<Figures> {
  let i = 0;
  const run = (amount: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      amount,
      requests: [
        {
          method: 'POST',
          path,
          setupRequest: (req) => {
            const r = requests[i++ % requests.length]!;
            return { ...req, headers: r.headers, body: r.body };
          },
        },
      ],
    });
  await run(WARM_UP);
  const cpu0 = process.cpuUsage();
  const mongo0 = childCpuMs(mongoPid);
  const result = await run(N);
  const cpu = process.cpuUsage(cpu0);
  const mongo1 = childCpuMs(mongoPid);
  const accepted = result.statusCodeStats?.['202']?.count ?? 0;
  const non202 = result.requests.total - accepted;
  return {
    label,
    rps: result.requests.total / (result.duration || 1),
    cpuUs: (cpu.user + cpu.system) / result.requests.total,
    mongoUs:
      mongo0 !== null && mongo1 !== null
        ? ((mongo1 - mongo0) * 1000) / result.requests.total
        : null,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non202: non202 + result.errors + result.timeouts,
  };
}

async function main() {
  const stops: (() => Promise<void> | void)[] = [];
  let mongoUri = process.env.MONGODB_URI;
  let mongoPid: number | undefined;
  if (!mongoUri) {
    const mongo = await startMongoInChildProcess();
    stops.push(mongo.close);
    mongoPid = mongo.pid;
    mongoUri = `${mongo.uri}/retour_bench_connectors`;
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedisServer();
    stops.push(redis.close);
    redisUrl = redis.url;
  }
  const container = await buildContainer(
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      MONGODB_URI: mongoUri,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `benchconn${Date.now()}`,
      PUBLIC_URL: 'http://bench.test',
    }),
  );
  stops.unshift(() => container.close());
  const ws = await container.services.workspaces.createWorkspace({ name: 'Bench' });
  const connector = await container.services.connectors.create(new Types.ObjectId(ws.id), {
    provider: 'generic',
    name: 'Bench CRM',
    mapping: { id: 'ticket.id', 'customer.email': 'ticket.requester.email' },
    when: { path: 'ticket.status', equals: 'solved' },
  });
  const secret = connector.secret!;

  // Signed before the clock starts (well within the 5-minute tolerance), each one unique.
  const requests = Array.from({ length: N + WARM_UP }, (_, k) => {
    const body = JSON.stringify({
      ticket: {
        id: 100_000 + k,
        status: 'solved',
        subject: 'My order has not arrived',
        priority: 'normal',
        tags: ['shipping', 'fr'],
        requester: { name: `Client ${k}`, email: `client${k}@example.com` },
        assignee: { name: 'Bruno', email: 'bruno@example.com' },
      },
    });
    return { body, headers: signGenericDelivery(secret, body, { deliveryId: randomUUID() }) };
  });

  const app = await listen(createApp(container));
  const bareApp = express();
  bareApp.post('/bare', express.raw({ type: () => true, limit: '1mb' }), (_req, res) => {
    res.status(202).json({ accepted: true });
  });
  const bare = await listen(bareApp);
  stops.unshift(
    () => void app.close(),
    () => void bare.close(),
  );

  const figures = [
    await measure('bare Express raw POST', portOf(bare), '/bare', requests, undefined),
    await measure(
      'POST /webhooks/connectors/:id',
      portOf(app),
      `/webhooks/connectors/${connector.id}`,
      requests,
      mongoPid,
    ),
  ];
  const stored = await container.mongo
    .collection('connector_deliveries')
    .countDocuments({ outcome: 'queued' });
  const body = Buffer.byteLength(requests[0]!.body);

  for (const stop of stops) await stop();
  console.log(
    `connectors inbound bench: ${N} signed generic deliveries (${body} bytes each) after ${WARM_UP} warm-up, ${CONNECTIONS} connections, database: ${process.env.MONGODB_URI ? 'MongoDB' : 'in-process test server (child process)'}, node ${process.version}`,
  );
  console.log(
    'scenario                         deliveries/s   CPU µs/op  mongo CPU µs/op  p50 ms  p99 ms  non-202',
  );
  for (const f of figures) {
    console.log(
      `${f.label.padEnd(32)} ${f.rps.toFixed(0).padStart(12)} ${f.cpuUs.toFixed(0).padStart(11)} ${(f.mongoUs === null ? '-' : f.mongoUs.toFixed(0)).padStart(16)} ${String(f.p50).padStart(7)} ${String(f.p99).padStart(7)} ${String(f.non202).padStart(8)}`,
    );
  }
  const [floor, route] = figures as [Figures, Figures];
  console.log(
    `route cost over the floor: ${(route.cpuUs - floor.cpuUs).toFixed(0)} µs CPU per delivery in the app process; deliveries stored and queued: ${stored} (expected ${N + WARM_UP})`,
  );
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
