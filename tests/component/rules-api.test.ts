import { Types } from 'mongoose';
import request from 'supertest';
import { ruleModel } from '../../src/rules/rule.model';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { storedResponse } from './rules-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('rules-api');
});
afterAll(() => ctx.close());

describe('rules API', () => {
  it('when a workspace is created, then it has the three default rules', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app).get('/api/v1/rules').set(ws.auth).expect(200);
    expect(res.body.rules.map((r: { name: string }) => r.name)).toEqual([
      'NPS detractor → follow-up task for the agent',
      'CSAT 1–2 → follow-up task for the agent',
      'NPS promoter → thank-you message',
    ]);
  });

  it('when a rule names an unknown field, a wrong value type or an unknown action, then 400 names each path', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .send({
        name: 'Bad',
        conditions: {
          all: [
            { field: 'shoeSize', op: 'eq', value: 1 },
            { field: 'score', op: 'between', value: 'x' },
          ],
        },
        actions: [{ type: 'launch_rocket' }],
      })
      .expect(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'conditions.all.0.field',
        'conditions.all.1.value',
        'actions.0.type',
      ]),
    );
    expect(
      await request(ctx.app)
        .get('/api/v1/rules')
        .set(ws.auth)
        .then((r) => r.body.rules.length),
    ).toBe(3);
  });

  it('when rules are created, patched and deleted, then the webhook secret never comes back', async () => {
    const ws = await createTestWorkspace(ctx);
    const created = await request(ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .send({
        name: 'CRM',
        actions: [
          {
            type: 'notify',
            webhook: { url: 'https://crm.example/hook', secret: 'a-very-long-secret-value' },
          },
        ],
      })
      .expect(201);
    expect(JSON.stringify(created.body)).not.toContain('a-very-long-secret-value');
    const patched = await request(ctx.app)
      .patch(`/api/v1/rules/${created.body.id}`)
      .set(ws.auth)
      .send({ active: false })
      .expect(200);
    expect(patched.body.active).toBe(false);
    await request(ctx.app).delete(`/api/v1/rules/${created.body.id}`).set(ws.auth).expect(204);
    await request(ctx.app).get(`/api/v1/rules/${created.body.id}`).set(ws.auth).expect(404);
    const other = await createTestWorkspace(ctx);
    const mine = (await request(ctx.app).get('/api/v1/rules').set(ws.auth)).body.rules[0].id;
    await request(ctx.app)
      .patch(`/api/v1/rules/${mine}`)
      .set(other.auth)
      .send({ active: false })
      .expect(404);
  });

  it('when a dry run posts a response, or names a stored one, then it returns matches and actions and changes nothing', async () => {
    const ws = await createTestWorkspace(ctx);
    const posted = await request(ctx.app)
      .post('/api/v1/rules/dry-run')
      .set(ws.auth)
      .send({ response: { type: 'nps', score: 9, previous: { score: 5 } } })
      .expect(200);
    expect(posted.body.matched.map((m: { name: string }) => m.name)).toEqual([
      'NPS promoter → thank-you message',
    ]);
    expect(posted.body.actions.map((a: { action: { type: string } }) => a.action.type)).toEqual([
      'send_message',
    ]);

    const { responseId } = await storedResponse(ctx, ws.workspaceId, { score: 2 });
    const stored = await request(ctx.app)
      .post('/api/v1/rules/dry-run')
      .set(ws.auth)
      .send({
        responseId,
        rules: [
          {
            name: 'stop here',
            priority: 1,
            stop: true,
            conditions: { field: 'score', op: 'lt', value: 5 },
            actions: [{ type: 'tag', tags: ['x'] }],
          },
          { name: 'never', priority: 2, actions: [{ type: 'tag', tags: ['y'] }] },
        ],
      })
      .expect(200);
    expect(stored.body).toMatchObject({
      stoppedBy: 'posted-1',
      actions: [{ ruleName: 'stop here', alreadyRun: null }],
    });
    expect(
      await ctx.container.mongo.collection('tasks').countDocuments({ workspaceId: ws.workspaceId }),
    ).toBe(0);
    expect(
      await ctx.container.mongo
        .collection('action_log')
        .countDocuments({ workspaceId: ws.workspaceId }),
    ).toBe(0);
  });

  it('when two rules tie on priority and creation time, then the list and the evaluation order them by id', async () => {
    const ws = await createTestWorkspace(ctx);
    // Stored in the reverse of their id order: a store that keeps insertion order for equal
    // sort keys would list "later" first unless the sort ends with _id.
    const earlier = new Types.ObjectId();
    const later = new Types.ObjectId();
    const at = new Date('2026-10-01T09:00:00Z');
    const rule = (_id: Types.ObjectId, name: string) => ({
      _id,
      workspaceId: ws.workspaceId,
      name,
      priority: 1,
      active: true,
      conditions: null,
      actions: [{ type: 'tag', tags: [name] }],
      stop: true,
      isDefault: false,
      createdAt: at,
      updatedAt: at,
    });
    await ruleModel(ctx.container.mongo).collection.insertMany([
      rule(later, 'later'),
      rule(earlier, 'earlier'),
    ]);
    const listed = await request(ctx.app).get('/api/v1/rules').set(ws.auth).expect(200);
    expect(listed.body.rules.slice(0, 2).map((r: { id: string }) => r.id)).toEqual([
      String(earlier),
      String(later),
    ]);
    const dryRun = await request(ctx.app)
      .post('/api/v1/rules/dry-run')
      .set(ws.auth)
      .send({ response: { type: 'nps', score: 9 } })
      .expect(200);
    expect(dryRun.body.stoppedBy).toBe(String(earlier));
  });
});
