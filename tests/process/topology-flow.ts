import request from 'supertest';
import { isCluster, type RedisClient } from '../../src/shared/redis-connection';
import { createUser, FAST_HASHING, nextIp, PASSWORD, signIn } from '../component/auth-helpers';
import { answer, linkInvitation } from '../component/landing-helpers';
import type { DeliveryFakes } from '../support/delivery-env';
import { createAnyTimeWorkspace, type TestContext } from '../support/harness';
import { waitFor } from '../support/wait-for';

/** Settings every topology test runs with: cheap password hashing, no send throttling. */
export const TOPOLOGY_ENV = { ...FAST_HASHING, SEND_RATE_SMS: '100' };

let phones = 0;
const nextPhone = () => `+3361888${String(1000 + ++phones)}`;

/**
 * No queue holds a job waiting or running: the flow's jobs have all run. (Delayed jobs, such as
 * the invitations' expiry and the tasks' SLA checks, are due days later.)
 */
async function queuesSettled(ctx: TestContext): Promise<boolean> {
  for (const queue of Object.values(ctx.container.queues)) {
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
    if (Object.values(counts).some((n) => n > 0)) return false;
  }
  return true;
}

/**
 * The whole flow through whichever Redis the context is built on: an interaction posted through
 * the API, its survey SMS sent by the dispatch worker to the fake Twilio, the answer given on the
 * landing page, and the default rules run for it (a task for a detractor, a thank-you SMS to a
 * promoter), each exactly once.
 */
export async function runDispatchFlow(ctx: TestContext, fakes: DeliveryFakes, label: string) {
  const ws = await createAnyTimeWorkspace(ctx, `${label} Inc`);
  const db = ctx.container.mongo;
  const customers = [
    { phone: nextPhone(), score: 2 },
    { phone: nextPhone(), score: 10 },
  ];
  const invitations = [];
  for (const c of customers) {
    const inv = await linkInvitation(ctx, ws, { locale: 'en', phone: c.phone, channels: ['sms'] });
    invitations.push(inv);
    const sms = await waitFor(
      () => fakes.twilio.messages.find((m) => m.to === c.phone),
      `the survey SMS to ${c.phone}`,
    );
    expect(sms.body).toContain(inv.path);
  }
  for (const [i, c] of customers.entries())
    await answer(ctx, invitations[i]!, { score: String(c.score) }, 303);

  const thanks = (phone: string) =>
    fakes.twilio.messages.filter((m) => m.to === phone && m.body.startsWith('Thank you'));
  await waitFor(
    async () =>
      (await db.collection('tasks').countDocuments({ workspaceId: ws.workspaceId })) > 0 &&
      thanks(customers[1]!.phone).length > 0,
    'the rules of both answers to run',
  );
  await waitFor(() => queuesSettled(ctx), 'every queue to be empty');

  const tasks = await db.collection('tasks').find({ workspaceId: ws.workspaceId }).toArray();
  expect(tasks.map((t) => t.score)).toEqual([2]);
  expect(thanks(customers[1]!.phone)).toHaveLength(1);
  expect(thanks(customers[0]!.phone)).toHaveLength(0);
  for (const c of customers) {
    const surveys = fakes.twilio.messages.filter(
      (m) => m.to === c.phone && !m.body.startsWith('Thank you'),
    );
    expect(surveys).toHaveLength(1);
  }
  const stored = await db
    .collection('responses')
    .find({ workspaceId: ws.workspaceId })
    .project({ score: 1 })
    .toArray();
  expect(stored.map((r) => r.score as number).sort((a, b) => a - b)).toEqual([2, 10]);
  const statuses = await db
    .collection('invitations')
    .find({ workspaceId: ws.workspaceId })
    .project({ status: 1 })
    .toArray();
  expect(statuses.map((s) => s.status)).toEqual(['answered', 'answered']);
  return ws;
}

/** Every key matching a pattern, on every master when the client is a Cluster. */
export async function keysEverywhere(redis: RedisClient, pattern: string): Promise<string[]> {
  const nodes = isCluster(redis) ? redis.nodes('master') : [redis];
  const found = await Promise.all(nodes.map((n) => n.keys(pattern)));
  return found.flat();
}

/**
 * Sign-in through Redis: a wrong password (rate-limited form, per-account backoff), the right
 * one (a session stored in Redis), a page read with that session, and sign-out deleting it.
 */
export async function signInThrough(ctx: TestContext, label: string) {
  const ws = await createAnyTimeWorkspace(ctx, `${label} sign-in`);
  const user = await createUser(ctx, ws, { role: 'manager' });
  const ip = nextIp();
  const refused = await request(ctx.app)
    .post('/login')
    .set('X-Forwarded-For', ip)
    .type('form')
    .send({ email: user.email, password: 'not the password!' })
    .expect(401);
  expect(refused.headers.ratelimit).toBeDefined();
  const sessions = `${ctx.container.config.QUEUE_PREFIX}:sess:*`;
  const before = (await keysEverywhere(ctx.container.redis, sessions)).length;
  const { agent, csrf } = await signIn(ctx, user.email, PASSWORD, ip);
  expect(await keysEverywhere(ctx.container.redis, sessions)).toHaveLength(before + 1);
  const inbox = await agent.get('/app/inbox').expect(200);
  expect(inbox.text).toContain(user.name);
  await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(303);
  expect(await keysEverywhere(ctx.container.redis, sessions)).toHaveLength(before);
  await agent.get('/app').expect(303).expect('Location', '/login?next=%2Fapp');
}
