import request from 'supertest';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { waitFor } from '../support/wait-for';
import { answer, linkInvitation } from './landing-helpers';
import { addUser } from './rules-helpers';

/** An agent given only by e-mail is the workspace user with that e-mail, everywhere. */
let ctx: TestContext;
let workers: RunningWorkers;
beforeAll(async () => {
  ctx = await startTestContext('agent-identity');
  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
});
afterAll(async () => {
  await workers.close();
  await ctx.close();
});

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const range = () => ({ from: day(-1), to: day(1) });

async function answered(ws: TestWorkspace, agent: Record<string, string>, score: string) {
  const inv = await linkInvitation(ctx, ws, {
    type: 'nps',
    locale: 'en',
    extra: { agent, team: 'Support' },
  });
  await answer(ctx, inv, { score }, 303);
}

describe('agent given only by e-mail', () => {
  it('when an interaction names its agent only by e-mail, then the detractor task goes to that user and the per-agent report and card group the answer with those carrying the user id', async () => {
    const ws = await createTestWorkspace(ctx);
    const ana = await addUser(ctx, ws.workspaceId, 'agent', ['Support'], 'ana');
    await answered(ws, { email: ana.email.toUpperCase(), name: 'Ana' }, '2');
    await answered(ws, { id: ana.id, name: 'Ana' }, '10');

    const task = await waitFor(
      () => ctx.container.mongo.collection('tasks').findOne({ workspaceId: ws.workspaceId }),
      'the task',
    );
    expect(String(task.assigneeId)).toBe(ana.id);

    const byAgent = await request(ctx.app)
      .get('/api/v1/reports/summary')
      .query({ type: 'nps', groupBy: 'agent', ...range() })
      .set(ws.auth)
      .expect(200);
    expect(
      (byAgent.body.groups as { key: string | null; n: number; responseRate: number | null }[]).map(
        (g) => [g.key, g.n, g.responseRate],
      ),
    ).toEqual([[ana.id, 2, 100]]);

    const card = await request(ctx.app)
      .get(`/api/v1/reports/agents/${encodeURIComponent(ana.email)}`)
      .query({ type: 'nps', ...range() })
      .set(ws.auth)
      .expect(200);
    expect(card.body.agent).toMatchObject({ id: ana.id, userId: ana.id });
    expect(card.body.score.n).toBe(2);
  });

  it('when no user has the agent e-mail, then the answers carry the e-mail, lower-cased, and the task falls to the team queue', async () => {
    const ws = await createTestWorkspace(ctx);
    await answered(ws, { email: 'Nobody@Example.com' }, '1');
    const task = await waitFor(
      () => ctx.container.mongo.collection('tasks').findOne({ workspaceId: ws.workspaceId }),
      'the task',
    );
    expect(task).toMatchObject({ assigneeId: null, team: 'Support' });
    const response = await ctx.container.mongo
      .collection('responses')
      .findOne({ workspaceId: ws.workspaceId });
    expect(response?.segment.agentId).toBe('nobody@example.com');
  });
});
