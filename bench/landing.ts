/**
 * bench/landing: the survey landing page (GET and POST) on the BUILT server (`npm run build`,
 * then node dist/src/server.js), with a populated database, next to a bare Express route in the
 * same run, at a fixed request rate.
 *
 *   npm run build && node --import tsx bench/landing.ts [invitations=2000] [rate=300] [seconds=15]
 *
 * Uses MONGODB_URI / REDIS_URL when set, else the in-process MongoDB test server (in a child process)
 * and a private redis-server.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Types } from 'mongoose';
import { loadConfig } from '../config';
import { startMongoInChildProcess } from './child-mongo';
import { formatMemory } from './process-memory';
import { freePort, startRedisServer } from '../dev/redis-server';
import { buildContainer } from '../src/composition-root';
import { syncIndexes } from '../src/database/indexes';

const INVITATIONS = Number(process.argv[2] ?? 2000);
const RATE = Number(process.argv[3] ?? 300);
const SECONDS = Number(process.argv[4] ?? 15);
const root = path.resolve(__dirname, '..');

/** Starts a child process and waits until `readyUrl` answers 200. */
async function start(
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited ${child.exitCode}`);
    const ok = await fetch(readyUrl).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${args.join(' ')} did not become ready`);
}

interface Figures {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  bytes: number;
}

async function measure(label: string, opts: autocannon.Options): Promise<Figures> {
  const result = await autocannon({
    connections: 20,
    duration: SECONDS,
    overallRate: RATE,
    ...opts,
  });
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytes: result.throughput.total / Math.max(1, result.requests.total),
  };
}

async function main() {
  if (!existsSync(path.join(root, 'dist/src/server.js')))
    throw new Error('Run `npm run build` first.');
  const stops: (() => Promise<void> | void)[] = [];
  let mongoUri = process.env.MONGODB_URI;
  if (!mongoUri) {
    const mongo = await startMongoInChildProcess();
    stops.push(mongo.close);
    mongoUri = `${mongo.uri}/retour_bench_landing`;
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedisServer();
    stops.push(redis.close);
    redisUrl = redis.url;
  }
  const port = await freePort();
  const env = {
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    SECRETS_KEY: `bench:${Buffer.alloc(32, 1).toString('base64')}`,
    LOG_LEVEL: 'warn',
    MONGODB_URI: mongoUri,
    REDIS_URL: redisUrl,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    QUEUE_PREFIX: `benchlanding${Date.now()}`,
    LANDING_RATE_PER_IP_PER_MINUTE: '1000000',
  };

  // Populate: one workspace, N link invitations (nothing to send), through the real services.
  const container = await buildContainer(loadConfig({ ...env, NODE_ENV: 'test' }));
  await container.mongo.dropDatabase();
  // The server below starts in production, which checks the indexes instead of building them.
  await syncIndexes(container.mongo);
  const ws = await container.services.workspaces.createWorkspace({
    name: 'Acme',
    defaultLocale: 'fr',
  });
  const workspaceId = new Types.ObjectId(ws.id);
  const paths: string[] = [];
  for (let i = 0; i < INVITATIONS; i++) {
    const { result } = await container.services.interactions.record(workspaceId, {
      id: `bench-${i}`,
      type: 'ticket.solved',
      customer: { id: `c-${i}`, name: `Client ${i}`, locale: i % 2 ? 'fr' : 'en' },
      agent: { id: 'a-1', name: 'Bruno' },
      attributes: { product: 'Pro plan', region: 'FR' },
      survey: { type: i % 3 === 0 ? 'nps' : i % 3 === 1 ? 'csat' : 'ces', channels: ['link'] },
    });
    paths.push(new URL(result.invitations[0]!.url!).pathname);
  }
  await container.close();
  console.log(`populated ${paths.length} invitations`);

  const server = await start(['dist/src/server.js'], env, `http://127.0.0.1:${port}/readyz`);
  stops.push(() => void server.kill('SIGTERM'));
  const barePort = await freePort();
  const bare = await start(
    ['--import', 'tsx', 'bench/bare-server.ts'],
    { PORT: String(barePort) },
    `http://127.0.0.1:${barePort}/bare`,
  );
  stops.push(() => void bare.kill('SIGTERM'));

  // Nonces for the POST run: one GET per link, as a customer's browser would.
  const postPaths = paths.slice(0, Math.min(paths.length, RATE * SECONDS));
  const forms = new Map<string, string>();
  for (const p of postPaths.slice(0, 500)) {
    const html = await (await fetch(`http://127.0.0.1:${port}${p}`)).text();
    const nonce = /name="nonce" value="([^"]+)"/.exec(html)?.[1];
    if (nonce) forms.set(p, nonce);
  }
  const postable = [...forms.entries()];
  if (!postable.length) throw new Error('No form nonce found on the landing page');
  const getPaths = paths.slice(500);
  let g = 0;
  let q = 0;

  const figures: Figures[] = [];
  figures.push(await measure('bare Express GET', { url: `http://127.0.0.1:${barePort}/bare` }));
  figures.push(
    await measure('landing GET /s/:token', {
      url: `http://127.0.0.1:${port}`,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => ({ ...req, path: getPaths[g++ % getPaths.length] }),
        },
      ],
    }),
  );
  figures.push(
    await measure('landing POST /s/:token', {
      url: `http://127.0.0.1:${port}`,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          setupRequest: (req) => {
            const [p, nonce] = postable[q++ % postable.length]!;
            const score = (q % 5) + 1;
            return {
              ...req,
              path: p,
              body: `score=${score}&comment=Bench+comment+${q}&nonce=${encodeURIComponent(nonce)}`,
            };
          },
        },
      ],
    }),
  );
  const page = await (await fetch(`http://127.0.0.1:${port}${getPaths[0]}`)).text();
  const serverMemory = formatMemory(server.pid!);

  for (const stop of stops.reverse()) await stop();
  console.log(
    `landing bench: ${INVITATIONS} invitations, target ${RATE} req/s for ${SECONDS} s, 20 connections, database: ${process.env.MONGODB_URI ? 'MongoDB' : 'in-process test server'}`,
  );
  console.log(
    'scenario                     req/s    p50 ms   p99 ms   errors  non-2xx  bytes/resp',
  );
  for (const f of figures) {
    console.log(
      `${f.label.padEnd(28)} ${f.rps.toFixed(0).padStart(6)} ${String(f.p50).padStart(8)} ${String(f.p99).padStart(8)} ${String(f.errors).padStart(8)} ${String(f.non2xx).padStart(8)} ${f.bytes.toFixed(0).padStart(11)}`,
    );
  }
  console.log(`landing page HTML: ${Buffer.byteLength(page)} bytes (goal ≤ 15,360)`);
  console.log(`HTTP server process (dist/src/server.js) after the runs: ${serverMemory}`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
