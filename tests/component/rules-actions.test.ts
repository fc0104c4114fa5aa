import { Types } from 'mongoose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../src/channels';
import { RESPONSE_JOB_NAME } from '../../src/responses';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import request from 'supertest';
import { startDeliveryFakes, type DeliveryFakes } from '../support/delivery-env';
import {
  createAnyTimeWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { waitFor } from '../support/wait-for';
import { answer, linkInvitation } from './landing-helpers';
import { storedResponse } from './rules-helpers';

const SECRET = 'whsec_test_0123456789abcdef';
let fakes: DeliveryFakes;
let ctx: TestContext;
let workers: RunningWorkers[];
let receiver: Server;
let receiverUrl: string;
const hooks: { body: string; signature: string; timestamp: string; delivery: string }[] = [];
let failNext = 0;

beforeAll(async () => {
  fakes = await startDeliveryFakes();
  ctx = await startTestContext('rules-actions', fakes.env, {
    rules: { webhookRetryDelayMs: 50, webhookAttempts: 4 },
  });
  // Two workers racing on every queue.
  workers = [0, 1].map(() => startWorkers(ctx.container, buildProcessors(ctx.container)));
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(503).end();
        return;
      }
      hooks.push({
        body,
        signature: String(req.headers['x-retour-signature']),
        timestamp: String(req.headers['x-retour-timestamp']),
        delivery: String(req.headers['x-retour-delivery']),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await ctx.close();
  await fakes.close();
  await new Promise((r) => receiver.close(r));
});

const workspace = (): Promise<TestWorkspace> => createAnyTimeWorkspace(ctx, 'Acme');

const db = () => ctx.container.mongo;
const count = (collection: string, filter: object) =>
  db().collection(collection).countDocuments(filter);

describe('rules worker actions', () => {
  it('when the same response job arrives three times to two racing workers, then one task, one message and one webhook exist', async () => {
    const ws = await workspace();
    await request(ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .send({
        name: 'Detractor: apologise and tell the CRM',
        priority: 1,
        conditions: { field: 'category', op: 'eq', value: 'detractor' },
        actions: [
          { type: 'send_message', text: 'Sorry {{customerName}}, we will call you back.' },
          { type: 'notify', webhook: { url: receiverUrl, secret: SECRET } },
          { type: 'tag', tags: ['callback'] },
        ],
      })
      .expect(201);
    const { responseId, phone } = await storedResponse(ctx, ws.workspaceId, { score: 2 });
    const job = { responseId, workspaceId: String(ws.workspaceId), version: 1 };
    await Promise.all(
      ['a', 'b', 'c'].map((suffix) =>
        ctx.container.queues.responses.add(RESPONSE_JOB_NAME, job, {
          jobId: `dup-${responseId}-${suffix}`,
        }),
      ),
    );
    await waitFor(() => fakes.twilio.messages.some((m) => m.to === phone), 'the apology SMS');
    await waitFor(() => hooks.some((h) => h.body.includes(responseId)), 'the webhook');
    await waitFor(
      async () =>
        (await count('action_log', {
          responseId: { $exists: true },
          status: 'done',
          type: 'tag',
        })) > 0,
      'the tag',
    );
    await new Promise((r) => setTimeout(r, 300));

    expect(fakes.twilio.messages.filter((m) => m.to === phone)).toHaveLength(1);
    expect(fakes.twilio.messages.find((m) => m.to === phone)?.body).toBe(
      'Sorry Alice, we will call you back.',
    );
    const delivered = hooks.filter((h) => h.body.includes(responseId));
    expect(delivered).toHaveLength(1);
    expect(
      verifyWebhookSignature(
        SECRET,
        delivered[0]!.signature,
        delivered[0]!.timestamp,
        delivered[0]!.body,
      ),
    ).toBe(true);
    expect(JSON.parse(delivered[0]!.body)).toMatchObject({
      type: 'rule.matched',
      response: { id: responseId, score: 2 },
    });
    // Default rule (NPS detractor → task) plus ours: one task only.
    expect(await count('tasks', { workspaceId: ws.workspaceId })).toBe(1);
    const stored = await db()
      .collection('responses')
      .findOne({ _id: new Types.ObjectId(responseId) });
    expect(stored?.tags).toEqual(['callback']);
    const tagged = await request(ctx.app)
      .get('/api/v1/responses?tag=callback')
      .set(ws.auth)
      .expect(200);
    expect(tagged.body.items.map((r: { id: string; tags: string[] }) => [r.id, r.tags])).toEqual([
      [responseId, ['callback']],
    ]);
    const untagged = await request(ctx.app)
      .get('/api/v1/responses?tag=vip')
      .set(ws.auth)
      .expect(200);
    expect(untagged.body.items).toEqual([]);
  });

  it('when a delivery job names another workspace, then it touches nothing of the log it points at', async () => {
    const owner = await workspace();
    const stranger = await workspace();
    const logs = db().collection('action_log');
    const entry = (type: string) => ({
      workspaceId: owner.workspaceId,
      responseId: new Types.ObjectId(),
      ruleId: new Types.ObjectId().toHexString(),
      actionIndex: 0,
      type,
      status: 'queued',
    });
    const message = await logs.insertOne(entry('send_message'));
    const webhook = await logs.insertOne(entry('notify'));
    const rules = ctx.container.services.rules;
    const strangers = (logId: unknown) => ({
      workspaceId: String(stranger.workspaceId),
      logId: String(logId),
    });

    expect(await rules.deliverMessage(strangers(message.insertedId))).toBe('already handled');
    expect(await rules.deliverWebhook(strangers(webhook.insertedId), 1, true)).toBe(
      'already handled',
    );
    expect(await logs.countDocuments({ workspaceId: owner.workspaceId, status: 'queued' })).toBe(2);

    // The owner's own job does reach the log (and fails it: the rule does not exist).
    const owners = { workspaceId: String(owner.workspaceId), logId: String(message.insertedId) };
    expect(await rules.deliverMessage(owners)).toBe('failed');
    expect((await logs.findOne({ _id: message.insertedId }))?.status).toBe('failed');
  });

  it('when the workspace works every day round the clock, then a 24-business-hour follow-up is due a day later; bad working hours get a 400 naming the field', async () => {
    const ws = await workspace();
    const bad = await request(ctx.app)
      .patch('/api/v1/workspace')
      .set(ws.auth)
      .send({ workingHours: { days: [1, 8], start: '18:00', end: '09:00' } })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'workingHours.days.1',
      'workingHours.end',
    ]);
    const saved = await request(ctx.app)
      .patch('/api/v1/workspace')
      .set(ws.auth)
      .send({ workingHours: { days: [7, 1, 2, 3, 4, 5, 6], start: '00:00', end: '23:59' } })
      .expect(200);
    expect(saved.body.workingHours).toEqual({
      days: [1, 2, 3, 4, 5, 6, 7],
      start: '00:00',
      end: '23:59',
    });

    const { responseId } = await storedResponse(ctx, ws.workspaceId, { score: 2 });
    await ctx.container.services.rules.processResponse(ws.workspaceId, responseId);
    const task = await db()
      .collection('tasks')
      .findOne({ workspaceId: ws.workspaceId, responseId: new Types.ObjectId(responseId) });
    const hours = ((task?.dueAt as Date).getTime() - (task?.createdAt as Date).getTime()) / 3.6e6;
    // 24 business hours, plus at most the one closed minute (23:59–00:00) a day can hold.
    expect(hours).toBeGreaterThanOrEqual(24);
    expect(hours).toBeLessThan(24 + 2 / 60 + 0.01);
  });

  it('when the webhook receiver fails twice, then it is retried with backoff and each attempt is in the delivery log', async () => {
    const ws = await workspace();
    await request(ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .send({
        name: 'All to CRM',
        conditions: null,
        actions: [{ type: 'notify', webhook: { url: receiverUrl, secret: SECRET } }],
      })
      .expect(201);
    failNext = 2;
    const { responseId } = await storedResponse(ctx, ws.workspaceId, { score: 8 });
    await ctx.container.services.rules.processResponse(ws.workspaceId, responseId);
    const log = await waitFor(
      () =>
        db()
          .collection('action_log')
          .findOne({
            responseId: { $exists: true },
            type: 'notify',
            status: 'done',
            workspaceId: ws.workspaceId,
          }),
      'the delivered webhook',
    );
    const attempts = await db()
      .collection('webhook_deliveries')
      .find({ actionLogId: log._id })
      .sort({ at: 1 })
      .toArray();
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.ok])).toEqual([
      [1, 503, false],
      [2, 503, false],
      [3, 204, true],
    ]);
  });

  it('when a changed answer goes from passive to detractor, then the follow-up task is created', async () => {
    const ws = await workspace();
    const inv = await linkInvitation(ctx, ws, { type: 'nps', locale: 'en' });
    await answer(ctx, inv, { score: '7' }, 303);
    await waitFor(
      async () => (await ctx.container.queues.responses.getJobCounts('completed')).completed! > 0,
      'first job',
    );
    expect(await count('tasks', { workspaceId: ws.workspaceId })).toBe(0);
    await answer(ctx, inv, { score: '2', comment: 'Actually, terrible' }, 303);
    const task = await waitFor(
      () => db().collection('tasks').findOne({ workspaceId: ws.workspaceId }),
      'the task',
    );
    expect(task).toMatchObject({
      score: 2,
      category: 'detractor',
      status: 'open',
      priority: 'high',
    });
  });

  it('when the message job starts before the rules worker marked its log queued, then the message is still sent once', async () => {
    const ws = await workspace();
    const created = await request(ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .send({
        name: 'Thank everyone',
        priority: 1,
        stop: true,
        conditions: null,
        actions: [{ type: 'send_message', text: 'Thanks {{customerName}}!' }],
      })
      .expect(201);
    const { responseId, phone } = await storedResponse(ctx, ws.workspaceId, { score: 9 });
    // The log as the rules worker leaves it between enqueueing the job and marking it queued.
    const log = await db()
      .collection('action_log')
      .insertOne({
        workspaceId: ws.workspaceId,
        responseId: new Types.ObjectId(responseId),
        ruleId: created.body.id,
        actionIndex: 0,
        type: 'send_message',
        status: 'running',
      });
    const job = { workspaceId: String(ws.workspaceId), logId: String(log.insertedId) };
    expect(await ctx.container.services.rules.deliverMessage(job)).toBe('done');
    expect(await ctx.container.services.rules.deliverMessage(job)).toBe('already handled');
    expect(fakes.twilio.messages.filter((m) => m.to === phone).map((m) => m.body)).toEqual([
      'Thanks Alice!',
    ]);
  });

  it('when ten promoters race for codes of a pool, then each gets a different code and the pool empties without doubles', async () => {
    const ws = await workspace();
    const codes = Array.from({ length: 8 }, (_, i) => `CODE-${i}`);
    await ctx.container.services.rules.rewards.add(ws.workspaceId, 'thanks', codes);
    await request(ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .send({
        name: 'Reward promoters',
        priority: 1,
        stop: true,
        conditions: { field: 'score', op: 'gte', value: 9 },
        actions: [
          { type: 'send_message', text: 'Thanks! Your code: {{rewardCode}}', rewardPool: 'thanks' },
        ],
      })
      .expect(201);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => storedResponse(ctx, ws.workspaceId, { score: 10 })),
    );
    await Promise.all(
      responses.map((r) =>
        ctx.container.queues.responses.add(
          RESPONSE_JOB_NAME,
          { responseId: r.responseId, workspaceId: String(ws.workspaceId), version: 1 },
          { jobId: `reward-${r.responseId}` },
        ),
      ),
    );
    const phones = new Set(responses.map((r) => r.phone));
    await waitFor(
      async () =>
        (await count('action_log', {
          workspaceId: ws.workspaceId,
          type: 'send_message',
          status: { $in: ['done', 'failed'] },
        })) === 10,
      'all ten messages handled',
      // Twenty jobs through two workers.
      30_000,
    );
    const sent = fakes.twilio.messages.filter((m) => phones.has(m.to)).map((m) => m.body);
    expect(sent).toHaveLength(8);
    expect(new Set(sent).size).toBe(8);
    expect(await ctx.container.services.rules.rewards.remaining(ws.workspaceId, 'thanks')).toBe(0);
    expect(await count('action_log', { workspaceId: ws.workspaceId, status: 'failed' })).toBe(2);
  }, 60_000);
});
