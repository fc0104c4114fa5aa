import request from 'supertest';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { createUser, FAST_HASHING, nextIp, signIn } from './auth-helpers';
import { many, seedAnswers } from './reports-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('sample-page', FAST_HASHING);
});
afterAll(() => ctx.close());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

async function workspaceWithWeek() {
  const ws = await createTestWorkspace(ctx);
  await seedAnswers(ctx, ws, [
    ...many(5, 10, '2026-10-06T10:00:00Z'),
    { score: 2, at: '2026-10-07T09:00:00Z', comment: 'Nobody called <me> back' },
    { score: 4, at: '2026-10-08T09:00:00Z', type: 'csat', comment: 'Fine' },
    ...many(3, 9, '2026-10-14T10:00:00Z'),
  ]);
  const manager = await createUser(ctx, ws, { role: 'manager' });
  const agent = await createUser(ctx, ws, { role: 'agent' });
  const { agent: asManager } = await signIn(ctx, manager.email, undefined, nextIp());
  const { agent: asAgent } = await signIn(ctx, agent.email, undefined, nextIp());
  return { ws, asManager, asAgent };
}

describe('the spot-check page', () => {
  it('when a manager opens a week, then the same draw as the JSON API shows, with the callers’ references', async () => {
    const { asManager } = await workspaceWithWeek();
    const res = await asManager.get('/app/reports/sample?week=2026-W41&size=5').expect(200);
    const api = await asManager
      .get('/api/v1/reports/sample')
      .query({ week: '2026-W41', size: '5' })
      .expect(200);
    expect(api.body.population).toBe(7);
    const refs = [...res.text.matchAll(/data-testid="reference">([^<]+)</g)].map((m) => m[1]);
    expect(refs).toEqual(api.body.items.map((i: { externalId: string }) => i.externalId));
    expect(text(res.text)).toContain('5 drawn from 7 answers');
    expect(res.text).not.toContain('<me>');
    expect(res.text).toContain('week&#x3D;2026-W40'); // previous week
    expect(res.text).toContain('week&#x3D;2026-W42'); // next week

    const csat = await asManager.get('/app/reports/sample?week=2026-W41&type=csat').expect(200);
    expect(text(csat.text)).toContain('1 drawn from 1 answers');
    expect(text(csat.text)).toContain('Fine');
  });

  it('when the week or size is bad, then a 400 page names it; agents get 403; signed out goes to login', async () => {
    const { asManager, asAgent } = await workspaceWithWeek();
    const bad = await asManager.get('/app/reports/sample?week=last&size=500').expect(400);
    expect(text(bad.text)).toContain('week must be an ISO week');
    expect(text(bad.text)).toContain('size must be 1 to 200');
    await asAgent.get('/app/reports/sample').expect(403);
    const anon = await request(ctx.app).get('/app/reports/sample').expect(303);
    expect(anon.headers.location).toMatch(/^\/login\?next=/);
  });
});
