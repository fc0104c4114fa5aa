import { Types } from 'mongoose';
import request from 'supertest';
import { buildProcessors } from '../../workers/processors';
import { startWorkers } from '../../workers/run-workers';
import { startDeliveryFakes, type DeliveryFakes } from '../support/delivery-env';
import { createAnyTimeWorkspace, startTestContext, type TestContext } from '../support/harness';
import { testEnv } from '../support/test-env';
import { waitFor } from '../support/wait-for';
import { killHard, spawnWorkerProcess } from '../support/worker-process';

let fakes: DeliveryFakes;
let ctx: TestContext;
let env: Record<string, string>;
beforeAll(async () => {
  fakes = await startDeliveryFakes({ JOB_LOCK_MS: '1000' });
  env = testEnv('dispatch-crash', fakes.env);
  ctx = await startTestContext('dispatch-crash', env);
});
afterAll(async () => {
  await ctx.close();
  await fakes.close();
});

describe('a worker killed mid-send', () => {
  it('when the worker dies between "sending" and Twilio\'s answer, then the retry finds the SMS and sends no second one', async () => {
    const ws = await createAnyTimeWorkspace(ctx);
    const held = fakes.twilio.holdNext();

    const child = spawnWorkerProcess(env);
    const phone = '+33611112222';
    const res = await request(ctx.app)
      .post('/api/v1/interactions')
      .set(ws.auth)
      .send({
        id: 'crash-1',
        type: 'ticket.solved',
        customer: { id: 'c1', phone },
        survey: { type: 'nps', channels: ['sms'] },
      })
      .expect(202);
    const id = new Types.ObjectId(res.body.invitations[0].id as string);
    const invitations = ctx.container.mongo.collection('invitations');

    // Twilio has the message, the worker is waiting for its answer: kill it there.
    await waitFor(
      () => fakes.twilio.messages.some((m) => m.to === phone),
      'Twilio to receive the SMS',
      20_000,
    );
    expect((await invitations.findOne({ _id: id }))?.status).toBe('sending');
    await killHard(child);
    held.release();

    const workers = startWorkers(ctx.container, buildProcessors(ctx.container));
    try {
      const done = await waitFor(
        async () => {
          const doc = await invitations.findOne({ _id: id });
          return doc?.status === 'sent' ? doc : null;
        },
        'the stalled job to be reconciled',
        20_000,
      );
      const sent = fakes.twilio.messages.filter((m) => m.to === phone);
      expect(sent).toHaveLength(1);
      expect(done.providerId).toBe(sent[0]!.sid);
      expect(done.history.at(-1).detail).toMatch(/found at the provider/);
    } finally {
      await workers.close();
    }
  }, 60_000);
});
