import request from 'supertest';
import { DateTime } from 'luxon';
import { contactModel } from '../../src/contacts/contact.model';
import { seedDemoHistory } from '../../src/demo/seed-history';
import { seedDemoPeopleAndHistory } from '../../src/demo/seed-history-fixture';
import { interactionModel } from '../../src/interactions/interaction.model';
import { invitationModel } from '../../src/invitations/invitation.model';
import { responseModel } from '../../src/responses/response.model';
import { taskModel } from '../../src/tasks/task.model';
import { scoreCategory, type ScoreCategory } from '../../src/responses';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { FAST_HASHING } from './auth-helpers';

let ctx: TestContext;
let ws: TestWorkspace;
let seeded: Awaited<ReturnType<typeof seedDemoPeopleAndHistory>>;
const now = new Date();
const DAY = 86_400_000;
let queuedBefore: Record<string, number>;

/** Jobs waiting, delayed or running, per queue. */
async function queuedJobs(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const queue of Object.values(ctx.container.queues)) {
    const c = await queue.getJobCounts('waiting', 'delayed', 'active');
    counts[queue.name] = (c.waiting ?? 0) + (c.delayed ?? 0) + (c.active ?? 0);
  }
  return counts;
}

beforeAll(async () => {
  ctx = await startTestContext('demo-history', FAST_HASHING);
  ws = await createTestWorkspace(ctx, 'Acme (demo)');
  queuedBefore = await queuedJobs();
  seeded = await seedDemoPeopleAndHistory(
    { users: ctx.container.services.users, conn: ctx.container.mongo },
    ws.workspaceId,
    { now },
  );
}, 120_000);
afterAll(() => ctx.close());

const collection = (name: string) => ctx.container.mongo.collection(name);
const mine = () => ({ workspaceId: ws.workspaceId });
/** The history's whole range as report dates in the workspace's zone. */
const range = () => {
  const zone = ws.workspace.timezone;
  return {
    from: DateTime.fromJSDate(new Date(+now - 12 * 7 * DAY), { zone }).toISODate()!,
    to: DateTime.fromJSDate(now, { zone }).toISODate()!,
  };
};

interface StoredResponse {
  surveyType: 'nps' | 'csat' | 'ces';
  scale: { min: number; max: number };
  direction: 'higher_better' | 'lower_better';
  score: number;
  category: string;
  answeredAt: Date;
  segment: { agentId: string | null; agentName: string | null; attributes: { demo?: boolean } };
}

describe('demo history (npm run dev)', () => {
  it('when seeded, then a few thousand answers spread over the 12 weeks up to now', async () => {
    const responses = await collection('responses').countDocuments(mine());
    expect(seeded.history).toMatchObject({ seeded: true, weeks: 12, responses });
    expect(responses).toBeGreaterThanOrEqual(2000);
    expect(responses).toBeLessThanOrEqual(4000);
    const [first] = await collection('responses')
      .find(mine())
      .sort({ answeredAt: 1 })
      .limit(1)
      .toArray();
    const [last] = await collection('responses')
      .find(mine())
      .sort({ answeredAt: -1 })
      .limit(1)
      .toArray();
    expect(+first!.answeredAt).toBeGreaterThanOrEqual(+now - 12 * 7 * DAY);
    expect(+first!.answeredAt).toBeLessThan(+now - 11.5 * 7 * DAY);
    expect(+last!.answeredAt).toBeLessThanOrEqual(+now);
    expect(+last!.answeredAt).toBeGreaterThan(+now - 2 * DAY);
    // Invitations: every channel, some failed, an answer rate around 30–45 %.
    const invitations = await collection('invitations').countDocuments(mine());
    expect(await collection('interactions').countDocuments(mine())).toBe(invitations);
    expect((await collection('invitations').distinct('channel', mine())).sort()).toEqual([
      'email',
      'link',
      'sms',
      'whatsapp',
    ]);
    expect(
      await collection('invitations').countDocuments({ ...mine(), status: 'failed' }),
    ).toBeGreaterThan(0);
    expect(responses / invitations).toBeGreaterThan(0.3);
    expect(responses / invitations).toBeLessThan(0.45);
  });

  it('when seeded, then NPS, CSAT and CES answers sit on their survey scales with the categories answering records', async () => {
    const surveys = await collection('surveys')
      .find({ ...mine(), isDefault: true })
      .toArray();
    const responses = (await collection('responses')
      .find(mine())
      .toArray()) as unknown as StoredResponse[];
    expect([...new Set(responses.map((r) => r.surveyType))].sort()).toEqual(['ces', 'csat', 'nps']);
    for (const r of responses) {
      const survey = surveys.find((s) => s.type === r.surveyType)!;
      expect(r.scale).toEqual({ min: survey.scale.min, max: survey.scale.max });
      expect(r.direction).toBe(survey.direction);
      expect(r.category).toBe(
        scoreCategory({ type: r.surveyType, scale: r.scale, direction: r.direction }, r.score),
      );
    }
    const categories = new Set(responses.map((r) => r.category as ScoreCategory));
    for (const c of [
      'promoter',
      'passive',
      'detractor',
      'satisfied',
      'unsatisfied',
      'easy',
      'hard',
    ] as const) {
      expect(categories).toContain(c);
    }
    const comments = await collection('responses').countDocuments({
      ...mine(),
      comment: { $type: 'string' },
    });
    expect(comments).toBeGreaterThan(responses.length / 5);
    expect(
      await collection('responses').countDocuments({ ...mine(), comment: /[éèàçê]/ }),
    ).toBeGreaterThan(0);
  });

  it('when seeded, then every document passes its collection schema, as if written by the flows', async () => {
    const conn = ctx.container.mongo;
    const models = [
      contactModel(conn),
      interactionModel(conn),
      invitationModel(conn),
      responseModel(conn),
      taskModel(conn),
    ];
    for (const model of models) {
      // A sample: the oldest few hundred documents of each collection.
      const stored = await model.collection.find(mine()).limit(400).toArray();
      expect(stored.length).toBeGreaterThan(0);
      const invalid = stored
        .map((doc) => new model(doc).validateSync())
        .filter((error) => error !== undefined);
      expect({ model: model.modelName, invalid }).toEqual({ model: model.modelName, invalid: [] });
    }
  });

  it('when seeded, then everything is marked as demo data and the workspace says so', async () => {
    const interactions = await collection('interactions')
      .find(mine())
      .project({ externalId: 1, attributes: 1 })
      .toArray();
    expect(
      interactions.every(
        (i) => String(i.externalId).startsWith('demo-') && i.attributes.demo === true,
      ),
    ).toBe(true);
    expect(
      await collection('responses').countDocuments({
        ...mine(),
        'segment.attributes.demo': { $ne: true },
      }),
    ).toBe(0);
    expect(
      await collection('contacts').countDocuments({ ...mine(), 'attributes.demo': { $ne: true } }),
    ).toBe(0);
    const workspace = await request(ctx.app).get('/api/v1/workspace').set(ws.auth).expect(200);
    expect(Date.parse(workspace.body.demoHistorySeededAt)).toBe(+now);
  });

  it('when seeded, then nothing was queued: no message is sent and no rule runs for demo answers', async () => {
    expect(await queuedJobs()).toEqual(queuedBefore);
  });

  it('when seeding runs again, or twice at once, then no second history is added', async () => {
    const before = await collection('responses').countDocuments(mine());
    const again = await seedDemoHistory(ctx.container.mongo, ws.workspaceId);
    expect(again).toMatchObject({ seeded: false, responses: 0 });
    expect(await collection('responses').countDocuments(mine())).toBe(before);

    const other = await createTestWorkspace(ctx, 'Race');
    const results = await Promise.all([
      seedDemoHistory(ctx.container.mongo, other.workspaceId, { weeks: 1, now }),
      seedDemoHistory(ctx.container.mongo, other.workspaceId, { weeks: 1, now }),
    ]);
    expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
    const winner = results.find((r) => r.seeded)!;
    expect(await collection('responses').countDocuments({ workspaceId: other.workspaceId })).toBe(
      winner.responses,
    );
  });

  it('when the weekly NPS summary is asked through the API, then most weeks have a score with its interval', async () => {
    const res = await request(ctx.app)
      .get('/api/v1/reports/summary')
      .query({ type: 'nps', groupBy: 'week', ...range() })
      .set(ws.auth)
      .expect(200);
    expect(res.body.overall.score).not.toBeNull();
    expect(res.body.overall.responseRate).toBeGreaterThan(30);
    const scored = (
      res.body.groups as { score: number | null; ci95: [number, number] | null; n: number }[]
    ).filter(
      (g) => g.score !== null && g.ci95 !== null && g.ci95[0] <= g.score && g.score <= g.ci95[1],
    );
    expect(scored.length).toBeGreaterThanOrEqual(11);
  });

  it('when the NPS trend is asked, then the bad week shows as a significant change', async () => {
    const res = await request(ctx.app)
      .get('/api/v1/reports/trend')
      .query({ type: 'nps', period: 'week', ...range() })
      .set(ws.auth)
      .expect(200);
    const changes = (
      res.body.periods as { change: { significant: boolean; difference: number } | null }[]
    )
      .map((p) => p.change)
      .filter((c) => c?.significant);
    expect(changes.some((c) => c!.difference < 0)).toBe(true);
    expect(changes.some((c) => c!.difference > 0)).toBe(true);
  });

  it('when the follow-up report is asked, then detractors have tasks: some open, some overdue, most resolved', async () => {
    const res = await request(ctx.app)
      .get('/api/v1/reports/followup')
      .query({ type: 'nps', ...range() })
      .set(ws.auth)
      .expect(200);
    const o = res.body.overall;
    expect(o.detractors).toBeGreaterThan(o.withTask);
    expect(o.withTask).toBeGreaterThan(o.resolved);
    expect(o.resolved).toBeGreaterThan(o.withTask / 2);
    expect(o.contacted).toBeGreaterThan(0);
    expect(o.slaBreaches).toBeGreaterThan(0);
    expect(o.timeToFirstAction.median).not.toBeNull();
    expect(o.timeToResolution.p90).not.toBeNull();
    expect(await collection('tasks').countDocuments({ ...mine(), status: 'open' })).toBeGreaterThan(
      0,
    );
  });

  it('when answers name an agent, then it is a demo agent user, whose report card opens', async () => {
    const agents = await collection('users')
      .find({ ...mine(), role: 'agent' })
      .toArray();
    expect(agents.map((a) => a.email).sort()).toEqual(
      seeded.users
        .filter((u) => u.role === 'agent')
        .map((u) => u.email)
        .sort(),
    );
    const named = await collection('responses')
      .aggregate<{ _id: { id: string; name: string } }>([
        { $match: { ...mine(), 'segment.agentId': { $ne: null } } },
        { $group: { _id: { id: '$segment.agentId', name: '$segment.agentName' } } },
      ])
      .toArray();
    expect(named.map((n) => n._id).sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      agents
        .map((a) => ({ id: String(a._id), name: a.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
    const taskAssignees = await collection('tasks').distinct('assigneeId', {
      ...mine(),
      assigneeId: { $ne: null },
    });
    expect(taskAssignees.map(String).sort()).toEqual(agents.map((a) => String(a._id)).sort());
    for (const agent of agents) {
      const card = await request(ctx.app)
        .get(`/api/v1/reports/agents/${String(agent._id)}`)
        .query({ type: 'nps', ...range() })
        .set(ws.auth)
        .expect(200);
      expect(card.body.agent).toMatchObject({ userId: String(agent._id), name: agent.name });
      expect(card.body.score.n).toBeGreaterThan(100);
      expect(card.body.followup.withTask).toBeGreaterThan(0);
      expect(card.body.recentComments.length).toBeGreaterThan(0);
    }
  });
});
