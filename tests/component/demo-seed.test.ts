import request from 'supertest';
import { seedDemo } from '../../src/demo/seed-demo';
import { seedDemoWorkspace } from '../../src/workspaces';
import { startTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('demo-seed');
});
afterAll(() => ctx.close());

describe('demo workspace seed', () => {
  it('when no key is given, then one is generated once and printed', async () => {
    const first = await seedDemoWorkspace(ctx.container.services.workspaces);
    expect(first.createdKey).toMatch(/^rtr_/);
    await request(ctx.app)
      .get('/api/v1/workspace')
      .set('Authorization', `Bearer ${first.createdKey}`)
      .expect(200);
    const second = await seedDemoWorkspace(ctx.container.services.workspaces);
    expect(second.createdKey).toBeUndefined();
  });

  it('when RETOUR_DEMO_API_KEY is given, then that key opens the demo workspace with every scope', async () => {
    const seed = await seedDemoWorkspace(ctx.container.services.workspaces, 'k');
    expect(seed.createdKey).toBe('k');
    const res = await request(ctx.app)
      .get('/api/v1/workspace')
      .set('Authorization', 'Bearer k')
      .expect(200);
    expect(res.body).toMatchObject({ slug: 'demo', name: 'Acme (demo)' });
    await request(ctx.app).get('/api/v1/api-keys').set('Authorization', 'Bearer k').expect(200);
    await request(ctx.app)
      .get('/api/v1/workspace')
      .set('Authorization', 'Bearer wrong')
      .expect(401);
  });

  it('when seeding runs again, then nothing is duplicated', async () => {
    const again = await seedDemoWorkspace(ctx.container.services.workspaces, 'k');
    expect(again.createdKey).toBeUndefined();
    expect(
      await ctx.container.mongo.collection('workspaces').countDocuments({ slug: 'demo' }),
    ).toBe(1);
    expect(await ctx.container.mongo.collection('apikeys').countDocuments()).toBe(2);
  });

  it('when the full demo is seeded twice, then one NPS trigger sends on solved tickets, without quiet hours', async () => {
    await seedDemo(ctx.container.services, 'k');
    await seedDemo(ctx.container.services, 'k');
    const triggers = await request(ctx.app)
      .get('/api/v1/triggers')
      .set('Authorization', 'Bearer k')
      .expect(200);
    expect(triggers.body.triggers).toEqual([
      expect.objectContaining({
        eventType: 'ticket.solved',
        channels: ['sms', 'email'],
        delay: 'PT0S',
      }),
    ]);
    const workspace = await request(ctx.app)
      .get('/api/v1/workspace')
      .set('Authorization', 'Bearer k')
      .expect(200);
    expect(workspace.body.quietHours).toBeNull();
  });
});
