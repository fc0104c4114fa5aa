import request from 'supertest';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { answer, linkInvitation } from './landing-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('responses-api');
});
afterAll(() => ctx.close());

async function answered(ws: TestWorkspace, type: 'nps' | 'csat', score: string, product: string) {
  const inv = await linkInvitation(ctx, ws, {
    type,
    locale: 'en',
    extra: { team: 'Support', attributes: { product, tier: 'gold' } },
  });
  await answer(ctx, inv, { score, comment: `${type} ${score}` }, 303);
  return inv;
}

describe('responses API', () => {
  it('when responses exist, then they are listed newest first with their segment, filtered and cursor-paged', async () => {
    const ws = await createTestWorkspace(ctx);
    await answered(ws, 'nps', '10', 'Pro plan');
    await answered(ws, 'nps', '3', 'Pro plan');
    await answered(ws, 'nps', '8', 'Free');
    await answered(ws, 'csat', '5', 'Pro plan');

    const all = await request(ctx.app).get('/api/v1/responses').set(ws.auth).expect(200);
    expect(all.body.items.map((r: { comment: string }) => r.comment)).toEqual([
      'csat 5',
      'nps 8',
      'nps 3',
      'nps 10',
    ]);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items[0]).toMatchObject({
      type: 'csat',
      score: 5,
      category: 'satisfied',
      channel: 'link',
      source: 'web',
      segment: { team: 'Support', product: 'Pro plan', attributes: { tier: 'gold' } },
    });
    expect(all.body.items[0].answeredAt).toEqual(expect.any(String));
    expect(all.body.items[0].invitationId).toMatch(/^[0-9a-f]{24}$/);

    const pro = await request(ctx.app)
      .get('/api/v1/responses?type=nps&filter[product]=Pro%20plan')
      .set(ws.auth)
      .expect(200);
    expect(pro.body.items.map((r: { score: number }) => r.score)).toEqual([3, 10]);

    const detractors = await request(ctx.app)
      .get('/api/v1/responses')
      .query({ category: 'detractor', 'filter[attributes.tier]': 'gold' })
      .set(ws.auth)
      .expect(200);
    expect(detractors.body.items.map((r: { score: number }) => r.score)).toEqual([3]);

    const first = await request(ctx.app).get('/api/v1/responses?limit=3').set(ws.auth).expect(200);
    expect(first.body.items).toHaveLength(3);
    const second = await request(ctx.app)
      .get(`/api/v1/responses?limit=3&cursor=${first.body.nextCursor}`)
      .set(ws.auth)
      .expect(200);
    expect(second.body.items.map((r: { comment: string }) => r.comment)).toEqual(['nps 10']);
    expect(second.body.nextCursor).toBeNull();

    const future = new Date(Date.now() + 3600_000).toISOString();
    const none = await request(ctx.app)
      .get('/api/v1/responses')
      .query({ from: future })
      .set(ws.auth);
    expect(none.body.items).toEqual([]);

    const one = await request(ctx.app)
      .get(`/api/v1/responses/${all.body.items[1].id}`)
      .set(ws.auth)
      .expect(200);
    expect(one.body).toMatchObject({ score: 8, category: 'passive', history: [{ score: 8 }] });
  });

  it('when a filter names an unknown field or a bad value, then 400 problem+json naming it', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app)
      .get('/api/v1/responses?filter[shoeSize]=42&category=happy&from=yesterday')
      .set(ws.auth)
      .expect(400);
    expect(res.type).toBe('application/problem+json');
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['filter[shoeSize]', 'category', 'from']));
  });

  it('when another workspace asks, then it sees none of these responses', async () => {
    const ws = await createTestWorkspace(ctx);
    await answered(ws, 'nps', '9', 'Pro plan');
    const mine = await request(ctx.app).get('/api/v1/responses').set(ws.auth).expect(200);
    const other = await createTestWorkspace(ctx, 'Other');
    const theirs = await request(ctx.app).get('/api/v1/responses').set(other.auth).expect(200);
    expect(theirs.body.items).toEqual([]);
    await request(ctx.app)
      .get(`/api/v1/responses/${mine.body.items[0].id}`)
      .set(other.auth)
      .expect(404);
    await request(ctx.app).get('/api/v1/responses/not-an-id').set(other.auth).expect(404);
  });

  it('when the key lacks the reports:read scope, then 403; without a key, 401', async () => {
    const ws = await createTestWorkspace(ctx, 'Scoped', ['interactions:write']);
    await request(ctx.app).get('/api/v1/responses').set(ws.auth).expect(403);
    await request(ctx.app).get('/api/v1/responses').expect(401);
  });
});
