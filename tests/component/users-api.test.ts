import request from 'supertest';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { createUser, FAST_HASHING, nextIp, signIn } from './auth-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('users-api', FAST_HASHING);
});
afterAll(() => ctx.close());

describe('users API', () => {
  it('when an admin key invites a user, then the user is listed without any password data', async () => {
    const ws = await createTestWorkspace(ctx);
    const created = await request(ctx.app)
      .post('/api/v1/users')
      .set(ws.auth)
      .send({ email: 'Ann@Example.com', name: 'Ann', role: 'manager' })
      .expect(201);
    expect(created.headers.location).toBe(`/api/v1/users/${created.body.id}`);
    expect(created.body).toMatchObject({
      email: 'ann@example.com',
      role: 'manager',
      teams: [],
      active: true,
    });
    const list = await request(ctx.app).get('/api/v1/users').set(ws.auth).expect(200);
    expect(list.body.users).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toMatch(/passwordHash|argon2/);
    await request(ctx.app).get(`/api/v1/users/${created.body.id}`).set(ws.auth).expect(200);
  });

  it('when an invitation names a language, then the user gets it; an unknown one is a 400 naming locale', async () => {
    const ws = await createTestWorkspace(ctx);
    const created = await request(ctx.app)
      .post('/api/v1/users')
      .set(ws.auth)
      .send({ email: 'fr@example.com', name: 'Fanny', role: 'agent', locale: 'fr' })
      .expect(201);
    expect(created.body.locale).toBe('fr');
    const bad = await request(ctx.app)
      .post('/api/v1/users')
      .set(ws.auth)
      .send({ email: 'de@example.com', name: 'Dieter', role: 'agent', locale: 'de' })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['locale']);
  });

  it('when the email is taken in the workspace, then 409; in another workspace it is fine', async () => {
    const a = await createTestWorkspace(ctx);
    const b = await createTestWorkspace(ctx);
    const body = { email: 'same@example.com', name: 'Same', role: 'agent' };
    await request(ctx.app).post('/api/v1/users').set(a.auth).send(body).expect(201);
    await request(ctx.app)
      .post('/api/v1/users')
      .set(a.auth)
      .send({ ...body, email: 'SAME@example.com' })
      .expect(409);
    await request(ctx.app).post('/api/v1/users').set(b.auth).send(body).expect(201);
  });

  it('when the body is wrong, then 400 names each field, and a password is not accepted from the API', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app)
      .post('/api/v1/users')
      .set(ws.auth)
      .send({ email: 'nope', name: '', role: 'boss', password: 'x' })
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      '(body)',
      'email',
      'name',
      'role',
    ]);
  });

  it('when an admin patches role, teams and active, then they change', async () => {
    const ws = await createTestWorkspace(ctx);
    const user = await createUser(ctx, ws, { role: 'agent', teams: ['billing'] });
    const res = await request(ctx.app)
      .patch(`/api/v1/users/${user.id}`)
      .set(ws.auth)
      .send({ role: 'manager', teams: ['billing', 'support', 'support'], active: false })
      .expect(200);
    expect(res.body).toMatchObject({
      role: 'manager',
      teams: ['billing', 'support'],
      active: false,
    });
    const agents = await request(ctx.app).get('/api/v1/users?role=agent').set(ws.auth).expect(200);
    expect(agents.body.users).toHaveLength(0);
  });

  it('when the last active admin would be demoted, then 409 and nothing changes', async () => {
    const ws = await createTestWorkspace(ctx);
    const admin = await createUser(ctx, ws, { role: 'admin' });
    await request(ctx.app)
      .patch(`/api/v1/users/${admin.id}`)
      .set(ws.auth)
      .send({ role: 'agent' })
      .expect(409);
    await request(ctx.app)
      .patch(`/api/v1/users/${admin.id}`)
      .set(ws.auth)
      .send({ active: false })
      .expect(409);
    const second = await createUser(ctx, ws, { role: 'admin' });
    await request(ctx.app)
      .patch(`/api/v1/users/${admin.id}`)
      .set(ws.auth)
      .send({ role: 'agent' })
      .expect(200);
    expect((await ctx.container.services.users.get(ws.workspaceId, second.id)).role).toBe('admin');
  });

  it('when an admin signs in, then their session (with the CSRF header) can invite, and /me names them', async () => {
    const ws = await createTestWorkspace(ctx);
    const admin = await createUser(ctx, ws, { role: 'admin', name: 'Ada' });
    const { agent, csrf } = await signIn(ctx, admin.email, undefined, nextIp());
    const me = await agent.get('/api/v1/me').expect(200);
    expect(me.body).toMatchObject({
      kind: 'user',
      role: 'admin',
      user: { name: 'Ada' },
      csrfToken: csrf,
    });
    await agent
      .post('/api/v1/users')
      .set('X-CSRF-Token', csrf)
      .send({ email: `by-session-${Date.now()}@example.com`, name: 'Bo', role: 'agent' })
      .expect(201);
    await agent.get('/api/v1/api-keys').expect(200);
  });

  it('when a manager signs in, then they can list users but not invite', async () => {
    const ws = await createTestWorkspace(ctx);
    const manager = await createUser(ctx, ws, { role: 'manager' });
    const { agent, csrf } = await signIn(ctx, manager.email, undefined, nextIp());
    await agent.get('/api/v1/users').expect(200);
    const res = await agent
      .post('/api/v1/users')
      .set('X-CSRF-Token', csrf)
      .send({ email: 'x@example.com', name: 'X', role: 'agent' })
      .expect(403);
    expect(res.type).toBe('application/problem+json');
  });
});
