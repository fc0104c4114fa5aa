import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { freePort } from '../../dev/redis-server';
import { startDeliveryFakes, type DeliveryFakes } from '../support/delivery-env';
import { createAnyTimeWorkspace, startTestContext, type TestContext } from '../support/harness';
import { parsePrometheusText, valueOf, type Sample } from '../support/prometheus-text';
import { startControlledRedis, type ControlledRedis } from '../support/redis-control';
import { testEnv } from '../support/test-env';
import { waitFor } from '../support/wait-for';
import { spawnWorkerProcess } from '../support/worker-process';

/**
 * /metrics when Redis stops answering (the scrape still answers, without the queue gauges), and
 * the worker process's own /metrics on METRICS_PORT, as production runs it.
 */
jest.setTimeout(60_000);

const TOKEN = 'metrics-token-for-tests-0123456789';

async function scrape(app: TestContext['app']): Promise<Sample[]> {
  const res = await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
  expect(res.status).toBe(200);
  return parsePrometheusText(res.text);
}
const queueSamples = (samples: Sample[]) => samples.filter((s) => s.name === 'retour_queue_jobs');

describe('when Redis does not answer', () => {
  let redis: ControlledRedis;
  let ctx: TestContext;
  beforeAll(async () => {
    redis = await startControlledRedis();
    ctx = await startTestContext(
      'metrics-redis-down',
      { REDIS_URL: redis.url, METRICS_TOKEN: TOKEN },
      // No cache, so each scrape below reads Redis again.
      { queueCounts: { cacheMs: 0, timeoutMs: 500 } },
    );
  });
  afterAll(async () => {
    redis.resume();
    await ctx.close();
    await redis.close();
  });

  it('paused or killed, then a scrape still answers 200, leaves the queue gauges out and says so; they come back with Redis', async () => {
    const up = await scrape(ctx.app);
    expect(valueOf(up, 'retour_queue_counts_up')).toBe(1);
    expect(queueSamples(up).length).toBeGreaterThan(0);

    redis.pause();
    const paused = await scrape(ctx.app);
    expect(valueOf(paused, 'retour_queue_counts_up')).toBe(0);
    expect(queueSamples(paused)).toEqual([]);
    expect(paused.some((s) => s.name === 'retour_http_request_duration_seconds_count')).toBe(true);
    redis.resume();

    await redis.kill();
    const killed = await scrape(ctx.app);
    expect(valueOf(killed, 'retour_queue_counts_up')).toBe(0);
    expect(queueSamples(killed)).toEqual([]);

    await redis.start();
    await waitFor(
      async () => valueOf(await scrape(ctx.app), 'retour_queue_counts_up') === 1,
      'the queue counts to come back',
    );
  });
});

describe('the worker process', () => {
  let fakes: DeliveryFakes;
  let ctx: TestContext;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await ctx?.close();
    await fakes?.close();
  });

  it('with METRICS_PORT, then it serves its own /metrics there without a token: its sends and job times', async () => {
    fakes = await startDeliveryFakes();
    const port = await freePort();
    const env = testEnv('metrics-worker', {
      ...fakes.env,
      METRICS_PORT: String(port),
      METRICS_HOST: '127.0.0.1',
    });
    ctx = await startTestContext('metrics-worker', env);
    child = spawnWorkerProcess(env);
    const ws = await createAnyTimeWorkspace(ctx);
    await request(ctx.app)
      .post('/api/v1/interactions')
      .set(ws.auth)
      .send({
        id: 'metrics-worker-1',
        type: 'ticket.solved',
        customer: { id: 'mw-1', phone: '+33612398765', locale: 'en' },
        survey: { type: 'nps', channels: ['sms'] },
      })
      .expect(202);
    const base = `http://127.0.0.1:${port}`;
    const samples = await waitFor(
      async () => {
        const res = await request(base)
          .get('/metrics')
          .catch(() => null);
        if (res?.status !== 200) return null;
        const parsed = parsePrometheusText(res.text);
        const sent = valueOf(parsed, 'retour_invitations_total', {
          channel: 'sms',
          status: 'sent',
        });
        // The send is counted inside the job, its duration once the job has completed: wait for both.
        const completed = valueOf(parsed, 'retour_job_duration_seconds_count', {
          queue: 'dispatch-sms',
          outcome: 'completed',
        });
        return sent === 1 && completed >= 1 ? parsed : null;
      },
      'the worker to count the SMS it sent and the job it completed',
      30_000,
    );
    expect(
      valueOf(samples, 'retour_job_duration_seconds_count', {
        queue: 'dispatch-sms',
        outcome: 'completed',
      }),
    ).toBe(1);
    expect(fakes.twilio.messages).toHaveLength(1);
    // The worker has no app: no HTTP request metrics, and nothing but /metrics on its port.
    expect(samples.some((s) => s.name === 'retour_http_request_duration_seconds_count')).toBe(
      false,
    );
    await request(base).get('/healthz').expect(404);
  });
});
