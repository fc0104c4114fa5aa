import request from 'supertest';
import { lockoutKey } from '../../src/workspaces/users/login-lockout';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { createUser, csrfFrom, FAST_HASHING, nextIp, PASSWORD, signIn } from './auth-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('auth-login', {
    ...FAST_HASHING,
    LOGIN_RATE_PER_IP_PER_15_MINUTES: '8',
  });
});
afterAll(() => ctx.close());

const login = (ip: string, form: Record<string, string>) =>
  request(ctx.app).post('/login').set('X-Forwarded-For', ip).type('form').send(form);

describe('signing in and out', () => {
  it('when the right email and password are posted, then a Redis session opens /app and the cookie is safe', async () => {
    const ws = await createTestWorkspace(ctx, 'Acme');
    const user = await createUser(ctx, ws, { role: 'manager', name: 'Mia Manager' });
    const agent = request.agent(ctx.app);
    const res = await agent
      .post('/login')
      .set('X-Forwarded-For', nextIp())
      .type('form')
      .send({ email: user.email.toUpperCase(), password: PASSWORD, next: '/app?tab=1' })
      .expect(303)
      .expect('Location', '/app?tab=1');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^retour\.sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const keys = await ctx.container.redis.keys(`${ctx.container.config.QUEUE_PREFIX}:sess:*`);
    expect(keys.length).toBeGreaterThan(0);

    const home = await agent.get('/app').expect(200);
    expect(home.text).toContain('Hello, Mia Manager');
    expect(home.text).toContain('href="/app/reports"');
    expect(home.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(home.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
    expect(home.headers['cache-control']).toBe('no-store');
    const stored = await ctx.container.mongo.collection('users').findOne({ email: user.email });
    expect(stored?.lastLoginAt).toBeInstanceOf(Date);
  });

  it('when an agent signs in, then the home page links to the inbox but not to reports', async () => {
    const ws = await createTestWorkspace(ctx);
    const user = await createUser(ctx, ws, { role: 'agent', teams: ['billing'] });
    const { agent } = await signIn(ctx, user.email, PASSWORD, nextIp());
    const home = await agent.get('/app').expect(200);
    expect(home.text).toContain('href="/app/inbox"');
    expect(home.text).not.toContain('href="/app/reports"');
  });

  it('when a session existed before sign-in, then sign-in gives a new session id', async () => {
    const ws = await createTestWorkspace(ctx);
    const user = await createUser(ctx, ws);
    const { agent } = await signIn(ctx, user.email, PASSWORD, nextIp());
    const before = await agent.get('/app').expect(200);
    const sidBefore = String(before.headers['set-cookie']).split(';')[0];
    const again = await agent
      .post('/login')
      .set('X-Forwarded-For', nextIp())
      .type('form')
      .send({ email: user.email, password: PASSWORD, _csrf: csrfFrom(before.text) })
      .expect(303);
    expect(String(again.headers['set-cookie']).split(';')[0]).not.toBe(sidBefore);
    await request(ctx.app).get('/app').set('Cookie', sidBefore!).expect(303);
  });

  it('when the user signs out, then the session is destroyed in Redis and /app asks to sign in', async () => {
    const ws = await createTestWorkspace(ctx);
    const user = await createUser(ctx, ws);
    const { agent, csrf } = await signIn(ctx, user.email, PASSWORD, nextIp());
    const prefix = `${ctx.container.config.QUEUE_PREFIX}:sess:`;
    const count = async () => (await ctx.container.redis.keys(`${prefix}*`)).length;
    const before = await count();
    await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrf })
      .expect(303)
      .expect('Location', '/login?signed-out');
    expect(await count()).toBe(before - 1);
    await agent.get('/app').expect(303).expect('Location', '/login?next=%2Fapp');
    const page = await agent.get('/login?signed-out').expect(200);
    expect(page.text).toContain('You are signed out.');
  });

  it('when the password is wrong or the email unknown, then the same message and no session', async () => {
    const ws = await createTestWorkspace(ctx);
    const user = await createUser(ctx, ws);
    const wrong = await login(nextIp(), {
      email: user.email,
      password: 'not the password!',
    }).expect(401);
    const unknown = await login(nextIp(), {
      email: 'nobody@example.com',
      password: 'whatever it is',
    }).expect(401);
    expect(wrong.text).toContain('The email or password is not right.');
    expect(unknown.text).toContain('The email or password is not right.');
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('when a user is deactivated, then their open session ends', async () => {
    const ws = await createTestWorkspace(ctx);
    await createUser(ctx, ws, { role: 'admin' });
    const user = await createUser(ctx, ws);
    const { agent } = await signIn(ctx, user.email, PASSWORD, nextIp());
    await ctx.container.services.users.update(ws.workspaceId, user.id, { active: false });
    await agent.get('/app').expect(303);
    await login(nextIp(), { email: user.email, password: PASSWORD }).expect(401);
  });

  it('when an email has accounts in two workspaces with the same password, then the workspace is asked', async () => {
    const a = await createTestWorkspace(ctx, 'Alpha');
    const b = await createTestWorkspace(ctx, 'Beta');
    const email = `two-${Date.now()}@example.com`;
    await createUser(ctx, a, { email, name: 'In Alpha' });
    await createUser(ctx, b, { email, name: 'In Beta' });
    const ask = await login(nextIp(), { email, password: PASSWORD }).expect(200);
    expect(ask.text).toContain('This email opens several workspaces');
    expect(ask.text).toMatch(/<input id="workspace"[^>]*required/);
    const agent = request.agent(ctx.app);
    await agent
      .post('/login')
      .set('X-Forwarded-For', nextIp())
      .type('form')
      .send({ email, password: PASSWORD, workspace: b.workspace.slug })
      .expect(303);
    expect((await agent.get('/app').expect(200)).text).toContain('Hello, In Beta');
  });

  it('when next points to another site, then sign-in lands on /app instead', async () => {
    const ws = await createTestWorkspace(ctx);
    const user = await createUser(ctx, ws);
    await login(nextIp(), { email: user.email, password: PASSWORD, next: '//evil.example/x' })
      .expect(303)
      .expect('Location', '/app');
  });
});

describe('app stylesheet', () => {
  it('when the versioned stylesheet is fetched, then it may be cached for a year; unversioned, it is revalidated', async () => {
    const page = await request(ctx.app).get('/login').expect(200);
    const href = /href="(\/assets\/app\.css\?v&#x3D;[0-9a-f]+)"/
      .exec(page.text)![1]!
      .replace('&#x3D;', '=');
    const css = await request(ctx.app).get(href).expect(200);
    expect(css.type).toBe('text/css');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const bare = await request(ctx.app).get('/assets/app.css').expect(200);
    expect(bare.headers['cache-control']).toBe('no-cache');
  });
});

describe('lockout and rate limits', () => {
  it('when five attempts fail, then the account is locked with growing waits, and the lock expires', async () => {
    const ws = await createTestWorkspace(ctx);
    const user = await createUser(ctx, ws);
    const bad = { email: user.email, password: 'wrong password here' };
    for (let i = 0; i < 4; i++) {
      const res = await login(nextIp(), bad).expect(401);
      expect(res.text).not.toContain('paused');
    }
    const fifth = await login(nextIp(), bad).expect(401);
    expect(fifth.text).toContain('paused for 1 minute');
    const locked = await login(nextIp(), { email: user.email, password: PASSWORD }).expect(429);
    expect(locked.text).toContain('Try again in 1 minute');

    const key = lockoutKey(ctx.container.config.QUEUE_PREFIX, user.email);
    const expire = () => ctx.container.redis.hset(key, 'lockedUntil', String(Date.now() - 1));
    await expire();
    const sixth = await login(nextIp(), bad).expect(401);
    expect(sixth.text).toContain('paused for 2 minutes');
    await expire();
    await login(nextIp(), { email: user.email, password: PASSWORD }).expect(303);
    expect(await ctx.container.redis.exists(key)).toBe(0);
  });

  it('when an unknown email fails five times, then it is locked the same way (no enumeration)', async () => {
    const bad = { email: `ghost-${Date.now()}@example.com`, password: 'wrong password here' };
    for (let i = 0; i < 4; i++) await login(nextIp(), bad).expect(401);
    expect((await login(nextIp(), bad).expect(401)).text).toContain('paused for 1 minute');
    await login(nextIp(), bad).expect(429);
  });

  it('when one address posts too many sign-in forms, then it gets a 429 page until the window passes', async () => {
    const ip = nextIp();
    for (let i = 0; i < 8; i++) {
      await login(ip, { email: `spray${i}@example.com`, password: '' }).expect(400);
    }
    const limited = await login(ip, { email: 'spray@example.com', password: '' }).expect(429);
    expect(limited.text).toContain('too many attempts from your network');
    expect(limited.headers['ratelimit-policy']).toBeDefined();
    await login(nextIp(), { email: 'spray@example.com', password: '' }).expect(400);
  });

  it.each([
    ['Sec-Fetch-Site', 'cross-site'],
    ['Origin', 'https://evil.example'],
  ])(
    'when a sign-in form comes from another site (%s: %s), then it is refused',
    async (name, value) => {
      const res = await login(nextIp(), { email: 'a@example.com', password: 'x' })
        .set(name, value)
        .expect(403);
      expect(res.text).toContain('did not come from Retour');
    },
  );
});
