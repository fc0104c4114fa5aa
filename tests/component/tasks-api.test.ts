import { Types } from 'mongoose';
import request from 'supertest';
import type { Actor } from '../../src/shared/request-context';
import type { TaskView } from '../../src/tasks';
import { taskModel } from '../../src/tasks/task.model';
import { useDeliveryApp } from '../support/delivery-env';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { waitFor } from '../support/wait-for';
import { rawTask } from './reports-helpers';
import { addUser, storedResponse } from './rules-helpers';

const app = useDeliveryApp('tasks-api', { workers: true });

const tasks = () => app.ctx.container.services.tasks;
const manager = (ws: TestWorkspace): Actor => ({
  kind: 'api-key',
  workspaceId: ws.workspaceId,
  role: 'manager',
  userId: null,
  teams: [],
  scopes: [],
});

async function newTask(
  ws: TestWorkspace,
  assign: Parameters<ReturnType<typeof tasks>['createTask']>[1]['assign'],
  dueAt = new Date(Date.now() + 3600_000),
) {
  const { responseId } = await storedResponse(app.ctx, ws.workspaceId);
  return tasks().createTask(ws.workspaceId, {
    originKey: `${responseId}:manual:0`,
    responseId: new Types.ObjectId(responseId),
    title: 'Call back',
    priority: 'normal',
    dueAt,
    assign,
  });
}

describe('task assignment strategies', () => {
  it('when each strategy is used, then the task goes to the right person or queue', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const ana = await addUser(app.ctx, ws.workspaceId, 'agent', ['Support'], 'Ana');
    const bob = await addUser(app.ctx, ws.workspaceId, 'agent', ['Support'], 'Bob');
    expect(
      (await newTask(ws, { strategy: 'interaction_agent', interactionAgentId: ana.email })).assignee
        ?.id,
    ).toBe(ana.id);
    expect((await newTask(ws, { strategy: 'user', user: bob.id })).assignee?.id).toBe(bob.id);
    const queued = await newTask(ws, { strategy: 'team_queue', interactionTeam: 'Support' });
    expect([queued.assignee, queued.team]).toEqual([null, 'Support']);
    // Ana and Bob have one open task each; a third agent has none.
    const cleo = await addUser(app.ctx, ws.workspaceId, 'agent', ['Support'], 'Cleo');
    expect((await newTask(ws, { strategy: 'least_loaded', team: 'Support' })).assignee?.id).toBe(
      cleo.id,
    );
    const unknown = await newTask(ws, {
      strategy: 'interaction_agent',
      interactionAgentId: 'nobody',
      interactionTeam: 'Support',
    });
    expect([unknown.assignee, unknown.team]).toEqual([null, 'Support']);
  });

  it('when 100 tasks are dealt round-robin concurrently, then the three agents get 33 or 34 each', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const agents = await Promise.all(
      ['A', 'B', 'C'].map((n) => addUser(app.ctx, ws.workspaceId, 'agent', ['Sales'], n)),
    );
    await addUser(app.ctx, ws.workspaceId, 'manager', ['Sales'], 'Boss');
    // Ten workers' worth of concurrency: every turn comes from the atomic counter.
    const made: TaskView[] = [];
    for (let batch = 0; batch < 10; batch++) {
      made.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, () => newTask(ws, { strategy: 'round_robin', team: 'Sales' })),
        )),
      );
    }
    const counts = agents.map((a) => made.filter((t) => t.assignee?.id === a.id).length);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(100);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  }, 60_000);
});

describe('task SLA', () => {
  it('when a task becomes overdue, then it escalates once to the team managers; a resolved one never does', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const boss = await addUser(app.ctx, ws.workspaceId, 'manager', ['Billing'], 'Boss');
    const late = await newTask(
      ws,
      { strategy: 'team_queue', team: 'Billing' },
      new Date(Date.now() + 300),
    );
    const doneDue = Date.now() + 1500;
    const done = await newTask(ws, { strategy: 'team_queue', team: 'Billing' }, new Date(doneDue));
    await tasks().resolve(manager(ws), done.id, {
      reachedCustomer: true,
      problemFixed: 'yes',
      sentiment: 'positive',
      comment: null,
    });
    await waitFor(async () => (await tasks().get(manager(ws), late.id)).overdue, 'the escalation');
    await waitFor(
      () => app.fakes.smtp.messages.some((m) => m.to?.includes(boss.email)),
      'the manager email',
    );
    expect(await app.ctx.container.services.tasks.sla.escalate(ws.workspaceId, late.id)).toBe(
      'skipped',
    );
    await new Promise((r) => setTimeout(r, Math.max(300, doneDue + 300 - Date.now())));
    expect(app.fakes.smtp.messages.filter((m) => m.to?.includes(boss.email))).toHaveLength(1);
    expect((await tasks().get(manager(ws), done.id)).overdue).toBe(false);
  });
});

describe('tasks API', () => {
  it('when a key with the tasks scope lists, filters, claims a note and resolves, then the task records it all', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const agent = await addUser(app.ctx, ws.workspaceId, 'agent', ['Support'], 'Ana');
    const mine = await newTask(ws, { strategy: 'user', user: agent.id });
    const queued = await newTask(ws, { strategy: 'team_queue', team: 'Support' });
    const all = await request(app.ctx.app).get('/api/v1/tasks').set(ws.auth).expect(200);
    expect(all.body.items.map((t: { id: string }) => t.id).sort()).toEqual(
      [mine.id, queued.id].sort(),
    );
    const page = await request(app.ctx.app).get('/api/v1/tasks?limit=1').set(ws.auth).expect(200);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const next = await request(app.ctx.app)
      .get(`/api/v1/tasks?limit=1&cursor=${page.body.nextCursor}`)
      .set(ws.auth)
      .expect(200);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
    const byAssignee = await request(app.ctx.app)
      .get(`/api/v1/tasks?assignee=${agent.id}&status=open&overdue=false`)
      .set(ws.auth)
      .expect(200);
    expect(byAssignee.body.items.map((t: { id: string }) => t.id)).toEqual([mine.id]);

    await request(app.ctx.app)
      .patch(`/api/v1/tasks/${queued.id}`)
      .set(ws.auth)
      .send({ assigneeId: agent.id, note: 'Called, voicemail' })
      .expect(200);
    const resolved = await request(app.ctx.app)
      .patch(`/api/v1/tasks/${queued.id}`)
      .set(ws.auth)
      .send({
        status: 'resolved',
        outcome: { reachedCustomer: true, problemFixed: 'partly', sentiment: 'neutral' },
      })
      .expect(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      outcome: { reachedCustomer: true, problemFixed: 'partly', sentiment: 'neutral' },
      assignee: { id: agent.id },
      notes: [{ text: 'Called, voicemail' }],
    });
    expect(resolved.body.firstActionAt).toEqual(expect.any(String));
    expect(resolved.body.history.map((h: { action: string }) => h.action)).toEqual([
      'created',
      'reassigned',
      'note',
      'resolved',
    ]);
    const bad = await request(app.ctx.app)
      .patch(`/api/v1/tasks/${mine.id}`)
      .set(ws.auth)
      .send({ status: 'resolved' })
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'outcome' })]);
    const unknownAnswer = await request(app.ctx.app)
      .patch(`/api/v1/tasks/${mine.id}`)
      .set(ws.auth)
      .send({
        status: 'resolved',
        outcome: { reachedCustomer: true, problemFixed: 'maybe', sentiment: 'neutral' },
      })
      .expect(400);
    expect(unknownAnswer.body.errors).toEqual([
      expect.objectContaining({ path: 'outcome.problemFixed' }),
    ]);
    // The boolean of earlier versions still works: false is "no".
    const legacy = await request(app.ctx.app)
      .patch(`/api/v1/tasks/${mine.id}`)
      .set(ws.auth)
      .send({
        status: 'resolved',
        outcome: { reachedCustomer: false, problemFixed: false, sentiment: 'negative' },
      })
      .expect(200);
    expect(legacy.body.outcome).toMatchObject({ reachedCustomer: false, problemFixed: 'no' });
  });

  it('when tasks tie on their sort time, then lists and pages follow their ids', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const { responseId, contactId } = await storedResponse(app.ctx, ws.workspaceId);
    const at = new Date('2026-10-01T09:00:00Z');
    const [lower, higher] = [new Types.ObjectId(), new Types.ObjectId()];
    const task = (_id: Types.ObjectId) =>
      rawTask(
        {
          workspaceId: ws.workspaceId,
          responseId: new Types.ObjectId(responseId),
          originKey: `tie:${String(_id)}`,
          at,
        },
        { _id, contactId: new Types.ObjectId(contactId) },
      );
    // Stored in the reverse of the order each list must show, so that a store keeping
    // insertion order for equal sort keys would get it wrong without the _id tie-breaker.
    await taskModel(app.ctx.container.mongo).collection.insertMany([task(higher), task(lower)]);
    const first = await request(app.ctx.app).get('/api/v1/tasks?limit=1').set(ws.auth).expect(200);
    const second = await request(app.ctx.app)
      .get(`/api/v1/tasks?limit=1&cursor=${first.body.nextCursor}`)
      .set(ws.auth)
      .expect(200);
    expect([first.body.items[0].id, second.body.items[0].id]).toEqual([
      String(lower),
      String(higher),
    ]);
    expect(second.body.nextCursor).toBeNull();

    // The task page's other tasks of the contact: newest first, the higher id first on a tie.
    await taskModel(app.ctx.container.mongo).collection.deleteMany({ workspaceId: ws.workspaceId });
    await taskModel(app.ctx.container.mongo).collection.insertMany([task(lower), task(higher)]);
    const forContact = await tasks().forContact(manager(ws), contactId);
    expect(forContact.map((t) => t.id)).toEqual([String(higher), String(lower)]);
  });

  it('when a key lacks the tasks scope or belongs to another workspace, then it gets 403 or 404', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const other = await createTestWorkspace(app.ctx, 'Other');
    const task = await newTask(ws, { strategy: 'team_queue', team: 'Support' });
    await request(app.ctx.app).get(`/api/v1/tasks/${task.id}`).set(other.auth).expect(404);
    await request(app.ctx.app)
      .patch(`/api/v1/tasks/${task.id}`)
      .set(other.auth)
      .send({ note: 'x' })
      .expect(404);
    const limited = await createTestWorkspace(app.ctx, 'Limited', ['interactions:write']);
    await request(app.ctx.app).get('/api/v1/tasks').set(limited.auth).expect(403);
  });
});
