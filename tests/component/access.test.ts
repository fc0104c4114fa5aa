import request from 'supertest';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { createUser, FAST_HASHING, nextIp, signIn } from './auth-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('access', FAST_HASHING);
});
afterAll(() => ctx.close());

async function agentOf(role: 'admin' | 'manager' | 'agent', teams: string[] = ['support']) {
  const ws = await createTestWorkspace(ctx);
  const user = await createUser(ctx, ws, { role, teams });
  return { ws, user, ...(await signIn(ctx, user.email, undefined, nextIp())) };
}

describe('roles', () => {
  it.each([
    ['POST', '/api/v1/users', { email: 'x@example.com', name: 'X', role: 'admin' }],
    ['GET', '/api/v1/users', undefined],
    ['PATCH', '/api/v1/users/000000000000000000000000', { role: 'admin' }],
    ['GET', '/api/v1/api-keys', undefined],
    ['POST', '/api/v1/api-keys', { name: 'mine' }],
    ['PATCH', '/api/v1/workspace', { name: 'Taken over' }],
  ])(
    'when an agent calls %s %s with a session, then 403 problem+json',
    async (method, path, body) => {
      const { agent, csrf } = await agentOf('agent');
      const req =
        method === 'GET'
          ? agent.get(path)
          : agent[method.toLowerCase() as 'post' | 'patch'](path)
              .set('X-CSRF-Token', csrf)
              .send(body);
      const res = await req.expect(403);
      expect(res.type).toBe('application/problem+json');
      expect(res.body.detail).toMatch(/roles: admin/);
    },
  );

  it('when an agent signs in, then they still read their own workspace', async () => {
    const { agent, ws } = await agentOf('agent');
    const res = await agent.get('/api/v1/workspace').expect(200);
    expect(res.body.id).toBe(ws.workspace.id);
  });

  it('when nobody is signed in, then pages redirect to sign-in and APIs answer 401', async () => {
    await request(ctx.app)
      .get('/app?x=1')
      .expect(303)
      .expect('Location', '/login?next=%2Fapp%3Fx%3D1');
    const res = await request(ctx.app).get('/api/v1/users').expect(401);
    expect(res.type).toBe('application/problem+json');
  });
});

describe('CSRF', () => {
  it('when a signed-in form is posted without its token, then a 403 page and the session stays', async () => {
    const { agent } = await agentOf('agent');
    const res = await agent.post('/logout').type('form').send({}).expect(403);
    expect(res.type).toMatch(/html/);
    expect(res.text).toContain('This form has expired or did not come from Retour');
    await agent.post('/logout').type('form').send({ _csrf: 'forged-token-value' }).expect(403);
    await agent.get('/app').expect(200);
  });

  it('when a session calls the JSON API without the X-CSRF-Token header, then 403 and nothing is created', async () => {
    const { agent, ws } = await agentOf('admin');
    const res = await agent
      .post('/api/v1/users')
      .send({ email: 'csrf@example.com', name: 'C', role: 'agent' })
      .expect(403);
    expect(res.type).toBe('application/problem+json');
    expect(await ctx.container.services.users.list(ws.workspaceId)).toHaveLength(1);
  });

  it('when an API key posts, then no CSRF token is needed', async () => {
    const ws = await createTestWorkspace(ctx);
    await request(ctx.app)
      .post('/api/v1/users')
      .set(ws.auth)
      .send({ email: 'key@example.com', name: 'K', role: 'agent' })
      .expect(201);
  });
});

describe('workspace isolation', () => {
  it('when an admin of workspace A reaches for a user of workspace B, then 404 and nothing changes', async () => {
    const a = await agentOf('admin');
    const b = await createTestWorkspace(ctx);
    const bUser = await createUser(ctx, b, { role: 'agent', name: 'Bea' });
    await a.agent.get(`/api/v1/users/${bUser.id}`).expect(404);
    await a.agent
      .patch(`/api/v1/users/${bUser.id}`)
      .set('X-CSRF-Token', a.csrf)
      .send({ role: 'admin', active: false })
      .expect(404);
    const list = await a.agent.get('/api/v1/users').expect(200);
    expect(list.body.users.map((u: { id: string }) => u.id)).not.toContain(bUser.id);
    expect(await ctx.container.services.users.get(b.workspaceId, bUser.id)).toMatchObject({
      role: 'agent',
      active: true,
    });
  });

  it('when an API key of workspace A reaches for a user of workspace B, then 404', async () => {
    const a = await createTestWorkspace(ctx);
    const b = await createTestWorkspace(ctx);
    const bUser = await createUser(ctx, b);
    await request(ctx.app).get(`/api/v1/users/${bUser.id}`).set(a.auth).expect(404);
    await request(ctx.app)
      .patch(`/api/v1/users/${bUser.id}`)
      .set(a.auth)
      .send({ active: false })
      .expect(404);
  });

  it('when an admin of A signs in, then the API keys listed are those of A only', async () => {
    const a = await agentOf('admin');
    const b = await createTestWorkspace(ctx);
    const keys = await a.agent.get('/api/v1/api-keys').expect(200);
    const bKeys = await request(ctx.app).get('/api/v1/api-keys').set(b.auth).expect(200);
    const ids = keys.body.apiKeys.map((k: { id: string }) => k.id);
    expect(ids).not.toContain(bKeys.body.apiKeys[0].id);
  });
});
