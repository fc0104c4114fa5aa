import request from 'supertest';
import { responseModel } from '../../src/responses';
import { createAnyTimeWorkspace, type TestWorkspace } from '../support/harness';
import { startCountingContext } from '../support/round-trips';
import { testEnv } from '../support/test-env';
import { linkInvitation, nonceOf } from './landing-helpers';

/**
 * The rules worker's round trips for one answer under the default rules (issue 15), counted
 * through the driver's command monitoring and an ioredis hook, after a first run warmed the
 * process's caches.
 */
let counting: Awaited<ReturnType<typeof startCountingContext>>;
let ws: TestWorkspace;
beforeAll(async () => {
  counting = await startCountingContext('hot-rules', testEnv('hot-rules').MONGODB_URI!);
  ws = await createAnyTimeWorkspace(counting.ctx);
  await rulesFor('1');
});
afterAll(() => counting.ctx.close());

async function rulesFor(score: string) {
  const { ctx, measure } = counting;
  const inv = await linkInvitation(ctx, ws, { phone: '+33612345678' });
  const page = await request(ctx.app).get(inv.path);
  await request(ctx.app)
    .post(inv.path)
    .type('form')
    .send({ nonce: nonceOf(page.text), score })
    .expect(303);
  const response = await responseModel(ctx.container.mongo)
    .findOne({ workspaceId: ws.workspaceId, invitationId: inv.id })
    .lean()
    .orFail();
  return measure(() =>
    ctx.container.services.rules.processResponse(ws.workspaceId, String(response._id)),
  );
}

describe('rules worker round trips', () => {
  it('when a detractor answers, then its follow-up task costs 8 MongoDB commands and 1 Redis round trip', async () => {
    const trips = await rulesFor('2');
    expect(trips.mongo).toEqual([
      'find responses',
      'find contacts',
      'find rules',
      'insert action_log',
      'find tasks',
      'insert tasks',
      'find interactions',
      'update action_log',
    ]);
    expect(trips.redis).toHaveLength(1);
  });

  it('when a promoter answers on a link, then 5 MongoDB commands and no Redis round trip', async () => {
    const trips = await rulesFor('10');
    expect(trips.mongo).toHaveLength(5);
    expect(trips.redis).toHaveLength(0);
  });
});
