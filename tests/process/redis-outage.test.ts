import { Types } from 'mongoose';
import request from 'supertest';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import { createUser, FAST_HASHING, signIn } from '../component/auth-helpers';
import { linkInvitation, nonceOf, type TestInvitation } from '../component/landing-helpers';
import { startDeliveryFakes, type DeliveryFakes } from '../support/delivery-env';
import {
  createAnyTimeWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { startControlledRedis, type ControlledRedis } from '../support/redis-control';
import { waitFor } from '../support/wait-for';

/**
 * Redis stops answering (paused with SIGSTOP, or killed and started again) while customers
 * answer surveys and callers post interactions. The contract: calls that need Redis
 * answer 503 with Retry-After within 3 s instead of hanging; answers are stored and thanked;
 * their rules and the surveys posted meanwhile run once Redis is back; nothing is done twice.
 */
const WITHIN_MS = 3000;
jest.setTimeout(90_000);

let redis: ControlledRedis;
let fakes: DeliveryFakes;
let ctx: TestContext;
let workers: RunningWorkers;
beforeAll(async () => {
  redis = await startControlledRedis();
  fakes = await startDeliveryFakes({
    ...FAST_HASHING,
    REDIS_URL: redis.url,
    REDIS_COMMAND_TIMEOUT_MS: '1000',
    JOB_OUTBOX_DRAIN_MS: '200',
    JOB_LOCK_MS: '1000',
    SEND_RATE_SMS: '100',
  });
  ctx = await startTestContext('redis-outage', fakes.env);
  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
});
afterAll(async () => {
  redis.resume();
  await workers.close();
  await ctx.close();
  await fakes.close();
  await redis.close();
});

const db = () => ctx.container.mongo;
let phones = 0;
const nextPhone = () => `+3361999${String(1000 + ++phones)}`;

async function timed<T>(call: () => PromiseLike<T>): Promise<{ res: T; ms: number }> {
  const started = Date.now();
  const res = await call();
  return { res, ms: Date.now() - started };
}

interface Scenario {
  ws: TestWorkspace;
  signedIn: Awaited<ReturnType<typeof signIn>>;
  answers: { inv: TestInvitation; phone: string; score: number; nonce: string }[];
}

const thanksTo = (phone: string) =>
  fakes.twilio.messages.filter((m) => m.to === phone && m.body.startsWith('Thank you'));

/** A workspace, a signed-in manager and five SMS surveys, sent, with their forms loaded. */
async function prepare(): Promise<Scenario> {
  const ws = await createAnyTimeWorkspace(ctx, 'Outage Inc');
  const user = await createUser(ctx, ws, { role: 'manager' });
  const signedIn = await signIn(ctx, user.email);
  const answers = [];
  for (const score of [2, 3, 10, 9, 8]) {
    const phone = nextPhone();
    const inv = await linkInvitation(ctx, ws, { locale: 'en', phone, channels: ['sms'] });
    await waitFor(() => fakes.twilio.messages.some((m) => m.to === phone), 'the survey SMS');
    const page = await request(ctx.app).get(inv.path).expect(200);
    answers.push({ inv, phone, score, nonce: nonceOf(page.text) });
  }
  return { ws, signedIn, answers };
}

/** What customers and callers do while Redis is not answering; each call bounded in time. */
async function duringOutage(s: Scenario, label: string) {
  const ready = await timed(() => request(ctx.app).get('/readyz'));
  expect(ready.res.status).toBe(503);
  expect(ready.res.body.checks).toMatchObject({
    mongodb: 'ok',
    redis: expect.stringMatching(/^down/),
  });
  expect(ready.ms).toBeLessThan(WITHIN_MS);

  const inbox = await timed(() => s.signedIn.agent.get('/app/inbox'));
  expect(inbox.res.status).toBe(503);
  expect(inbox.res.headers['retry-after']).toBe('5');
  expect(inbox.res.text).toContain('Back in a moment');
  expect(inbox.ms).toBeLessThan(WITHIN_MS);
  const tasks = await timed(() => s.signedIn.agent.get('/api/v1/tasks'));
  expect(tasks.res.status).toBe(503);
  expect(tasks.res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(tasks.res.headers['retry-after']).toBe('5');
  expect(tasks.ms).toBeLessThan(WITHIN_MS);

  for (const a of s.answers) {
    const page = await timed(() => request(ctx.app).get(a.inv.path));
    expect(page.res.status).toBe(200);
    const posted = await timed(() =>
      request(ctx.app)
        .post(a.inv.path)
        .type('form')
        .send({ nonce: a.nonce, score: String(a.score) }),
    );
    expect(posted.res.status).toBe(303);
    expect(posted.res.headers.location).toBe(`${a.inv.path}/thanks`);
    expect(Math.max(page.ms, posted.ms)).toBeLessThan(WITHIN_MS);
  }

  const phone = nextPhone();
  const posted = await timed(() =>
    request(ctx.app)
      .post('/api/v1/interactions')
      .set(s.ws.auth)
      .send({
        id: `during-${label}`,
        type: 'ticket.solved',
        customer: { id: `during-${label}`, phone, locale: 'en' },
        survey: { type: 'nps', channels: ['sms'] },
      }),
  );
  expect(posted.res.status).toBe(202);
  expect(posted.ms).toBeLessThan(WITHIN_MS);
  // Nothing reached Redis: the rules jobs and the SMS job wait in MongoDB.
  expect(
    await db().collection('job_outbox').countDocuments({ workspaceId: s.ws.workspaceId }),
  ).toBe(s.answers.length + 1);
  return { smsPhone: phone };
}

/** Once Redis is back: every answer stored once, its rules run once, the SMS sent once. */
async function afterRecovery(s: Scenario, smsPhone: string) {
  const responses = await db()
    .collection('responses')
    .find({ workspaceId: s.ws.workspaceId })
    .toArray();
  expect(responses).toHaveLength(s.answers.length);
  const detractors = s.answers.filter((a) => a.score <= 6);
  const promoters = s.answers.filter((a) => a.score >= 9);

  await waitFor(
    async () =>
      (await db().collection('tasks').countDocuments({ workspaceId: s.ws.workspaceId })) >=
        detractors.length &&
      promoters.every((p) => thanksTo(p.phone).length > 0) &&
      fakes.twilio.messages.some((m) => m.to === smsPhone),
    'the rules and the survey parked during the outage to run',
    30_000,
  );
  await waitFor(
    async () => (await db().collection('job_outbox').countDocuments({})) === 0,
    'the outbox to be empty',
  );
  // Settle: a late duplicate would show up within a few drain and lock periods.
  await new Promise((r) => setTimeout(r, 1500));

  const tasks = await db().collection('tasks').find({ workspaceId: s.ws.workspaceId }).toArray();
  expect(tasks.map((t) => t.score).sort()).toEqual(detractors.map((d) => d.score).sort());
  for (const p of promoters) expect(thanksTo(p.phone)).toHaveLength(1);
  // Each customer got one survey SMS: none was sent again after the outage.
  for (const a of s.answers)
    expect(
      fakes.twilio.messages.filter((m) => m.to === a.phone && !m.body.startsWith('Thank you')),
    ).toHaveLength(1);
  expect(fakes.twilio.messages.filter((m) => m.to === smsPhone)).toHaveLength(1);
  const invitation = await db()
    .collection('invitations')
    .findOne({ workspaceId: s.ws.workspaceId, to: smsPhone });
  expect(invitation?.status).toBe('sent');
}

describe('Redis stops answering', () => {
  it('when Redis is paused, then calls that need it answer 503 within 3 s, answers and surveys are kept, and all run once after it resumes', async () => {
    const s = await prepare();
    redis.pause();
    let smsPhone: string;
    try {
      ({ smsPhone } = await duringOutage(s, 'paused'));
    } finally {
      redis.resume();
    }
    await afterRecovery(s, smsPhone);
    const ready = await waitFor(async () => {
      const r = await request(ctx.app).get('/readyz');
      return r.status === 200 ? r : null;
    }, 'readiness to come back');
    expect(ready.body.checks).toEqual({ mongodb: 'ok', redis: 'ok' });
  });

  it('when Redis is killed and started again, then the same holds and the jobs it held survive', async () => {
    const s = await prepare();
    // A delayed survey job that lives only in Redis across the restart.
    const delayedPhone = nextPhone();
    const delayed = await request(ctx.app)
      .post('/api/v1/interactions')
      .set(s.ws.auth)
      .send({
        id: 'before-restart',
        type: 'ticket.solved',
        customer: { id: 'before-restart', phone: delayedPhone, locale: 'en' },
        survey: { type: 'nps', channels: ['sms'], delay: 'PT4S' },
      })
      .expect(202);
    expect(delayed.body.invitations[0].status).toBe('scheduled');

    await redis.kill();
    let smsPhone: string;
    try {
      ({ smsPhone } = await duringOutage(s, 'killed'));
    } finally {
      await redis.start();
    }
    await afterRecovery(s, smsPhone);
    await waitFor(
      () => fakes.twilio.messages.some((m) => m.to === delayedPhone),
      'the delayed survey kept by Redis to be sent',
      20_000,
    );
    expect(fakes.twilio.messages.filter((m) => m.to === delayedPhone)).toHaveLength(1);
    const inv = await db()
      .collection('invitations')
      .findOne({ _id: new Types.ObjectId(delayed.body.invitations[0].id as string) });
    expect(inv?.status).toBe('sent');
  });
});
