import { Types } from 'mongoose';
import request from 'supertest';
import { responseModel } from '../../src/responses';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { linkInvitation, nonceOf } from './landing-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('landing-concurrency', {
    LANDING_RATE_PER_LINK_PER_10_MINUTES: '100',
  });
});
afterAll(() => ctx.close());

describe('concurrent posts of one survey form', () => {
  it.each([
    ['the same score', () => '3'],
    ['twenty different scores', (i: number) => String(i % 11)],
  ])(
    'when twenty posts with %s arrive at once, then all see the thank-you page and one response is stored',
    async (_label, scoreOf) => {
      const ws = await createTestWorkspace(ctx);
      const inv = await linkInvitation(ctx, ws);
      const page = await request(ctx.app).get(inv.path).expect(200);
      const nonce = nonceOf(page.text);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request(ctx.app)
            .post(inv.path)
            .type('form')
            .send({ nonce, score: scoreOf(i) }),
        ),
      );
      expect(answers.map((a) => a.status).filter((s) => s !== 303)).toEqual([]);
      for (const a of answers) expect(a.headers.location).toBe(`${inv.path}/thanks`);
      const stored = await responseModel(ctx.container.mongo)
        .find({ invitationId: new Types.ObjectId(inv.id) })
        .lean();
      expect(stored).toHaveLength(1);
      expect(stored[0]!.history.length).toBe(stored[0]!.version);
    },
  );
});
