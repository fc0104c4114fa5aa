import request from 'supertest';
import { createAnyTimeWorkspace, type TestWorkspace } from '../support/harness';
import { startCountingContext } from '../support/round-trips';
import { testEnv } from '../support/test-env';

/**
 * The trigger API's round trips (issue 15), counted through the driver's command monitoring
 * and an ioredis hook, after a first post has warmed the process's caches.
 */
let counting: Awaited<ReturnType<typeof startCountingContext>>;
let ws: TestWorkspace;
let seq = 0;
const body = (overrides: Record<string, unknown> = {}) => {
  seq += 1;
  return {
    id: `ticket-${seq}`,
    type: 'ticket.solved',
    customer: { id: `c-${seq}`, phone: '+33612345678', email: 'a@example.com', locale: 'fr' },
    agent: { id: 'a-7', name: 'Bruno' },
    team: 'billing',
    attributes: { product: 'Pro plan', revenue: 1200 },
    ...overrides,
  };
};
const post = (b: object, status: number) =>
  request(counting.ctx.app).post('/api/v1/interactions').set(ws.auth).send(b).expect(status);

beforeAll(async () => {
  counting = await startCountingContext(
    'hot-interactions',
    testEnv('hot-interactions').MONGODB_URI!,
  );
  ws = await createAnyTimeWorkspace(counting.ctx);
  const surveys = await request(counting.ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
  const csat = surveys.body.surveys.find((s: { type: string }) => s.type === 'csat');
  await request(counting.ctx.app)
    .post('/api/v1/triggers')
    .set(ws.auth)
    .send({
      name: 'CSAT after billing tickets',
      eventType: 'ticket.solved',
      conditions: { all: [{ field: 'team', op: 'eq', value: 'billing' }] },
      surveyId: csat.id,
      channels: ['sms', 'email'],
    })
    .expect(201);
  await post(body(), 202);
});
afterAll(() => counting.ctx.close());

describe('trigger API round trips', () => {
  it('when an interaction matches one trigger, then 7 MongoDB commands (the key, 6 of its own) and 1 Redis round trip', async () => {
    const trips = await counting.measure(() => post(body(), 202));
    // Workspace settings, triggers and surveys come from the process's caches; no read
    // before the insert (the unique index tells a replay); plain inserts, no mongoose documents.
    expect(trips.mongo).toEqual([
      'find apikeys',
      'insert interactions',
      'findAndModify contacts',
      'find address_suppressions',
      'find invitations',
      'insert invitations',
      'update interactions',
    ]);
    expect(trips.redis).toHaveLength(1);
  });

  it('when the same id is posted again, then the first answer comes back without anything new', async () => {
    const first = body();
    const created = await post(first, 202);
    const trips = await counting.measure(() => post(first, 200));
    expect(trips.redis.length).toBeLessThanOrEqual(1);
    expect(trips.mongo).not.toContain('insert invitations');
    const again = await post(first, 200);
    expect(again.body).toEqual(created.body);
  });
});
