import { Cluster } from 'ioredis';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import request from 'supertest';
import { createUser, nextIp, PASSWORD, signIn } from '../component/auth-helpers';
import { startDeliveryFakes, type DeliveryFakes } from '../support/delivery-env';
import { createAnyTimeWorkspace, startTestContext, type TestContext } from '../support/harness';
import { startRedisCluster, type RedisClusterServers } from '../support/redis-topologies';
import { waitFor } from '../support/wait-for';
import { keysEverywhere, runDispatchFlow, signInThrough, TOPOLOGY_ENV } from './topology-flow';

/**
 * Retour on a real 3-master Redis Cluster (REDIS_CLUSTER_NODES): queues, workers, rate limits
 * and sessions work, every queue keeps its keys in one slot through the {prefix} hash tag, and
 * the HTTP process fails fast (503, jobs parked in MongoDB) when no node answers.
 */
jest.setTimeout(60_000);

let cluster: RedisClusterServers;
let fakes: DeliveryFakes;
let ctx: TestContext;
let workers: RunningWorkers;
beforeAll(async () => {
  cluster = await startRedisCluster();
  fakes = await startDeliveryFakes({
    ...TOPOLOGY_ENV,
    ...cluster.env,
    REDIS_COMMAND_TIMEOUT_MS: '1000',
    JOB_OUTBOX_DRAIN_MS: '200',
  });
  ctx = await startTestContext('redis-cluster', fakes.env);
  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
});
afterAll(async () => {
  cluster?.resume();
  await workers?.close();
  await ctx?.close();
  await fakes?.close();
  await cluster?.close();
});

const slotOf = async (key: string) => Number(await ctx.container.redis.cluster('KEYSLOT', key));

describe('Redis Cluster', () => {
  it('when Retour is given cluster nodes, then it connects to the Cluster and tags the queue prefix', async () => {
    expect(ctx.container.redis).toBeInstanceOf(Cluster);
    expect(ctx.container.workerRedis).toBeInstanceOf(Cluster);
    expect(ctx.container.queuePrefix).toBe(`{${ctx.container.config.QUEUE_PREFIX}}`);
    const info = String(await ctx.container.redis.cluster('INFO'));
    expect(info).toContain('cluster_known_nodes:3');
    expect(info).toContain('cluster_size:3');
  });

  it('when an interaction is posted, then the SMS goes out, the answer is stored and its rules run, once each', async () => {
    await runDispatchFlow(ctx, fakes, 'Cluster');
  });

  it('when the flow has run, then every key of every queue carries the hash tag and hashes to its one slot', async () => {
    const prefix = ctx.container.queuePrefix;
    const keys = await keysEverywhere(ctx.container.redis, `${prefix}:*`);
    const queues = new Set(keys.map((k) => k.split(':')[1]));
    expect([...queues]).toEqual(expect.arrayContaining(['dispatch-sms', 'responses']));
    const slots = new Set(await Promise.all(keys.map(slotOf)));
    // The hash tag is the whole prefix: every key of every queue hashes to the slot of "{prefix}".
    expect([...slots]).toEqual([await slotOf(prefix)]);
    expect(keys.every((k) => k.startsWith(`${prefix}:`))).toBe(true);
    expect(keys.filter((k) => k.startsWith(`${prefix}:dispatch-sms:`)).length).toBeGreaterThan(1);
  });

  it('when a manager signs in, then the rate limits, the backoff and the session work on the Cluster', async () => {
    await signInThrough(ctx, 'Cluster');
    // Rate-limit counters (one key each, their own slots) live on the Cluster too.
    const counters = await keysEverywhere(
      ctx.container.redis,
      `${ctx.container.config.QUEUE_PREFIX}:rl:login-ip:*`,
    );
    expect(counters.length).toBeGreaterThan(0);
  });

  it('when no Cluster node answers, then API calls still answer within 3 s (the job parked in MongoDB), signed-in pages 503, and the SMS goes out once after', async () => {
    const ws = await createAnyTimeWorkspace(ctx, 'Cluster outage');
    const user = await createUser(ctx, ws, { role: 'manager' });
    const { agent } = await signIn(ctx, user.email, PASSWORD, nextIp());
    const phone = '+33618889999';
    cluster.pause();
    try {
      const started = Date.now();
      const posted = await request(ctx.app)
        .post('/api/v1/interactions')
        .set(ws.auth)
        .send({
          id: 'during-cluster-outage',
          type: 'ticket.solved',
          customer: { id: 'cluster-outage', phone, locale: 'en' },
          survey: { type: 'nps', channels: ['sms'] },
        });
      expect(posted.status).toBe(202);
      expect(Date.now() - started).toBeLessThan(3000);
      const page = await agent.get('/app/inbox');
      expect(page.status).toBe(503);
      expect(page.headers['retry-after']).toBe('5');
      const parked = ctx.container.mongo.collection('job_outbox');
      expect(await parked.countDocuments({ workspaceId: ws.workspaceId })).toBe(1);
    } finally {
      cluster.resume();
    }
    await waitFor(
      () => fakes.twilio.messages.some((m) => m.to === phone),
      'the parked survey to be sent once the Cluster answers',
      30_000,
    );
    await waitFor(
      async () => (await ctx.container.mongo.collection('job_outbox').countDocuments({})) === 0,
      'the outbox to be empty',
    );
    expect(fakes.twilio.messages.filter((m) => m.to === phone)).toHaveLength(1);
  });
});
