import type { Worker } from 'bullmq';
import { Types } from 'mongoose';
import request from 'supertest';
import { RESPONSE_JOB_NAME } from '../../src/responses';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import { startDeliveryFakes, type DeliveryFakes } from '../support/delivery-env';
import {
  createAnyTimeWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { waitFor } from '../support/wait-for';
import { answer, linkInvitation, type TestInvitation } from './landing-helpers';

let fakes: DeliveryFakes;
let ctx: TestContext;
let workers: RunningWorkers[];

beforeAll(async () => {
  fakes = await startDeliveryFakes();
  ctx = await startTestContext('rules-backlog', fakes.env);
  // Two workers racing on every queue, as in production with two worker processes.
  workers = [0, 1].map(() => startWorkers(ctx.container, buildProcessors(ctx.container)));
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await ctx.close();
  await fakes.close();
});

const rulesWorkers = (): Worker[] =>
  workers.flatMap((w) => w.workers.filter((worker) => worker.name === 'responses'));
/** A backlog: the rules workers finish what they hold and take nothing new until resumed. */
const pauseRules = () => Promise.all(rulesWorkers().map((w) => w.pause()));
const resumeRules = () => rulesWorkers().forEach((w) => w.resume());

const db = () => ctx.container.mongo;
let phones = 0;

const workspace = (): Promise<TestWorkspace> => createAnyTimeWorkspace(ctx, 'Acme');

async function smsInvitation(ws: TestWorkspace) {
  phones += 1;
  const phone = `+336123457${String(10 + phones)}`;
  const inv = await linkInvitation(ctx, ws, {
    type: 'nps',
    locale: 'en',
    phone,
    channels: ['sms'],
  });
  return { inv, phone };
}

const responseOf = (inv: TestInvitation) =>
  waitFor(
    () =>
      db()
        .collection('responses')
        .findOne({ invitationId: new Types.ObjectId(inv.id) }),
    'the stored response',
  );

/** Every rules job of the response has run (none waiting or running) and at least one did. */
async function rulesSettled(responseId: Types.ObjectId, atLeast = 1) {
  const queue = ctx.container.queues.responses;
  const mine = (jobs: { data: { responseId?: string } }[]) =>
    jobs.filter((j) => j.data.responseId === String(responseId)).length;
  await waitFor(async () => {
    const pending = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
    const done = await queue.getJobs(['completed']);
    return mine(pending) === 0 && mine(done) >= atLeast;
  }, 'the rules jobs of the response');
}

const tasksOf = (responseId: Types.ObjectId) =>
  db().collection('tasks').find({ responseId }).toArray();
const logsOf = (responseId: Types.ObjectId) =>
  db().collection('action_log').find({ responseId }).toArray();
const thanksTo = (phone: string) =>
  fakes.twilio.messages.filter((m) => m.to === phone && m.body.startsWith('Thank you'));

describe('rules on the response as it is when they run', () => {
  it('when 9 is edited to 2, then 3, while the rules queue has a backlog, then the detractor gets one task; edited back to 9 the task stays and the thank-you goes once', async () => {
    const ws = await workspace();
    const { inv, phone } = await smsInvitation(ws);
    await pauseRules();
    await answer(ctx, inv, { score: '9' }, 303);
    await answer(ctx, inv, { score: '2' }, 303);
    await answer(ctx, inv, { score: '3', comment: 'Actually, no' }, 303);
    const response = await responseOf(inv);
    expect(response.version).toBe(3);
    expect(await tasksOf(response._id)).toHaveLength(0);

    resumeRules();
    await rulesSettled(response._id, 2);
    const tasks = await tasksOf(response._id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ score: 3, category: 'detractor', status: 'open' });
    // The worker never saw the 9: no thank-you for an answer that is a 2 by then.
    expect(thanksTo(phone)).toHaveLength(0);

    await answer(ctx, inv, { score: '9', comment: 'Fixed after all' }, 303);
    await waitFor(() => thanksTo(phone).length > 0, 'the thank-you SMS');
    await rulesSettled(response._id, 3);
    expect(await tasksOf(response._id)).toHaveLength(1);
    expect(thanksTo(phone)).toHaveLength(1);
    const logs = await logsOf(response._id);
    expect(logs.map((l) => l.type).sort()).toEqual(['create_task', 'send_message']);
  });

  it('when a detractor clicks an e-mailed 2 and adds a comment before the rules worker ran, then one task carries the comment', async () => {
    const ws = await workspace();
    const { inv } = await smsInvitation(ws);
    await pauseRules();
    // The e-mail button only notes the 2 (it settles later); the comment follows on the page.
    await request(ctx.app).get(`${inv.path}?score=2`).expect(200);
    await answer(ctx, inv, { score: '2', comment: 'Nobody called me back' }, 303);
    const response = await responseOf(inv);
    expect(response).toMatchObject({ version: 1, source: 'web' });

    resumeRules();
    await rulesSettled(response._id);
    const tasks = await tasksOf(response._id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ score: 2, comment: 'Nobody called me back' });
  });

  it('when a comment that a rule looks for is added later in the same category, then that rule runs too', async () => {
    const ws = await workspace();
    await request(ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .send({
        name: 'Churn words',
        priority: 1,
        conditions: { field: 'comment', op: 'contains', value: 'cancel' },
        actions: [{ type: 'tag', tags: ['churn-risk'] }],
      })
      .expect(201);
    const { inv } = await smsInvitation(ws);
    await answer(ctx, inv, { score: '2' }, 303);
    const response = await responseOf(inv);
    await rulesSettled(response._id);
    expect(await tasksOf(response._id)).toHaveLength(1);

    await answer(ctx, inv, { score: '2', comment: 'I will cancel my plan' }, 303);
    await waitFor(
      async () =>
        (await db().collection('responses').findOne({ _id: response._id }))?.tags?.includes(
          'churn-risk',
        ),
      'the churn-risk tag',
    );
    await rulesSettled(response._id, 2);
    expect(await tasksOf(response._id)).toHaveLength(1);
    expect((await logsOf(response._id)).map((l) => l.type).sort()).toEqual(['create_task', 'tag']);
  });

  it('when the same response job is added again under other ids, then no action runs twice', async () => {
    const ws = await workspace();
    const { inv, phone } = await smsInvitation(ws);
    await answer(ctx, inv, { score: '10' }, 303);
    const response = await responseOf(inv);
    await waitFor(() => thanksTo(phone).length > 0, 'the thank-you SMS');
    await rulesSettled(response._id);

    await pauseRules();
    const job = {
      responseId: String(response._id),
      workspaceId: String(ws.workspaceId),
      version: 1,
    };
    await Promise.all(
      ['a', 'b', 'c'].map((suffix) =>
        ctx.container.queues.responses.add(RESPONSE_JOB_NAME, job, {
          jobId: `again-${String(response._id)}-${suffix}`,
        }),
      ),
    );
    resumeRules();
    await rulesSettled(response._id, 4);
    // The message worker has nothing left to send either.
    await waitFor(
      async () =>
        (await ctx.container.queues['rule-messages'].getJobCounts('waiting', 'active', 'delayed'))
          .waiting === 0,
      'the message queue to drain',
    );
    expect(thanksTo(phone)).toHaveLength(1);
    expect(await tasksOf(response._id)).toHaveLength(0);
    const logs = await logsOf(response._id);
    expect(logs.map((l) => [l.type, l.status, l.attempts])).toEqual([['send_message', 'done', 1]]);
  });
});
