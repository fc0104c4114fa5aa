/**
 * bench/dispatch: N invitations through the real dispatch worker to a local fake Twilio, next to
 * raw BullMQ jobs/s on the same Redis in the same run.
 *
 *   node --import tsx bench/dispatch.ts [N=2000] [concurrency=50]
 *
 * Uses MONGODB_URI / REDIS_URL when set, else the in-process MongoDB test server (in a child process, as a
 * real mongod would be) and a private
 * redis-server (the MongoDB stand-in is much slower than a real mongod: expect the real figure to
 * be higher).
 */
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { loadConfig } from '../config';
import { startMongoInChildProcess } from './child-mongo';
import { formatMemory } from './process-memory';
import { startRedisServer } from '../dev/redis-server';
import { buildContainer } from '../src/composition-root';
import { startFakeTwilio } from '../tests/support/fake-twilio';
import { buildProcessors } from '../workers/processors';
import { startWorkers } from '../workers/run-workers';

const N = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 50);

async function rawBullmq(redisUrl: string): Promise<number> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('bench-raw', { connection, prefix: 'bench' });
  await queue.obliterate({ force: true });
  await queue.addBulk(Array.from({ length: N }, (_, i) => ({ name: 'raw', data: { i } })));
  let done = 0;
  const start = performance.now();
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker('bench-raw', async () => undefined, {
      connection,
      prefix: 'bench',
      concurrency: CONCURRENCY,
    });
    worker.on('completed', () => {
      if (++done === N) void worker.close().then(resolve);
    });
  });
  await finished;
  const rate = N / ((performance.now() - start) / 1000);
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return rate;
}

async function main() {
  const stops: (() => Promise<void>)[] = [];
  let mongoUri = process.env.MONGODB_URI;
  let mongoPid: number | undefined;
  if (!mongoUri) {
    const mongo = await startMongoInChildProcess();
    stops.push(mongo.close);
    mongoPid = mongo.pid;
    mongoUri = `${mongo.uri}/retour_bench`;
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedisServer();
    stops.push(redis.close);
    redisUrl = redis.url;
  }
  const twilio = await startFakeTwilio();
  stops.push(twilio.close);

  const raw = await rawBullmq(redisUrl);

  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MONGODB_URI: mongoUri,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `bench${Date.now()}`,
    PUBLIC_URL: 'http://bench.test',
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_API_URL: twilio.url,
    TWILIO_FROM: '+33700000001',
    SEND_RATE_SMS: '1000000',
    DISPATCH_CONCURRENCY: String(CONCURRENCY),
  });
  const container = await buildContainer(config);
  await container.mongo.dropDatabase();
  await Promise.all(Object.values(container.mongo.models).map((m) => m.init()));
  const ws = await container.services.workspaces.createWorkspace({ name: 'Bench' });
  const workspaceId = new Types.ObjectId(ws.id);
  await container.services.workspaces.updateSettings(workspaceId, { quietHours: null });

  const scheduleStart = performance.now();
  for (let i = 0; i < N; i++) {
    await container.services.interactions.record(workspaceId, {
      id: `bench-${i}`,
      type: 'ticket.solved',
      customer: { id: `c-${i}`, phone: `+3361${String(i).padStart(7, '0')}` },
      survey: { type: 'nps', channels: ['sms'] },
    });
  }
  const scheduleRate = N / ((performance.now() - scheduleStart) / 1000);

  const events = new QueueEvents('dispatch-sms', {
    connection: container.workerRedis,
    prefix: container.queuePrefix,
  });
  await events.waitUntilReady();
  let completed = 0;
  const allSent = new Promise<void>((resolve) =>
    events.on('completed', () => {
      if (++completed === N) resolve();
    }),
  );
  const sendStart = performance.now();
  const workers = startWorkers(container, buildProcessors(container));
  await allSent;
  const sendRate = N / ((performance.now() - sendStart) / 1000);

  const sent = await container.mongo.collection('invitations').countDocuments({ status: 'sent' });
  // This process ran the scheduling, the dispatch workers and the fake Twilio.
  const memory = formatMemory();
  const mongoMemory = mongoPid ? formatMemory(mongoPid) : undefined;
  await workers.close();
  await events.close();
  await container.close();
  for (const stop of stops.reverse()) await stop();

  const pct = ((sendRate / raw) * 100).toFixed(0);
  console.log(
    `invitations: ${N}, worker concurrency: ${CONCURRENCY}, database: ${process.env.MONGODB_URI ? 'MongoDB' : 'in-process test server'}`,
  );
  console.log(`raw BullMQ (no-op processor):     ${raw.toFixed(0)} jobs/s`);
  console.log(`dispatch to fake Twilio:          ${sendRate.toFixed(0)} sends/s  (${pct}% of raw)`);
  console.log(`scheduling (trigger API service): ${scheduleRate.toFixed(0)} interactions/s`);
  console.log(`fake Twilio received ${twilio.messages.length} messages; invitations sent: ${sent}`);
  console.log(`bench process (workers + scheduling + fake Twilio): ${memory}`);
  if (mongoMemory) console.log(`MongoDB stand-in process: ${mongoMemory}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
