import { Types } from 'mongoose';
import request from 'supertest';
import { responseModel } from '../../src/responses/response.model';
import { taskModel } from '../../src/tasks/task.model';
import { userModel } from '../../src/workspaces/users/user.model';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { many, rawTask, seedAnswers } from './reports-helpers';

let ctx: TestContext;
let ws: TestWorkspace;
let aliceId: string;
let bobId: string;

const T0 = new Date('2026-10-07T10:05:00Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const FAR = new Date('2030-01-01T00:00:00Z');

beforeAll(async () => {
  ctx = await startTestContext('reports-followup');
  ws = await createTestWorkspace(ctx);
  const at = '2026-10-07T10:00:00Z';
  const sales = { team: 'Sales', agentId: 'b2', agentName: 'Bob' };
  await seedAnswers(ctx, ws, [
    ...['d1', 'd2', 'd3', 'd4', 'd5'].map((comment) => ({ score: 2, at, comment })),
    { score: 0, at, comment: 'd6', segment: sales },
    ...many(3, 10, at),
    { score: 1, at, type: 'csat' as const, comment: 'csat-unhappy' },
  ]);
  const Users = userModel(ctx.container.mongo);
  const [alice, bob] = await Users.insertMany([
    {
      workspaceId: ws.workspaceId,
      email: 'alice@example.test',
      name: 'Alice',
      role: 'agent',
      teams: ['Support'],
    },
    {
      workspaceId: ws.workspaceId,
      email: 'bob@example.test',
      name: 'Bob',
      role: 'agent',
      teams: ['Sales'],
    },
  ]);
  aliceId = String(alice!._id);
  bobId = String(bob!._id);
  const Responses = responseModel(ctx.container.mongo);
  const idOf = async (comment: string) =>
    (await Responses.findOne({ workspaceId: ws.workspaceId, comment }).lean())!._id;
  const task = async (comment: string, fields: Record<string, unknown>, n = 0) =>
    rawTask(
      {
        workspaceId: ws.workspaceId,
        responseId: await idOf(comment),
        originKey: `${comment}:rule:${n}`,
        at: T0,
      },
      { title: `Follow up ${comment}`, ...fields },
    );
  const asAlice = { assigneeId: alice!._id, assigneeName: 'Alice' };
  // Raw inserts: the timestamps are the test's, not the clock's.
  await taskModel(ctx.container.mongo).collection.insertMany([
    // Reached and fixed in an hour.
    await task('d1', {
      ...asAlice,
      status: 'resolved',
      firstActionAt: later(600),
      resolvedAt: later(3600),
      outcome: { reachedCustomer: true, problemFixed: 'yes' },
    }),
    // Worked on (a note), still open, flagged overdue by the SLA job.
    await task('d2', {
      ...asAlice,
      status: 'in_progress',
      firstActionAt: later(1200),
      notes: [{ authorName: 'Alice', text: 'Left a voicemail', at: later(1200) }],
      overdue: true,
    }),
    // Resolved two days in (after the due date), customer never reached.
    await task('d3', {
      ...asAlice,
      status: 'resolved',
      firstActionAt: later(1800),
      resolvedAt: later(172800),
      outcome: { reachedCustomer: false, problemFixed: 'no' },
    }),
    // Waiting in the team queue, not yet due.
    await task('d4', { dueAt: FAR }),
    // d5 has no task. d6: Bob's, plus a second, later task for Alice (not its follow-up).
    await task('d6', { assigneeId: bob!._id, assigneeName: 'Bob', team: 'Sales', dueAt: FAR }),
    await task('d6', { ...asAlice, team: 'Sales', dueAt: FAR, createdAt: later(60) }, 1),
  ]);
});
afterAll(() => ctx.close());

const followup = (query: Record<string, string>, auth = ws.auth) =>
  request(ctx.app).get('/api/v1/reports/followup').query(query).set(auth);
const RANGE = { from: '2026-10-01', to: '2026-10-31' };

const ALICE_FIGURES = {
  detractors: 3,
  withTask: 3,
  contacted: 2,
  resolved: 1,
  resolvedWithoutContact: 1,
  shares: { withTask: 100, contacted: 66.7, resolved: 33.3 },
  timeToFirstAction: { n: 3, median: 1200, p90: 1800 },
  timeToResolution: { n: 2, median: 3600, p90: 172800 },
  slaBreaches: 2,
};

describe('GET /api/v1/reports/followup', () => {
  it('when detractors have tasks in every state, then the funnel, times and breaches add up', async () => {
    const res = await followup({ type: 'nps', ...RANGE }).expect(200);
    expect(res.body).toMatchObject({
      type: 'nps',
      category: 'detractor',
      groupBy: null,
      groups: [],
      from: '2026-09-30T22:00:00.000Z',
    });
    expect(res.body.overall).toEqual({
      detractors: 6,
      withTask: 5,
      contacted: 2,
      resolved: 1,
      resolvedWithoutContact: 1,
      shares: { withTask: 83.3, contacted: 33.3, resolved: 16.7 },
      timeToFirstAction: { n: 3, median: 1200, p90: 1800 },
      timeToResolution: { n: 2, median: 3600, p90: 172800 },
      slaBreaches: 2,
    });
  });

  it('when grouped by agent, then each assignee gets their follow-ups and the queue is unassigned', async () => {
    const res = await followup({ type: 'nps', ...RANGE, groupBy: 'agent' }).expect(200);
    const byKey = Object.fromEntries(
      res.body.groups.map((g: { key: string | null }) => [String(g.key), g]),
    );
    expect(Object.keys(byKey).sort()).toEqual([aliceId, bobId, 'null'].sort());
    expect(byKey[aliceId]).toMatchObject({ label: 'Alice', ...ALICE_FIGURES });
    expect(byKey[bobId]).toMatchObject({
      label: 'Bob',
      detractors: 1,
      withTask: 1,
      slaBreaches: 0,
    });
    expect(byKey.null).toMatchObject({ label: '(unassigned)', detractors: 2, withTask: 1 });
    expect(res.body.groups.at(-1).key).toBeNull();
  });

  it('when two tasks of one answer were created in the same millisecond, then the lower id is its follow-up', async () => {
    const own = await createTestWorkspace(ctx);
    await seedAnswers(ctx, own, [{ score: 1, at: '2026-10-07T10:00:00Z', comment: 'tie' }]);
    const response = await responseModel(ctx.container.mongo)
      .findOne({ workspaceId: own.workspaceId })
      .lean();
    const [lower, higher] = [new Types.ObjectId(), new Types.ObjectId()];
    const [first, second] = [new Types.ObjectId(), new Types.ObjectId()];
    const task = (_id: Types.ObjectId, assigneeId: Types.ObjectId, n: number) =>
      rawTask(
        { workspaceId: own.workspaceId, responseId: response!._id, originKey: `tie:${n}`, at: T0 },
        { _id, assigneeId, assigneeName: String(assigneeId), dueAt: FAR },
      );
    // Stored in the reverse of their id order: the join lists them as stored.
    await taskModel(ctx.container.mongo).collection.insertMany([
      task(higher, second, 1),
      task(lower, first, 0),
    ]);
    const res = await followup({ type: 'nps', ...RANGE, groupBy: 'agent' }, own.auth).expect(200);
    expect(res.body.groups.map((g: { key: string }) => g.key)).toEqual([String(first)]);
  });

  it('when grouped by team, then an answer without a task counts in its own team', async () => {
    const res = await followup({ type: 'nps', ...RANGE, groupBy: 'team' }).expect(200);
    expect(
      res.body.groups.map((g: { key: string; detractors: number; withTask: number }) => [
        g.key,
        g.detractors,
        g.withTask,
      ]),
    ).toEqual([
      ['Sales', 1, 1],
      ['Support', 5, 4],
    ]);
  });

  it('when another survey type or an empty range is asked, then only its unhappy answers count', async () => {
    const csat = await followup({ type: 'csat', ...RANGE }).expect(200);
    expect(csat.body.category).toBe('unsatisfied');
    expect(csat.body.overall).toMatchObject({
      detractors: 1,
      withTask: 0,
      shares: { withTask: 0 },
    });
    const none = await followup({ type: 'nps', from: '2026-01-01', to: '2026-01-31' }).expect(200);
    expect(none.body.overall).toMatchObject({
      detractors: 0,
      shares: { withTask: null, contacted: null, resolved: null },
      timeToFirstAction: { n: 0, median: null, p90: null },
    });
  });

  it.each`
    query                                                    | path
    ${{ ...RANGE }}                                          | ${'type'}
    ${{ type: 'nps', groupBy: 'channel' }}                   | ${'groupBy'}
    ${{ type: 'nps', from: '2026-10-31', to: '2026-10-01' }} | ${'from'}
    ${{ type: 'nps', color: 'red' }}                         | ${'color'}
  `('when $query, then 400 problem+json naming $path', async ({ query, path }) => {
    const res = await followup(query).expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('when there is no key, then 401; another workspace sees none of these answers', async () => {
    await request(ctx.app).get('/api/v1/reports/followup?type=nps').expect(401);
    const other = await createTestWorkspace(ctx, 'Other');
    const res = await followup({ type: 'nps', ...RANGE }, other.auth).expect(200);
    expect(res.body.overall.detractors).toBe(0);
  });
});
