import request from 'supertest';
import { QUEUE_DASHBOARD_CSP } from '../../src/queue-dashboard';
import { QUEUE_NAMES } from '../../src/shared/queues';
import { APP_CSP } from '../../src/pages/app-pages';
import { startWorkers } from '../../workers/run-workers';
import { webhooksProcessor } from '../../workers/webhooks.processor';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { waitFor } from '../support/wait-for';
import { createUser, FAST_HASHING, nextIp, signIn } from './auth-helpers';

let ctx: TestContext;
beforeAll(async () => {
  // Mixed case and spaces on purpose: the setting is matched as user emails are stored.
  ctx = await startTestContext('queue-dashboard', {
    ...FAST_HASHING,
    OPERATOR_EMAILS: ' Ops@Example.com , other-ops@example.com',
  });
});
afterAll(() => ctx.close());

const API = '/app/queues/api/queues';

/** What Bull Board's GET /api/queues says of one queue (the fields read here). */
interface BoardQueue {
  name: string;
  counts: Record<string, number>;
  jobs: { id: string; failedReason: string }[];
}
const SAME_ORIGIN = { 'Sec-Fetch-Site': 'same-origin' };
const CROSS_SITE = { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' };

/** The operator is an agent of one workspace: the setting, not the role, lets them in. */
async function operator() {
  const ws = await createTestWorkspace(ctx, 'Ops home');
  const user = await createUser(ctx, ws, { role: 'agent', email: 'ops@example.com' });
  return signIn(ctx, user.email, undefined, nextIp());
}

/** A webhooks job with a payload its processor refuses (UnrecoverableError): failed at once. */
async function failedWebhookJob(): Promise<string> {
  const running = startWorkers(ctx.container, {
    webhooks: { processor: webhooksProcessor(ctx.container) },
  });
  const job = await ctx.container.queues.webhooks.add('notify', { not: 'a webhook job' });
  const webhooks = ctx.container.queues.webhooks;
  await waitFor(async () => (await webhooks.getJobState(job.id!)) === 'failed', 'job failed');
  // Nothing consumes the queue from here on, so a retried job stays in "waiting".
  await running.close();
  return job.id!;
}

describe('queue dashboard at /app/queues', () => {
  let ops: Awaited<ReturnType<typeof operator>>;
  beforeAll(async () => {
    ops = await operator();
  });

  it('when an operator opens it, then Bull Board answers from node_modules under its own CSP, over every queue', async () => {
    const page = await ops.agent.get('/app/queues').expect(200);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('<base href="/app/queues/"');
    expect(page.get('content-security-policy')).toBe(QUEUE_DASHBOARD_CSP);
    expect(page.get('cache-control')).toBe('no-store');
    expect(page.get('x-powered-by')).toBeUndefined();
    // Every script and its stylesheet are served here, under the dashboard's path.
    const scripts = [...page.text.matchAll(/<script[^>]* src="([^"]+)"/g)].map((m) => m[1]!);
    const sheet = /<link href="(static\/css\/[^"]+)" rel="stylesheet">/.exec(page.text)?.[1];
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of [...scripts, sheet]) {
      expect(src).toMatch(/^static\/(js|css)\//);
      const asset = await ops.agent.get(`/app/queues/${src}`).expect(200);
      expect(asset.type).toMatch(/^text\/(javascript|css)$/);
    }
    const queues = await ops.agent.get(API).expect(200);
    const names = (queues.body.queues as BoardQueue[]).map((q) => q.name).sort();
    expect(names).toEqual([...QUEUE_NAMES].sort());
    // The loosened policy is the dashboard's alone: other signed-in pages keep the strict one.
    const home = await ops.agent.get('/app').expect(200);
    expect(home.get('content-security-policy')).toBe(APP_CSP);
  });

  it('when a job failed, then the operator sees it in the API and a retry puts it back to waiting', async () => {
    const jobId = await failedWebhookJob();
    const listed = await ops.agent
      .get(`${API}?activeQueue=webhooks&status=failed&page=1&jobsPerPage=10`)
      .expect(200);
    const webhooks = (listed.body.queues as BoardQueue[]).find((q) => q.name === 'webhooks');
    expect(webhooks?.counts.failed).toBe(1);
    expect(webhooks?.jobs).toEqual([
      expect.objectContaining({
        id: jobId,
        failedReason: expect.stringMatching(/bad webhook job/),
      }),
    ]);

    // Bull Board's own client sends no CSRF token; its Sec-Fetch-Site is what lets it through.
    await ops.agent.put(`${API}/webhooks/${jobId}/retry`).set(SAME_ORIGIN).expect(204);
    expect(await ctx.container.queues.webhooks.getJobState(jobId)).toBe('waiting');
    const job = await ops.agent.get(`${API}/webhooks/${jobId}`).expect(200);
    expect(job.body.status).toBe('waiting');
  });

  it('when a change comes from another site, or with no proof of its origin, then it is refused and nothing changes', async () => {
    const jobId = await failedWebhookJob();
    const retry = `${API}/webhooks/${jobId}/retry`;
    const crossSite = await ops.agent.put(retry).set(CROSS_SITE).set('Accept', 'application/json');
    expect(crossSite.status).toBe(403);
    expect(crossSite.type).toBe('application/problem+json');
    // An old browser without Sec-Fetch-Site: the Origin decides.
    await ops.agent.put(retry).set('Origin', 'https://evil.example').expect(403);
    // Neither header: a same-origin request cannot be told from a forged one, so no.
    await ops.agent.put(retry).expect(403);
    const before = await ctx.container.queues.notifications.count();
    await ops.agent
      .post(`${API}/notifications/add`)
      .set(CROSS_SITE)
      .send({ name: 'forged', data: {} })
      .expect(403);
    expect(await ctx.container.queues.notifications.count()).toBe(before);
    expect(await ctx.container.queues.webhooks.getJobState(jobId)).toBe('failed');

    // The Origin of PUBLIC_URL (a proxy in front rewrites Host) is proof enough.
    await ops.agent.put(retry).set('Origin', 'http://retour.test').expect(204);
    expect(await ctx.container.queues.webhooks.getJobState(jobId)).toBe('waiting');
  });

  it('when a workspace admin who is not an operator asks, then the 403 page, and no queue data', async () => {
    const ws = await createTestWorkspace(ctx, 'Customer');
    const admin = await createUser(ctx, ws, { role: 'admin' });
    const { agent, csrf } = await signIn(ctx, admin.email, undefined, nextIp());
    const page = await agent.get('/app/queues').expect(403);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('Not allowed');
    expect(page.text).toContain('operators of this Retour installation');
    const api = await agent.get(API).set('Accept', 'application/json').expect(403);
    expect(api.type).toBe('application/problem+json');
    expect(api.text).not.toContain('webhooks');
    const asset = await agent.get('/app/queues/static/images/logo.svg').expect(403);
    expect(asset.type).toBe('text/html');
    // With our own CSRF token and from this site, still no.
    await agent
      .put(`${API}/webhooks/1/retry`)
      .set(SAME_ORIGIN)
      .set('X-CSRF-Token', csrf)
      .expect(403);
  });

  it('when signed out, then every path of it redirects to sign-in and comes back', async () => {
    const res = await request(ctx.app).get('/app/queues').expect(303);
    const location = new URL(res.get('location')!, 'http://retour.test');
    expect(location.pathname).toBe('/login');
    expect(location.searchParams.get('next')).toBe('/app/queues');
    await request(ctx.app)
      .get(API)
      .expect(303)
      .expect('Location', `/login?next=${encodeURIComponent(API)}`);
    const put = await request(ctx.app).put(`${API}/webhooks/1/retry`).set(SAME_ORIGIN);
    expect(put.status).toBe(303);
    expect(put.get('location')).toMatch(/^\/login\?next=/);
  });
});

describe('queue dashboard without OPERATOR_EMAILS', () => {
  let bare: TestContext;
  beforeAll(async () => {
    bare = await startTestContext('queue-dashboard-off', FAST_HASHING);
  });
  afterAll(() => bare.close());

  it('when nobody is named, then even an admin gets the 403 page saying it is off', async () => {
    const ws = await createTestWorkspace(bare, 'Any');
    const admin = await createUser(bare, ws, { role: 'admin', email: 'ops@example.com' });
    const { agent } = await signIn(bare, admin.email, undefined, nextIp());
    const page = await agent.get('/app/queues').expect(403);
    expect(page.text).toContain('no operator accounts are configured');
    await agent.get(API).set('Accept', 'application/json').expect(403);
  });
});
