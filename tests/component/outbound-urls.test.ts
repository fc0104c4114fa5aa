import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { RESPONSE_JOB_NAME } from '../../src/responses';
import { ruleModel } from '../../src/rules/rule.model';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { waitFor } from '../support/wait-for';
import { storedResponse } from './rules-helpers';

const INTERNAL = [
  'http://127.0.0.1:6379/',
  'http://2130706433/',
  'http://0177.0.0.1/',
  'http://0x7f.1/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::1]/',
  'http://169.254.169.254/latest/meta-data/',
  'http://100.64.0.1/',
  'http://0.0.0.0/',
  'http://10.1.2.3/',
  'http://localhost:3000/',
];

// No OUTBOUND_ALLOW_HOSTS: even the local receiver below is off limits.
let ctx: TestContext;
let workers: RunningWorkers;
let receiver: Server;
let hits = 0;

beforeAll(async () => {
  ctx = await startTestContext('outbound-urls', { OUTBOUND_ALLOW_HOSTS: '' });
  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
  receiver = createServer((_req, res) => {
    hits += 1;
    res.writeHead(204).end();
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await workers.close();
  await ctx.close();
  await new Promise((r) => receiver.close(r));
});

describe('URLs Retour calls out to', () => {
  it.each(INTERNAL)(
    'when the chat webhook URL is %s, then 400 names chatWebhookUrl and nothing is stored',
    async (url) => {
      const ws = await createTestWorkspace(ctx);

      const res = await request(ctx.app)
        .patch('/api/v1/workspace')
        .set(ws.auth)
        .send({ chatWebhookUrl: url, name: 'Renamed' })
        .expect(400);

      expect(res.type).toBe('application/problem+json');
      expect(res.body.errors).toEqual([
        { path: 'chatWebhookUrl', message: expect.stringMatching(/loopback/) },
      ]);
      const stored = await request(ctx.app).get('/api/v1/workspace').set(ws.auth).expect(200);
      expect(stored.body).toMatchObject({ chatWebhookUrl: null, name: ws.workspace.name });
    },
  );

  it('when the chat webhook URL is public, then it is saved', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app)
      .patch('/api/v1/workspace')
      .set(ws.auth)
      .send({ chatWebhookUrl: 'https://hooks.chat.example/retour' })
      .expect(200);
    expect(res.body.chatWebhookUrl).toBe('https://hooks.chat.example/retour');
  });

  it('when a rule webhook URL is internal, then 400 names the action field and no rule is stored', async () => {
    const ws = await createTestWorkspace(ctx);
    const before = await ruleModel(ctx.container.mongo).countDocuments({
      workspaceId: ws.workspaceId,
    });
    const rule = (url: string) => ({
      name: 'To the CRM',
      conditions: null,
      actions: [
        { type: 'tag', tags: ['x'] },
        { type: 'notify', webhook: { url, secret: 'a-secret-of-16-chars-or-more' } },
      ],
    });

    const res = await request(ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .send(rule('http://169.254.169.254/'))
      .expect(400);
    expect(res.body.errors).toEqual([
      { path: 'actions.1.webhook.url', message: expect.any(String) },
    ]);
    expect(
      await ruleModel(ctx.container.mongo).countDocuments({ workspaceId: ws.workspaceId }),
    ).toBe(before);

    const created = await request(ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .send(rule('https://crm.example/hook'))
      .expect(201);
    const patched = await request(ctx.app)
      .patch(`/api/v1/rules/${created.body.id}`)
      .set(ws.auth)
      .send(rule('http://[::ffff:127.0.0.1]:6379/'))
      .expect(400);
    expect(patched.body.errors[0].path).toBe('actions.1.webhook.url');
  });

  it('when a stored rule webhook points at 127.0.0.1, then the worker refuses to connect, records it and does not retry', async () => {
    const ws = await createTestWorkspace(ctx);
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    // Saved before the save-time check existed (or under another OUTBOUND_ALLOW_HOSTS).
    await ruleModel(ctx.container.mongo).create({
      workspaceId: ws.workspaceId,
      name: 'Old CRM hook',
      priority: 1,
      active: true,
      conditions: null,
      stop: false,
      actions: [{ type: 'notify', webhook: { url, secret: 'a-secret-of-16-chars-or-more' } }],
    });
    const { responseId } = await storedResponse(ctx, ws.workspaceId, { score: 2 });
    await ctx.container.queues.responses.add(RESPONSE_JOB_NAME, {
      responseId,
      workspaceId: String(ws.workspaceId),
      version: 1,
    });

    const log = await waitFor(
      () =>
        ctx.container.mongo
          .collection('action_log')
          .findOne({ workspaceId: ws.workspaceId, type: 'notify', status: 'failed' }),
      'the refused webhook',
    );
    expect(log.error).toMatch(/loopback/);
    const attempts = await ctx.container.mongo
      .collection('webhook_deliveries')
      .find({ actionLogId: log._id })
      .toArray();
    expect(attempts.map((a) => [a.attempt, a.ok])).toEqual([[1, false]]);
    expect(hits).toBe(0);
  });
});
