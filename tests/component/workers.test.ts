import { QueueEvents } from 'bullmq';
import { startWorkers } from '../../workers/run-workers';
import { startTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('workers');
});
afterAll(() => ctx.close());

describe('worker runner on real BullMQ', () => {
  it('when a job is queued, then its processor runs it', async () => {
    const seen: unknown[] = [];
    const running = startWorkers(ctx.container, {
      notifications: { processor: async (job) => void seen.push(job.data) },
    });
    const events = new QueueEvents('notifications', {
      connection: ctx.container.workerRedis,
      prefix: ctx.container.config.QUEUE_PREFIX,
    });
    await events.waitUntilReady();
    const job = await ctx.container.queues.notifications.add('ping', { id: 'n1' });
    await job.waitUntilFinished(events, 10_000);
    expect(seen).toEqual([{ id: 'n1' }]);
    await running.close();
    await events.close();
  });

  it('when closing while a job runs, then the job finishes before close resolves', async () => {
    let finished = false;
    let started!: () => void;
    const startedP = new Promise<void>((r) => (started = r));
    const running = startWorkers(ctx.container, {
      responses: {
        processor: async () => {
          started();
          await new Promise((r) => setTimeout(r, 300));
          finished = true;
        },
      },
    });
    const job = await ctx.container.queues.responses.add('slow', { id: 'r1' });
    await startedP;
    await running.close();
    expect(finished).toBe(true);
    expect(await (await ctx.container.queues.responses.getJob(job.id!))?.getState()).toBe(
      'completed',
    );
  });
});
