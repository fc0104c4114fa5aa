import { MongoClient } from 'mongodb';
import request from 'supertest';
import { startMongoServer } from '../../dev/mongo-server';
import { createTestWorkspace, type TestContext } from '../support/harness';
import { startRecordingContext } from '../support/command-recorder';
import { uniqueName, withDatabase } from '../support/test-env';
import { answer, linkInvitation } from './landing-helpers';
import { many, seedAnswers, seedUnanswered } from './reports-helpers';

/**
 * MONGODB_REPORTS_READ_PREFERENCE reaches the wire: drivers send `$readPreference` only to
 * replica set members (never to a standalone), so this file talks to a replica set — the
 * suite's MongoDB when it is one, else a stand-in started as a one-member set — and records
 * the commands the driver sends while the real routes answer.
 */

const RANGE = { from: '2026-10-01', to: '2026-10-31' };
const DATA_COMMANDS = new Set(['find', 'aggregate', 'insert', 'update', 'delete', 'findAndModify']);
const REPORT_COLLECTIONS = [
  'responses',
  'invitations',
  'interactions',
  'users',
  'report_rollups',
  'report_rollup_states',
];

interface Sent {
  step: string;
  command: string;
  collection: string;
  readPreference: unknown;
}

async function replicaSet(): Promise<{ uri: string; close(): Promise<void> }> {
  const suite = process.env.TEST_MONGODB_URI!;
  const client = await new MongoClient(suite, { serverSelectionTimeoutMS: 5000 }).connect();
  const hello = await client.db('admin').command({ hello: 1 });
  await client.close();
  if (typeof hello.setName === 'string') return { uri: suite, close: async () => undefined };
  const server = await startMongoServer({ quiet: true, replicaSet: 'rs0' });
  return { uri: server.uri, close: () => server.close() };
}

async function recordingContext(uri: string, env: Record<string, string>) {
  const db = withDatabase(uri, uniqueName('report-read-pref'));
  const { ctx, recorded, during } = await startRecordingContext(
    'report-read-pref',
    db,
    env,
    (event): Omit<Sent, 'step'> | null =>
      DATA_COMMANDS.has(event.commandName)
        ? {
            command: event.commandName,
            collection: String(event.command[event.commandName]),
            readPreference: event.command.$readPreference ?? null,
          }
        : null,
  );
  return { ctx, sent: recorded as Sent[], during };
}

function reportSteps(ctx: TestContext, auth: Record<string, string>) {
  const get = (
    path: string,
    query: Record<string, string> = {},
    base: Record<string, string> = { type: 'nps', ...RANGE },
  ) =>
    request(ctx.app)
      .get(`/api/v1/reports/${path}`)
      .query({ ...base, ...query })
      .set(auth)
      .expect(200);
  const steps: [string, () => Promise<unknown>][] = [
    ['summary', () => get('summary')],
    ['breakdown by team', () => get('summary', { groupBy: 'team' })],
    ['trend', () => get('trend', { period: 'week' })],
    ['distribution', () => get('distribution')],
    ['followup', () => get('followup', { groupBy: 'team' })],
    ['volume', () => get('volume')],
    ['revenue', () => get('revenue', { groupBy: 'region' })],
    ['sample', () => get('sample', { week: '2026-W41' }, { type: 'nps' })],
    ['agent card', () => get('agents/a1')],
    ['export', () => get('responses.csv')],
  ];
  return steps;
}

describe('report queries and MONGODB_REPORTS_READ_PREFERENCE', () => {
  let rs: Awaited<ReturnType<typeof replicaSet>>;
  beforeAll(async () => {
    rs = await replicaSet();
  });
  afterAll(() => rs.close());

  describe('set to secondaryPreferred', () => {
    let rec: Awaited<ReturnType<typeof recordingContext>>;
    let auth: Record<string, string>;
    beforeAll(async () => {
      rec = await recordingContext(rs.uri, {
        MONGODB_REPORTS_READ_PREFERENCE: 'secondaryPreferred',
        REPORT_ROLLUPS: 'on',
      });
      const ws = await createTestWorkspace(rec.ctx, 'Read preference');
      auth = ws.auth;
      const at = '2026-10-07T10:00:00Z';
      await seedAnswers(rec.ctx, ws, [
        ...many(3, 10, at, { comment: 'Great' }),
        ...many(2, 3, at, { comment: 'Slow' }),
      ]);
      await seedUnanswered(rec.ctx, ws, 2, '2026-10-06T10:00:00Z');
      await rec.during('interaction and answer', async () => {
        const inv = await linkInvitation(rec.ctx, ws);
        await answer(rec.ctx, inv, { score: '9' }, 303);
      });
      await rec.during('rollup refresh', () => rec.ctx.container.services.reportRollups.refresh());
      for (const [name, fn] of reportSteps(rec.ctx, auth)) await rec.during(name, fn);
      await rec.during('comments', () =>
        rec.ctx.container.services.reports.comments(ws.workspaceId, {
          type: 'nps',
          ...RANGE,
          filters: {},
          category: 'detractor',
        }),
      );
    });
    afterAll(() => rec.ctx.close());

    it('when reports are requested, then every read of their collections carries it', () => {
      const steps = [...reportSteps(rec.ctx, auth).map(([name]) => name), 'comments'];
      const reads = rec.sent.filter(
        (s) => steps.includes(s.step) && REPORT_COLLECTIONS.includes(s.collection),
      );
      // Each step reached MONGODB through an aggregate or a find, so none passes empty.
      expect(steps.filter((name) => !reads.some((r) => r.step === name))).toEqual([]);
      expect(reads.filter((r) => r.command === 'aggregate').length).toBeGreaterThan(steps.length);
      expect(new Set(reads.map((r) => r.collection))).toEqual(new Set(REPORT_COLLECTIONS));
      expect(reads.filter((r) => !['find', 'aggregate'].includes(r.command))).toEqual([]);
      expect(
        reads.filter(
          (r) =>
            JSON.stringify(r.readPreference) !== JSON.stringify({ mode: 'secondaryPreferred' }),
        ),
      ).toEqual([]);
    });

    it('when an interaction is posted and answered, then none of their commands leaves the primary', () => {
      const answering = rec.sent.filter((s) => s.step === 'interaction and answer');
      expect(answering.some((s) => s.command === 'insert' && s.collection === 'responses')).toBe(
        true,
      );
      expect(answering.filter((s) => s.readPreference !== null)).toEqual([]);
    });

    it('when the rollups are refreshed, then their reads and writes stay on the primary', () => {
      const refresh = rec.sent.filter((s) => s.step === 'rollup refresh');
      expect(refresh.some((s) => s.command === 'aggregate' && s.collection === 'responses')).toBe(
        true,
      );
      expect(refresh.some((s) => s.collection === 'report_rollups' && s.command !== 'find')).toBe(
        true,
      );
      expect(refresh.filter((s) => s.readPreference !== null)).toEqual([]);
    });
  });

  describe('left at its default', () => {
    let rec: Awaited<ReturnType<typeof recordingContext>>;
    beforeAll(async () => {
      rec = await recordingContext(rs.uri, {});
      const ws = await createTestWorkspace(rec.ctx, 'Primary reads');
      await seedAnswers(rec.ctx, ws, many(2, 8, '2026-10-07T10:00:00Z'));
      await rec.during('summary', () =>
        request(rec.ctx.app)
          .get('/api/v1/reports/summary')
          .query({ type: 'nps', ...RANGE })
          .set(ws.auth)
          .expect(200),
      );
    });
    afterAll(() => rec.ctx.close());

    it('when a report is requested, then its reads go to the primary (no $readPreference sent)', () => {
      const reads = rec.sent.filter((s) => s.step === 'summary' && s.collection === 'responses');
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.filter((r) => r.readPreference !== null)).toEqual([]);
    });
  });
});
