import { Types } from 'mongoose';
import request from 'supertest';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import { signGenericDelivery } from '../support/connectors/generic-signer';
import { createAnyTimeWorkspace, startTestContext, type TestContext } from '../support/harness';
import { startControlledRedis, type ControlledRedis } from '../support/redis-control';
import { waitFor } from '../support/wait-for';

/**
 * A helpdesk delivers while Redis does not answer: the route must still answer 202 (never 503,
 * which Zendesk retries and Shopify counts towards deleting the subscription), the job is
 * parked in MongoDB, and the interaction is recorded once Redis is back.
 */
jest.setTimeout(60_000);

let redis: ControlledRedis;
let ctx: TestContext;
let workers: RunningWorkers | null = null;
beforeAll(async () => {
  redis = await startControlledRedis();
  ctx = await startTestContext('connectors-redis-outage', {
    REDIS_URL: redis.url,
    REDIS_COMMAND_TIMEOUT_MS: '500',
    JOB_OUTBOX_DRAIN_MS: '200',
  });
});
afterAll(async () => {
  redis.resume();
  await workers?.close();
  await ctx.close();
  await redis.close();
});

it('when Redis is paused, then a delivery is still 202, its job parked, and recorded once Redis is back', async () => {
  const ws = await createAnyTimeWorkspace(ctx, 'Outage Inc');
  const created = await request(ctx.app)
    .post('/api/v1/connectors')
    .set(ws.auth)
    .send({
      provider: 'generic',
      name: 'CRM',
      mapping: { id: 'ticket.id', 'customer.email': 'ticket.email' },
      survey: { type: 'nps', channels: ['link'] },
    })
    .expect(201);
  const url = `/webhooks/connectors/${created.body.id}`;
  const body = JSON.stringify({ ticket: { id: 77, email: 'alice@example.com' } });
  const headers = signGenericDelivery(created.body.secret, body, { deliveryId: 'evt-77' });
  const db = ctx.container.mongo;

  redis.pause();
  try {
    const first = await request(ctx.app).post(url).set(headers).send(body);
    expect([first.status, first.body]).toEqual([202, { accepted: true }]);
    const again = await request(ctx.app).post(url).set(headers).send(body);
    expect([again.status, again.body]).toEqual([200, { duplicate: true }]);
    const parked = await db.collection('job_outbox').find({ queue: 'connectors' }).toArray();
    expect(parked.length).toBeGreaterThanOrEqual(1);
    expect(parked.every((p) => String(p.workspaceId) === String(ws.workspaceId))).toBe(true);
  } finally {
    redis.resume();
  }

  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
  const delivery = await waitFor(
    () =>
      db.collection('connector_deliveries').findOne({
        connectorId: new Types.ObjectId(created.body.id),
        outcome: 'accepted',
      }),
    'the parked delivery to be recorded',
    30_000,
  );
  await waitFor(
    async () => (await db.collection('job_outbox').countDocuments({})) === 0,
    'the outbox to be empty',
  );
  const interactions = await db
    .collection('interactions')
    .find({ workspaceId: ws.workspaceId })
    .toArray();
  expect(interactions.map((i) => i.externalId)).toEqual(['generic:77']);
  expect(delivery.interactionId).toBe(String(interactions[0]!._id));
});
