import { Redis } from 'ioredis';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import { startDeliveryFakes, type DeliveryFakes } from '../support/delivery-env';
import { startTestContext, type TestContext } from '../support/harness';
import { startRedisSentinel, type RedisSentinelServers } from '../support/redis-topologies';
import { waitFor } from '../support/wait-for';
import { runDispatchFlow, signInThrough, TOPOLOGY_ENV } from './topology-flow';

/**
 * Retour behind Redis Sentinel (REDIS_SENTINELS + REDIS_SENTINEL_NAME): it finds the master
 * through the Sentinel, runs the whole flow there, and follows a failover to the replica.
 */
jest.setTimeout(90_000);

let servers: RedisSentinelServers;
let fakes: DeliveryFakes;
let ctx: TestContext;
let workers: RunningWorkers;
beforeAll(async () => {
  servers = await startRedisSentinel();
  fakes = await startDeliveryFakes({ ...TOPOLOGY_ENV, ...servers.env });
  ctx = await startTestContext('redis-sentinel', fakes.env);
  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
});
afterAll(async () => {
  await workers?.close();
  await ctx?.close();
  await fakes?.close();
  await servers?.close();
});

/** The port of the server the app's command connection is talking to. */
const connectedPort = async () => {
  const redis = ctx.container.redis as Redis;
  const info = String(await redis.info('server'));
  return Number(/tcp_port:(\d+)/.exec(info)?.[1]);
};

describe('Redis Sentinel', () => {
  it('when Retour is given Sentinels and a master name, then it talks to the master they name, with the plain prefix', async () => {
    expect(await connectedPort()).toBe(await servers.masterPort());
    expect(String(await (ctx.container.redis as Redis).info('replication'))).toContain(
      'role:master',
    );
    expect(ctx.container.queuePrefix).toBe(ctx.container.config.QUEUE_PREFIX);
  });

  it('when an interaction is posted, then the SMS goes out, the answer is stored and its rules run, once each', async () => {
    await runDispatchFlow(ctx, fakes, 'Sentinel');
  });

  it('when a manager signs in, then the rate limits, the backoff and the session work through Sentinel', async () => {
    await signInThrough(ctx, 'Sentinel');
  });

  it('when Sentinel fails the master over to the replica, then Retour follows it and the flow runs there', async () => {
    const promoted = await servers.failover();
    await waitFor(
      async () => (await connectedPort().catch(() => 0)) === promoted,
      'the command connection to reach the promoted master',
      15_000,
    );
    await runDispatchFlow(ctx, fakes, 'After failover');
  });
});
