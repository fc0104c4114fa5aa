import request from 'supertest';
import { Types } from 'mongoose';
import { responseModel } from '../../src/responses/response.model';
import { scoreChange, scoreFigures } from '../../src/reports/score-figures';
import { taskModel } from '../../src/tasks/task.model';
import { userModel } from '../../src/workspaces/users/user.model';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { many, seedAnswers, seedUnanswered } from './reports-helpers';

let ctx: TestContext;
let ws: TestWorkspace;
let aliceUserId: string;

const ALICE = 'alice@example.test';
const alice = { agentId: ALICE, agentName: 'Alice', team: 'Support' };
const carol = { agentId: 'c3', agentName: 'Carol', team: 'Support' };
const bob = { agentId: 'b2', agentName: 'Bob', team: 'Sales' };
const NPS = { scale: { min: 0, max: 10 }, direction: 'higher_better' as const };

beforeAll(async () => {
  ctx = await startTestContext('reports-agents');
  ws = await createTestWorkspace(ctx);
  const at = '2026-10-05T10:00:00Z';
  // Alice: 8 promoters, then one commented answer a day from Oct 1 to Oct 7.
  const commented = [10, 2, 9, 3, 10, 8, 1].map((score, i) => ({
    score,
    at: `2026-10-0${i + 1}T12:00:00Z`,
    comment: `c${i + 1}`,
    segment: alice,
  }));
  await seedAnswers(ctx, ws, [
    ...many(8, 10, at, { segment: alice }),
    ...commented,
    ...many(5, 9, at, { segment: carol }),
    ...many(10, 4, at, { segment: carol }),
    ...many(5, 10, at, { segment: bob }),
  ]);
  await seedUnanswered(ctx, ws, 15, '2026-10-06T10:00:00Z', { segment: alice });
  const [user] = await userModel(ctx.container.mongo).insertMany([
    {
      workspaceId: ws.workspaceId,
      email: ALICE,
      name: 'Alice A.',
      role: 'agent',
      teams: ['Support'],
    },
  ]);
  aliceUserId = String(user!._id);
  const response = await responseModel(ctx.container.mongo)
    .findOne({ workspaceId: ws.workspaceId, comment: 'c7' })
    .lean();
  const created = new Date('2026-10-07T12:01:00Z');
  await taskModel(ctx.container.mongo).collection.insertMany([
    {
      _id: new Types.ObjectId(),
      workspaceId: ws.workspaceId,
      originKey: 'c7:rule:0',
      responseId: response!._id,
      title: 'Call back',
      status: 'resolved',
      priority: 'normal',
      assigneeId: user!._id,
      assigneeName: 'Alice A.',
      team: 'Support',
      dueAt: new Date('2026-10-08T12:00:00Z'),
      overdue: false,
      notes: [],
      outcome: { reachedCustomer: true, problemFixed: 'partly' },
      firstActionAt: new Date('2026-10-07T12:11:00Z'),
      resolvedAt: new Date('2026-10-07T13:01:00Z'),
      history: [],
      createdAt: created,
      updatedAt: created,
    },
  ]);
});
afterAll(() => ctx.close());

const card = (id: string, query: Record<string, string>, auth = ws.auth) =>
  request(ctx.app)
    .get(`/api/v1/reports/agents/${encodeURIComponent(id)}`)
    .query(query)
    .set(auth);
const RANGE = { from: '2026-10-01', to: '2026-10-31' };
const sums = (p: number, pa: number, d: number, sum: number, sumSq: number) => ({
  n: p + pa + d,
  sum,
  sumSq,
  counts: { promoter: p, passive: pa, detractor: d },
});

describe('GET /api/v1/reports/agents/:id', () => {
  it('when the agent has answers, a team and a follow-up, then the card holds them all', async () => {
    const res = await card(ALICE, { type: 'nps', ...RANGE }).expect(200);
    const scores = [...Array(8).fill(10), 10, 2, 9, 3, 10, 8, 1] as number[];
    const a = sums(
      11,
      1,
      3,
      scores.reduce((s, x) => s + x, 0),
      scores.reduce((s, x) => s + x * x, 0),
    );
    const rest = sums(5, 0, 10, 5 * 9 + 10 * 4, 5 * 81 + 10 * 16);
    const team = sums(16, 1, 13, a.sum + rest.sum, a.sumSq + rest.sumSq);
    expect(res.body.agent).toEqual({
      id: ALICE,
      name: 'Alice',
      userId: aliceUserId,
      team: 'Support',
    });
    expect(res.body.score).toEqual({ ...scoreFigures('nps', a, NPS), responseRate: 50 });
    expect(res.body.score.n).toBe(15);
    expect(res.body.responseRate).toBe(50);
    expect(res.body.team).toEqual({
      name: 'Support',
      score: scoreFigures('nps', team, NPS),
      restOfTeam: scoreFigures('nps', rest, NPS),
      difference: scoreChange('nps', a, rest),
    });
    expect(res.body.team.difference.significant).toBe(true);
    expect(res.body.followup).toMatchObject({
      detractors: 1,
      withTask: 1,
      contacted: 1,
      resolved: 1,
      timeToFirstAction: { n: 1, median: 600, p90: 600 },
      timeToResolution: { n: 1, median: 3600, p90: 3600 },
      slaBreaches: 0,
    });
    expect(res.body.recentComments.map((c: { comment: string }) => c.comment)).toEqual([
      'c7',
      'c6',
      'c5',
      'c4',
      'c3',
    ]);
    expect(res.body.recentComments[0]).toMatchObject({
      score: 1,
      category: 'detractor',
      answeredAt: '2026-10-07T12:00:00.000Z',
    });
  });

  it('when the agent is known only from answers, then the card has no follow-up of theirs', async () => {
    const res = await card('c3', { type: 'nps', ...RANGE }).expect(200);
    expect(res.body.agent).toEqual({ id: 'c3', name: 'Carol', userId: null, team: 'Support' });
    expect(res.body.score).toMatchObject({ n: 15, score: -33 });
    expect(res.body.followup).toMatchObject({ detractors: 0, withTask: 0 });
  });

  it("when the agent's two latest answers share their time, then name and team come from the later stored (higher id)", async () => {
    const own = await createTestWorkspace(ctx);
    const at = '2026-10-09T12:00:00Z';
    await seedAnswers(ctx, own, [
      { score: 9, at, segment: { agentId: 'd4', agentName: 'Dee', team: 'Support' } },
      { score: 9, at, segment: { agentId: 'd4', agentName: 'Dee R.', team: 'Sales' } },
    ]);
    const stored = await responseModel(ctx.container.mongo)
      .find({ workspaceId: own.workspaceId })
      .sort({ _id: 1 })
      .lean();
    // The precondition the test rests on: the renamed answer was stored second, with the higher
    // id, so a store keeping insertion order for equal times returns the other one first.
    expect(stored.map((r) => r.segment?.agentName)).toEqual(['Dee', 'Dee R.']);
    const res = await card('d4', { type: 'nps', ...RANGE }, own.auth).expect(200);
    expect(res.body.agent).toEqual({ id: 'd4', name: 'Dee R.', userId: null, team: 'Sales' });
  });

  it('when the agent is unknown here, then 404 problem+json, also from another workspace', async () => {
    const res = await card('nobody', { type: 'nps' }).expect(404);
    expect(res.type).toBe('application/problem+json');
    const other = await createTestWorkspace(ctx, 'Other');
    await card(ALICE, { type: 'nps' }, other.auth).expect(404);
  });

  it.each`
    query                               | path
    ${{ ...RANGE }}                     | ${'type'}
    ${{ type: 'nps', groupBy: 'team' }} | ${'groupBy'}
    ${{ type: 'nps', from: 'soon' }}    | ${'from'}
  `('when $query, then 400 problem+json naming $path', async ({ query, path }) => {
    const res = await card(ALICE, query).expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('when there is no key, then 401', async () => {
    await request(ctx.app).get(`/api/v1/reports/agents/c3?type=nps`).expect(401);
  });
});

describe('GET /api/v1/reports/summary.csv', () => {
  it('when grouped by agent, then a BOM, the header, the overall row and one row per agent', async () => {
    const res = await request(ctx.app)
      .get('/api/v1/reports/summary.csv')
      .query({ type: 'nps', ...RANGE, groupBy: 'agent' })
      .set(ws.auth)
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => done(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toContain('summary-nps.csv');
    const text = res.body as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('key,label,score,n,ci_low,ci_high,response_rate,low_n');
    expect(lines[1]).toMatch(/^,Overall,/);
    const json = await request(ctx.app)
      .get('/api/v1/reports/summary')
      .query({ type: 'nps', ...RANGE, groupBy: 'agent' })
      .set(ws.auth)
      .expect(200);
    const o = json.body.overall;
    expect(lines[1]).toBe(
      `,Overall,${o.score},${o.n},${o.ci95[0]},${o.ci95[1]},${o.responseRate},${o.lowN}`,
    );
    expect(lines.slice(2, -1).map((l) => l.split(',')[0])).toEqual(
      json.body.groups.map((g: { key: string }) => g.key),
    );
    expect(lines.at(-1)).toBe('');
  });

  it('when the query is bad, then 400 problem+json naming the parameter', async () => {
    const res = await request(ctx.app)
      .get('/api/v1/reports/summary.csv?type=nps&groupBy=colour')
      .set(ws.auth)
      .expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('groupBy');
  });
});
