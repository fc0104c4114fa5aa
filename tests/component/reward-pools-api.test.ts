import request from 'supertest';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('reward-pools-api');
});
afterAll(() => ctx.close());

describe('reward pools API', () => {
  it('when codes are loaded twice, then each code is stored once and the stock counts them', async () => {
    const ws = await createTestWorkspace(ctx);
    const first = await request(ctx.app)
      .post('/api/v1/reward-pools/thanks/codes')
      .set(ws.auth)
      .send({ codes: ['A-1', 'A-2', ' A-2 ', 'A-3'] })
      .expect(200);
    expect(first.body).toEqual({ added: 3, pool: 'thanks', remaining: 3, used: 0 });

    const again = await request(ctx.app)
      .post('/api/v1/reward-pools/thanks/codes')
      .set(ws.auth)
      .send({ codes: ['A-3', 'A-4'] })
      .expect(200);
    expect(again.body).toEqual({ added: 1, pool: 'thanks', remaining: 4, used: 0 });

    await ctx.container.services.rules.rewards.claim(ws.workspaceId, 'thanks', 'log-1');
    const stock = await request(ctx.app)
      .get('/api/v1/reward-pools/thanks')
      .set(ws.auth)
      .expect(200);
    expect(stock.body).toEqual({ pool: 'thanks', remaining: 3, used: 1 });
  });

  it('when another workspace reads or loads the same pool name, then it sees only its own codes', async () => {
    const owner = await createTestWorkspace(ctx);
    const other = await createTestWorkspace(ctx);
    await request(ctx.app)
      .post('/api/v1/reward-pools/vip/codes')
      .set(owner.auth)
      .send({ codes: ['V-1', 'V-2'] })
      .expect(200);
    const seen = await request(ctx.app).get('/api/v1/reward-pools/vip').set(other.auth).expect(200);
    expect(seen.body).toEqual({ pool: 'vip', remaining: 0, used: 0 });
    const loaded = await request(ctx.app)
      .post('/api/v1/reward-pools/vip/codes')
      .set(other.auth)
      .send({ codes: ['V-1'] })
      .expect(200);
    expect(loaded.body.added).toBe(1);
  });

  it('when the pool name or the codes are bad, then 400 names the field and nothing is stored', async () => {
    const ws = await createTestWorkspace(ctx);
    const badPool = await request(ctx.app)
      .post('/api/v1/reward-pools/no%20spaces/codes')
      .set(ws.auth)
      .send({ codes: ['X'] })
      .expect(400);
    expect(badPool.type).toBe('application/problem+json');
    expect(badPool.body.errors.map((e: { path: string }) => e.path)).toEqual(['pool']);

    const badCodes = await request(ctx.app)
      .post('/api/v1/reward-pools/thanks/codes')
      .set(ws.auth)
      .send({ codes: ['OK', ''] })
      .expect(400);
    expect(badCodes.body.errors.map((e: { path: string }) => e.path)).toEqual(['codes.1']);
    const empty = await request(ctx.app)
      .post('/api/v1/reward-pools/thanks/codes')
      .set(ws.auth)
      .send({ codes: [] })
      .expect(400);
    expect(empty.body.errors.map((e: { path: string }) => e.path)).toEqual(['codes']);
    const stock = await request(ctx.app)
      .get('/api/v1/reward-pools/thanks')
      .set(ws.auth)
      .expect(200);
    expect(stock.body.remaining).toBe(0);
  });

  it('when a key without the admin scope calls, then 403', async () => {
    const ws = await createTestWorkspace(ctx, 'Narrow', ['interactions:write']);
    await request(ctx.app).get('/api/v1/reward-pools/thanks').set(ws.auth).expect(403);
  });
});
