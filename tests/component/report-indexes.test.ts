import request from 'supertest';
import { createTestWorkspace, type TestContext, type TestWorkspace } from '../support/harness';
import { startRecordingContext } from '../support/command-recorder';
import { testEnv } from '../support/test-env';
import { many, seedAnswers, seedUnanswered } from './reports-helpers';

/**
 * Every find and aggregate a report sends must start with a filter an index serves: the test
 * records the commands the driver sends while the real routes answer, asks the server to
 * explain each one, and fails on any collection scan. (On the in-process test server the
 * explain names the index its in-memory maps select; on a real MongoDB, mongod's own plan.)
 */

const READ_COLLECTIONS = new Set(['responses', 'invitations', 'interactions', 'tasks']);
const RANGE = { from: '2026-10-01', to: '2026-10-31' };
/** Fields the driver adds to a command that mongod refuses inside `explain`. */
const SESSION_FIELDS = new Set([
  'lsid',
  'txnNumber',
  'autocommit',
  'readConcern',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
]);

interface Recorded {
  step: string;
  collection: string;
  command: Record<string, unknown>;
}

/** A context whose driver reports each command it sends, and the list it records into. */
async function monitoredContext(label: string, env: Record<string, string> = {}) {
  const { ctx, recorded, during } = await startRecordingContext(
    label,
    testEnv(label).MONGODB_URI!,
    env,
    (event): Omit<Recorded, 'step'> | null => {
      const collection: unknown = event.command[event.commandName];
      if (!['find', 'aggregate'].includes(event.commandName)) return null;
      if (typeof collection !== 'string') return null;
      if (!READ_COLLECTIONS.has(collection) && !collection.includes('rollup')) return null;
      return { collection, command: { ...event.command } };
    },
  );
  return { ctx, recorded: recorded as Recorded[], during };
}

/** The stages of the winning plan, e.g. ["FETCH", "IXSCAN workspaceId_1_surveyType_1_answeredAt_-1__id_-1"]. */
async function planOf(ctx: TestContext, r: Recorded): Promise<string[]> {
  const inner = Object.fromEntries(
    Object.entries(r.command).filter(([k]) => !k.startsWith('$') && !SESSION_FIELDS.has(k)),
  );
  if ('aggregate' in inner) inner.cursor = {};
  const reply = await ctx.container.mongo.db!.command({
    explain: inner,
    verbosity: 'queryPlanner',
  });
  const stages = reply.stages as { $cursor?: { queryPlanner?: unknown } }[] | undefined;
  const planner = (reply.queryPlanner ?? stages?.[0]?.$cursor?.queryPlanner) as
    { winningPlan?: unknown } | undefined;
  const names: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const s = node as Record<string, unknown>;
    if (typeof s.stage === 'string') {
      const key = s.keyPattern ? Object.keys(s.keyPattern as object)[0] : undefined;
      names.push([s.stage, s.indexName, key && `(${key})`].filter(Boolean).join(' '));
    }
    walk(s.queryPlan);
    walk(s.inputStage);
    for (const child of (s.inputStages as unknown[] | undefined) ?? []) walk(child);
  };
  walk(planner?.winningPlan);
  return names;
}

/** Commands whose plan reads no index led by workspaceId (or _id): the test's failures. */
async function unserved(ctx: TestContext, recorded: Recorded[]) {
  const out: string[] = [];
  for (const r of recorded) {
    const plan = await planOf(ctx, r);
    const indexed = plan.some((s) =>
      /^(IXSCAN|EXPRESS_IXSCAN|IDHACK)\b.*\((workspaceId|_id)\)/.test(s),
    );
    if (!indexed || plan.some((s) => s.startsWith('COLLSCAN')))
      out.push(`${r.step} → ${r.collection}: ${plan.join(' ← ') || '(no plan)'}`);
  }
  return out;
}

/** Two workspaces with the same kind of data, so an index on workspaceId always narrows. */
async function seed(ctx: TestContext, ws: TestWorkspace) {
  const at = '2026-10-07T10:00:00Z';
  const sales = { team: 'Sales', agentId: 'b2', agentName: 'Bob', product: 'Basic' };
  await seedAnswers(ctx, ws, [
    ...many(6, 10, at, { comment: 'Great' }),
    ...many(4, 2, at, { comment: 'Nobody called back', segment: { revenue: 120 } }),
    ...many(3, 8, at, { segment: sales }),
    ...many(3, 1, '2026-10-14T09:00:00Z', { segment: sales, comment: 'Bad' }),
    ...many(2, 4, at, { type: 'csat' }),
  ]);
  await seedUnanswered(ctx, ws, 5, '2026-10-06T10:00:00Z');
}

describe('report queries use indexes', () => {
  let monitored: Awaited<ReturnType<typeof monitoredContext>>;
  let ws: TestWorkspace;
  beforeAll(async () => {
    monitored = await monitoredContext('report-indexes', { REPORT_ROLLUPS: 'off' });
    const { ctx } = monitored;
    ws = await createTestWorkspace(ctx, 'Indexed');
    await seed(ctx, ws);
    await seed(ctx, await createTestWorkspace(ctx, 'Other'));
  });
  afterAll(() => monitored.ctx.close());

  it('when every report is asked for, then each find and aggregate it sends is served by an index', async () => {
    const { ctx, recorded, during } = monitored;
    const get = (
      path: string,
      query: Record<string, string> = {},
      base: Record<string, string> = { type: 'nps', ...RANGE },
    ) =>
      request(ctx.app)
        .get(`/api/v1/reports/${path}`)
        .query({ ...base, ...query })
        .set(ws.auth)
        .expect(200);
    const steps: [string, () => Promise<unknown>][] = [
      ['summary', () => get('summary')],
      [
        'summary by team, product filter',
        () => get('summary', { groupBy: 'team', 'filter[product]': 'Pro' }),
      ],
      ['summary by agent', () => get('summary', { groupBy: 'agent' })],
      ['summary by week', () => get('summary', { groupBy: 'week' })],
      ['trend', () => get('trend', { period: 'week' })],
      ['distribution', () => get('distribution')],
      ['followup', () => get('followup', { groupBy: 'team' })],
      ['volume', () => get('volume')],
      ['volume, all types', () => get('volume', {}, RANGE)],
      ['revenue', () => get('revenue', { groupBy: 'region' })],
      ['sample', () => get('sample', { week: '2026-W41' }, { type: 'nps' })],
      ['agent card', () => get('agents/a1')],
      ['summary CSV', () => get('summary.csv', { groupBy: 'team' })],
      ['responses CSV', () => get('responses.csv')],
      [
        'latest comments',
        () =>
          ctx.container.services.reports.comments(ws.workspaceId, {
            type: 'nps',
            ...RANGE,
            filters: {},
            category: 'detractor',
          }),
      ],
    ];
    for (const [name, fn] of steps) await during(name, fn);

    // Every step reached the database, so none passes for want of a query.
    expect(steps.map(([name]) => name).filter((n) => !recorded.some((r) => r.step === n))).toEqual(
      [],
    );
    const collections = new Set(recorded.map((r) => r.collection));
    expect(collections.has('responses') && collections.has('invitations')).toBe(true);
    expect(await unserved(ctx, recorded)).toEqual([]);
  });
});

describe('rollup reads use indexes', () => {
  let monitored: Awaited<ReturnType<typeof monitoredContext>>;
  let ws: TestWorkspace;
  beforeAll(async () => {
    monitored = await monitoredContext('report-rollup-indexes', { REPORT_ROLLUPS: 'on' });
    const { ctx } = monitored;
    ws = await createTestWorkspace(ctx, 'Rolled up');
    const other = await createTestWorkspace(ctx, 'Other');
    await seed(ctx, ws);
    await seed(ctx, other);
    await ctx.container.services.reportRollups.refresh();
  });
  afterAll(() => monitored.ctx.close());

  it('when reports read daily rollups, then the rollup reads are served by an index too', async () => {
    const { ctx, recorded, during } = monitored;
    const get = (path: string, query: Record<string, string> = {}) =>
      request(ctx.app)
        .get(`/api/v1/reports/${path}`)
        .query({ type: 'nps', ...RANGE, ...query })
        .set(ws.auth)
        .expect(200);
    await during('summary', () => get('summary'));
    await during('summary by team', () => get('summary', { groupBy: 'team' }));
    await during('trend', () => get('trend', { period: 'week' }));
    await during('distribution', () => get('distribution'));

    expect(recorded.filter((r) => r.collection.includes('rollup')).length).toBeGreaterThan(0);
    expect(await unserved(ctx, recorded)).toEqual([]);
  });
});
