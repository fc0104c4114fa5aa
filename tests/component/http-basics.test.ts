import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app';
import { errorHandler } from '../../src/shared/error-handler';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('http-basics');
});
afterAll(() => ctx.close());

describe('health and readiness', () => {
  it('when the process is up, then /healthz answers 200', async () => {
    const res = await request(ctx.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('when MongoDB and Redis answer, then /readyz answers 200 with each check', async () => {
    const res = await request(ctx.app).get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { mongodb: 'ok', redis: 'ok' } });
  });

  it('when a dependency does not answer, then /readyz answers 503 naming it', async () => {
    const app = createApp({
      ...ctx.container,
      probes: [
        ...ctx.container.probes,
        { name: 'smtp', check: () => Promise.reject(new Error('connection refused')) },
      ],
    });
    const res = await request(app).get('/readyz').expect(503);
    expect(res.body.checks).toEqual({
      mongodb: 'ok',
      redis: 'ok',
      smtp: 'down: error',
    });
    expect(JSON.stringify(res.body)).not.toContain('connection refused');
  });

  it('when a dependency hangs, then /readyz answers 503 naming it without waiting for it', async () => {
    const app = createApp({
      ...ctx.container,
      probes: [{ name: 'redis', check: () => new Promise<void>(() => undefined) }],
    });
    const res = await request(app).get('/readyz').timeout(3000).expect(503);
    expect(res.body.checks).toEqual({ redis: 'down: no answer within 2000 ms' });
  });

  it('when shutting down, then /readyz answers 503 so load balancers stop sending', async () => {
    const app = createApp({ ...ctx.container, isShuttingDown: () => true });
    const res = await request(app).get('/readyz').expect(503);
    expect(res.body.status).toBe('shutting down');
  });
});

describe('caching and logs', () => {
  it('when the API answers, success or error, then it says Cache-Control: no-store', async () => {
    const ws = await createTestWorkspace(ctx);
    const ok = await request(ctx.app).get('/api/v1/workspace').set(ws.auth).expect(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    const denied = await request(ctx.app).get('/api/v1/workspace').expect(401);
    expect(denied.headers['cache-control']).toBe('no-store');
    const missing = await request(ctx.app).get('/api/v1/nope').set(ws.auth).expect(404);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('when survey and reset links are requested, then the request log keeps the route but not the token', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const app = createApp({ ...ctx.container, logger });
    const survey = 'Zk3q9TsecretSurveyToken0123456789';
    const reset = 'resetSecret0123456789abcdefABCDEF';
    await request(app).get(`/s/${survey}?score=9`);
    await request(app).get(`/s/${survey}/thanks`);
    await request(app).get(`/reset/${reset}`);
    const logged = lines.join('\n');
    expect(logged).toContain('/s/[token]?score=9');
    expect(logged).toContain('/s/[token]/thanks');
    expect(logged).toContain('/reset/[token]');
    expect(logged).not.toContain(survey);
    expect(logged).not.toContain(reset);
  });
});

describe('errors as problem+json', () => {
  it('when a route does not exist, then 404 problem+json', async () => {
    const res = await request(ctx.app).get('/api/v1/nope').expect(404);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      instance: '/api/v1/nope',
    });
  });

  it('when JSON is malformed, then 400 problem+json and nothing is stored', async () => {
    const ws = await createTestWorkspace(ctx);
    const before = await ctx.container.mongo.collection('apikeys').countDocuments();
    const res = await request(ctx.app)
      .post('/api/v1/api-keys')
      .set(ws.auth)
      .set('Content-Type', 'application/json')
      .send('{"name": "x",')
      .expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({
      status: 400,
      title: 'Bad Request',
      detail: 'The request body is not valid JSON.',
    });
    expect(await ctx.container.mongo.collection('apikeys').countDocuments()).toBe(before);
  });

  it('when the body is over 100 KB, then 413 problem+json and nothing is stored', async () => {
    const ws = await createTestWorkspace(ctx);
    const before = await ctx.container.mongo.collection('apikeys').countDocuments();
    const res = await request(ctx.app)
      .post('/api/v1/api-keys')
      .set(ws.auth)
      .send({ name: 'big', padding: 'x'.repeat(101 * 1024) })
      .expect(413);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 413, title: 'Content Too Large' });
    expect(await ctx.container.mongo.collection('apikeys').countDocuments()).toBe(before);
  });

  it('when a field is invalid, then 400 names each bad field and its path', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app)
      .post('/api/v1/api-keys')
      .set(ws.auth)
      .send({ name: '', scopes: ['admin', 'fly'] })
      .expect(400);
    expect(res.type).toBe('application/problem+json');
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['name', 'scopes.1']);
  });

  it('when a handler fails unexpectedly, then 500 problem+json without internals', async () => {
    const app = express();
    app.use((req, _res, next) => {
      Object.assign(req, { id: 'r1', log: ctx.container.logger });
      next();
    });
    app.get('/boom', () => {
      throw new Error('secret connection string mongodb://user:pw@db');
    });
    app.use(errorHandler);
    const res = await request(app).get('/boom').expect(500);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({
      status: 500,
      title: 'Internal Server Error',
      requestId: 'r1',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/secret|mongodb|stack/);
  });

  it('when a request id is sent, then it is echoed; otherwise one is made', async () => {
    const given = await request(ctx.app).get('/healthz').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await request(ctx.app).get('/healthz');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when any page is served, then helmet security headers are set', async () => {
    const res = await request(ctx.app).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
