import type { Express } from 'express';
import { DateTime } from 'luxon';
import request from 'supertest';
import { createApp } from '../../src/app';
import { buildContainer, type Container } from '../../src/composition-root';
import { invitationModel } from '../../src/invitations/invitation.model';
import { responseModel } from '../../src/responses/response.model';
import { dayStart } from '../../src/reports/rollups/rollup-days';
import { rollupRowModel } from '../../src/reports/rollups/rollup-row.model';
import { rollupStateModel } from '../../src/reports/rollups/rollup-state.model';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { waitFor } from '../support/wait-for';
import { seedAnswers, seedUnanswered, type SeedAnswer } from './reports-helpers';

/**
 * The same reports from two apps on one database: one reads daily rollups (REPORT_ROLLUPS=on,
 * no settle delay so a refresh covers what the test just wrote), the other only the raw
 * collections. Every answer must be identical.
 */
let ctx: TestContext;
let raw: Container;
let rawApp: Express;
let workers: RunningWorkers;
let paris: TestWorkspace;
let york: TestWorkspace;

/** Deterministic pseudo-random numbers, so a failure replays. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENTS = [
  { agentId: 'a1', agentName: 'Alice', team: 'Support' },
  { agentId: 'b2', agentName: 'Bob', team: 'Sales' },
  { agentId: 'c3', agentName: 'Carol', team: 'Support' },
  { agentId: null, agentName: null, team: null },
];

/** Six weeks of varied answers and unanswered invitations, around the October DST change. */
async function seedWeeks(ws: TestWorkspace, seed: number, zone: string) {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const answers: SeedAnswer[] = [];
  const first = DateTime.fromISO('2026-10-01', { zone });
  for (let day = 0; day < 43; day += 1) {
    const date = first.plus({ days: day });
    const count = 3 + Math.floor(next() * 6);
    for (let i = 0; i < count; i += 1) {
      // Some answers a few minutes either side of local midnight.
      const minute = i === 0 ? 3 : i === 1 ? 24 * 60 - 4 : Math.floor(next() * 24 * 60);
      const at = date.plus({ minutes: minute }).toUTC().toISO()!;
      const agent = pick(AGENTS);
      const roll = next();
      const type = roll < 0.6 ? 'nps' : roll < 0.8 ? 'csat' : 'ces';
      const wide = type === 'ces' && next() < 0.3;
      const max = type === 'nps' ? 10 : wide ? 7 : 5;
      const min = type === 'nps' ? 0 : 1;
      answers.push({
        type,
        score: next() < 0.05 ? null : min + Math.floor(next() * (max - min + 1)),
        at,
        ...(wide ? { scale: { min: 1, max: 7 } } : {}),
        channel: pick(['sms', 'email', 'link']),
        comment: next() < 0.2 ? `comment ${day}-${i}` : null,
        segment: {
          ...agent,
          // A renamed agent: reports label a group with the larger name, whatever the days.
          ...(agent.agentId === 'a1' && day > 20 ? { agentName: 'Alice Martin' } : {}),
          interactionChannel: pick(['chat', 'email', 'phone']),
          product: pick(['Pro', 'Basic']),
          region: pick(['EU', 'US', null]),
          reason: pick(['billing', 'delivery']),
          attributes: { tier: pick(['gold', 'silver']) },
        },
      });
    }
    if (day % 3 === 0) {
      const at = date.plus({ hours: 9 }).toUTC().toISO()!;
      await seedUnanswered(ctx, ws, 2, at, { segment: pick(AGENTS) });
      await seedUnanswered(ctx, ws, 1, at, { type: 'csat', status: 'sent', channel: 'link' });
      await seedUnanswered(ctx, ws, 1, at, { status: 'failed' });
    }
  }
  // Today: never rolled up, always raw.
  answers.push({ score: 9, at: new Date(Date.now() - 60_000).toISOString() });
  await seedAnswers(ctx, ws, answers);
}

const tomorrow = (zone: string) => DateTime.now().setZone(zone).plus({ days: 1 }).toISODate()!;

const RANGES = (zone: string) => [
  { from: '2026-10-01', to: '2026-11-12' },
  // Partial first and last days.
  { from: '2026-10-03T13:30:00+02:00', to: '2026-11-10T08:00:00Z' },
  // Up to and including today.
  { from: '2026-10-20', to: tomorrow(zone) },
];

type Ask = [path: string, query: Record<string, string>];

/** Every report and grouping rollups serve (and some they leave raw), over `ranges`. */
function fullQuestions(zone: string, ranges = RANGES(zone).slice(1)): Ask[] {
  const asks: Ask[] = [];
  for (const range of ranges) {
    const groupings = [
      'day',
      'week',
      'month',
      'agent',
      'channel',
      'surveyChannel',
      'region',
      'locale',
    ];
    for (const groupBy of [undefined, ...groupings, 'attributes.tier']) {
      asks.push(['summary', { type: 'nps', ...range, ...(groupBy ? { groupBy } : {}) }]);
    }
    for (const [name, value] of [
      ['team', 'Support'],
      ['agent', 'a1'],
      ['surveyChannel', 'email'],
      ['agentName', 'Bob'],
    ]) {
      asks.push(['summary', { type: 'nps', ...range, [`filter[${name}]`]: value! }]);
    }
    asks.push(['summary', { type: 'nps', ...range, groupBy: 'week', 'filter[team]': 'Sales' }]);
    asks.push(['summary', { type: 'csat', ...range, groupBy: 'agent' }]);
    asks.push(['summary', { type: 'ces', ...range, groupBy: 'week' }]);
    asks.push(['summary', { type: 'ces', ...range, 'filter[agent]': 'b2' }]);
    for (const period of ['day', 'week', 'month']) {
      asks.push(['trend', { type: 'nps', ...range, period }]);
    }
    asks.push(['trend', { type: 'csat', ...range, period: 'week' }]);
    asks.push(['distribution', { type: 'nps', ...range }]);
    asks.push(['distribution', { type: 'ces', ...range }]);
    asks.push(['distribution', { type: 'csat', ...range, 'filter[agent]': 'b2' }]);
    asks.push(['agents/a1', { type: 'nps', ...range }]);
  }
  return asks;
}

function shortQuestions(zone: string): Ask[] {
  return RANGES(zone).flatMap((range): Ask[] => [
    ['summary', { type: 'nps', ...range }],
    ['summary', { type: 'nps', ...range, groupBy: 'day' }],
    ['summary', { type: 'nps', ...range, groupBy: 'agent' }],
    ['summary', { type: 'nps', ...range, 'filter[team]': 'Support' }],
    ['trend', { type: 'nps', ...range, period: 'week' }],
    ['distribution', { type: 'nps', ...range }],
  ]);
}

async function expectSameAnswers(ws: TestWorkspace, asks: Ask[]) {
  for (const [path, query] of asks) {
    const get = (app: Express) =>
      request(app).get(`/api/v1/reports/${path}`).query(query).set(ws.auth).expect(200);
    const [rolled, plain] = await Promise.all([get(ctx.app), get(rawApp)]);
    expect({ path, query, body: rolled.body }).toEqual({ path, query, body: plain.body });
  }
}

const reader = () => ctx.container.services.reportRollups.reader;
const coverage = (ws: TestWorkspace, zone: string) =>
  reader().coverage(ws.workspaceId, zone, {
    from: dayStart('2026-10-01', zone),
    to: dayStart(tomorrow(zone), zone),
  });

/** A refresh of every workspace through the real rollups worker. */
async function refreshThroughWorker() {
  const job = await ctx.container.services.reportRollups.trigger();
  const done = await waitFor(
    async () => {
      const state = await job.getState();
      if (state === 'failed') throw new Error(`rollup job failed: ${job.failedReason}`);
      return state === 'completed' ? ctx.container.queues.rollups.getJob(job.id!) : null;
      // A full rebuild takes seconds on the in-process server; a loaded machine may need more.
    },
    'the rollup job',
    45_000,
  );
  return done.returnvalue as { workspaces: number; days: number };
}

beforeAll(async () => {
  ctx = await startTestContext('report-rollups', { REPORT_ROLLUPS_SETTLE_MS: '0' });
  raw = await buildContainer({ ...ctx.container.config, REPORT_ROLLUPS: 'off' });
  rawApp = createApp(raw);
  workers = startWorkers(ctx.container, { rollups: buildProcessors(ctx.container).rollups! });
  paris = await createTestWorkspace(ctx, 'Paris');
  york = await createTestWorkspace(ctx, 'New York');
  await ctx.container.services.workspaces.updateSettings(york.workspaceId, {
    timezone: 'America/New_York',
  });
  await seedWeeks(paris, 1, 'Europe/Paris');
  await seedWeeks(york, 2, 'America/New_York');
});
afterAll(async () => {
  await workers.close();
  await raw.close();
  await ctx.close();
});

describe('daily report rollups', () => {
  it('when no refresh ran yet, then reports are raw and equal', async () => {
    expect(await coverage(paris, 'Europe/Paris')).toBeNull();
    await expectSameAnswers(paris, shortQuestions('Europe/Paris'));
  });

  it('when the rollup job ran through the worker, then every report equals the raw one', async () => {
    const summary = await refreshThroughWorker();
    expect(summary.workspaces).toBe(2);
    expect(summary.days).toBeGreaterThanOrEqual(2 * 43);
    const covered = await coverage(paris, 'Europe/Paris');
    expect(covered?.days[0]?.from).toBe('2026-10-01');
    expect(covered?.raw).toHaveLength(1); // today
    await expectSameAnswers(paris, fullQuestions('Europe/Paris', RANGES('Europe/Paris')));
    await expectSameAnswers(york, fullQuestions('America/New_York'));
  }, 90_000);

  it('when a rollup row is altered, then the report changes: rollups are really read', async () => {
    const Rows = rollupRowModel(ctx.container.mongo);
    const target = {
      workspaceId: paris.workspaceId,
      surveyType: 'nps',
      kind: 'answers' as const,
      dimension: 'all',
      day: '2026-10-15',
    };
    const n = async () => {
      const res = await request(ctx.app)
        .get('/api/v1/reports/summary')
        .query({ type: 'nps', from: '2026-10-15', to: '2026-10-15' })
        .set(paris.auth)
        .expect(200);
      return res.body.overall.n as number;
    };
    const before = await n();
    await Rows.updateOne(target, { $inc: { n: 1000, 'counts.promoter': 1000 } });
    expect(await n()).toBe(before + 1000);
    await Rows.updateOne(target, { $inc: { n: -1000, 'counts.promoter': -1000 } });
    expect(await n()).toBe(before);
  });

  it('when rows are written, then each workspace’s rows hold only its own answers', async () => {
    const Rows = rollupRowModel(ctx.container.mongo);
    const Responses = responseModel(ctx.container.mongo);
    for (const [ws, zone] of [
      [paris, 'Europe/Paris'],
      [york, 'America/New_York'],
    ] as const) {
      const rows = await Rows.find({
        workspaceId: ws.workspaceId,
        dimension: 'all',
        kind: 'answers',
      }).lean();
      const answers = await Responses.countDocuments({
        workspaceId: ws.workspaceId,
        score: { $ne: null },
        answeredAt: { $lt: dayStart(DateTime.now().setZone(zone).toISODate()!, zone) },
      });
      expect(rows.reduce((total, r) => total + r.n, 0)).toBe(answers);
    }
    const owners = (await Rows.distinct('workspaceId')).map(String).sort();
    expect(owners).toEqual([String(paris.workspaceId), String(york.workspaceId)].sort());
  });

  it('when nothing changed, then a second run recomputes no day and rewrites no row', async () => {
    const Rows = rollupRowModel(ctx.container.mongo);
    const snapshot = async () =>
      (await Rows.find().sort({ _id: 1 }).lean()).map((r) => JSON.stringify(r));
    const before = await snapshot();
    expect(await ctx.container.services.reportRollups.refresh()).toEqual({
      workspaces: 2,
      days: 0,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('when a workspace is rebuilt (the CLI’s refresh-rollups --rebuild), then every day is recomputed into the same figures', async () => {
    const Rows = rollupRowModel(ctx.container.mongo);
    const figures = async () =>
      (await Rows.find({ workspaceId: paris.workspaceId }).lean())
        .map(({ _id: _rowId, stamp: _stamp, ...row }) => JSON.stringify(row))
        .sort();
    const before = await figures();
    const summary = await ctx.container.services.reportRollups.rebuild(paris.workspaceId);
    expect(summary.workspaces).toBe(1);
    expect(summary.days).toBeGreaterThanOrEqual(43);
    expect(await figures()).toEqual(before);
    await expectSameAnswers(paris, shortQuestions('Europe/Paris'));
  }, 60_000);

  it('when an old answer is edited, then reports stay equal before and after the next run', async () => {
    const Responses = responseModel(ctx.container.mongo);
    const old = await Responses.findOne({
      workspaceId: paris.workspaceId,
      surveyType: 'nps',
      score: { $lte: 6 },
      answeredAt: { $gte: new Date('2026-10-10'), $lt: new Date('2026-10-11') },
    });
    expect(old).not.toBeNull();
    old!.score = 10;
    old!.category = 'promoter';
    await old!.save();
    const day = DateTime.fromJSDate(old!.answeredAt!, { zone: 'Europe/Paris' }).toISODate()!;
    const covered = await coverage(paris, 'Europe/Paris');
    expect(covered?.days.some((s) => s.from <= day && day < s.to)).toBe(false);
    await expectSameAnswers(paris, shortQuestions('Europe/Paris'));

    const summary = await ctx.container.services.reportRollups.refresh(paris.workspaceId);
    expect(summary).toEqual({ workspaces: 1, days: 1 });
    const after = await coverage(paris, 'Europe/Paris');
    expect(after?.days.some((s) => s.from <= day && day < s.to)).toBe(true);
    await expectSameAnswers(paris, shortQuestions('Europe/Paris'));
  }, 60_000);

  it('when an old invitation is answered late, then reports stay equal before and after the next run', async () => {
    const Invitations = invitationModel(ctx.container.mongo);
    const Responses = responseModel(ctx.container.mongo);
    const invitation = await Invitations.findOne({
      workspaceId: paris.workspaceId,
      surveyType: 'nps',
      status: 'delivered',
      sentAt: { $lt: new Date('2026-10-20') },
    });
    expect(invitation).not.toBeNull();
    const now = new Date();
    invitation!.status = 'answered';
    invitation!.answeredAt = now;
    await invitation!.save();
    await Responses.create({
      workspaceId: paris.workspaceId,
      invitationId: invitation!._id,
      interactionId: invitation!.interactionId,
      surveyId: invitation!.surveyId,
      contactId: invitation!.contactId,
      surveyType: 'nps',
      scale: { min: 0, max: 10 },
      direction: 'higher_better',
      score: 3,
      category: 'detractor',
      locale: 'en',
      channel: invitation!.channel,
      source: 'web',
      answeredAt: now,
      segment: { agentId: 'a1', agentName: 'Alice', team: 'Support' },
    });
    await expectSameAnswers(paris, shortQuestions('Europe/Paris'));
    const summary = await ctx.container.services.reportRollups.refresh(paris.workspaceId);
    expect(summary.days).toBe(1); // the invitation's day; the answer is today's, never rolled up
    await expectSameAnswers(paris, shortQuestions('Europe/Paris'));
  }, 60_000);

  it('when two processes refresh at once, then rows stay right and one of them waits its turn', async () => {
    const Responses = responseModel(ctx.container.mongo);
    await Responses.updateMany(
      { workspaceId: york.workspaceId, answeredAt: { $lt: new Date('2026-10-08') } },
      { $set: { comment: 'touched' } },
    );
    const results = await Promise.all([
      ctx.container.services.reportRollups.refresh(york.workspaceId),
      raw.services.reportRollups.refresh(york.workspaceId),
    ]);
    // The lease lets one in at a time: the other skips (0) or runs after it (1).
    for (const r of results) expect([0, 1]).toContain(r.workspaces);
    await ctx.container.services.reportRollups.refresh(york.workspaceId);
    const state = await rollupStateModel(ctx.container.mongo)
      .findOne({ workspaceId: york.workspaceId })
      .lean();
    expect(state?.leaseId).toBeNull();
    await expectSameAnswers(york, fullQuestions('America/New_York'));
  }, 60_000);

  it('when the workspace changes time zone, then reports go raw until a full rebuild in the new zone', async () => {
    await ctx.container.services.workspaces.updateSettings(york.workspaceId, {
      timezone: 'Asia/Tokyo',
    });
    expect(await coverage(york, 'Asia/Tokyo')).toBeNull();
    await expectSameAnswers(york, shortQuestions('Asia/Tokyo'));
    const summary = await refreshThroughWorker();
    expect(summary.workspaces).toBe(2);
    const state = await rollupStateModel(ctx.container.mongo)
      .findOne({ workspaceId: york.workspaceId })
      .lean();
    expect(state?.timezone).toBe('Asia/Tokyo');
    expect(await coverage(york, 'Asia/Tokyo')).not.toBeNull();
    await expectSameAnswers(york, fullQuestions('Asia/Tokyo'));
  }, 60_000);

  it('when REPORT_ROLLUPS is off, then nothing is read from rollups', async () => {
    const off = await raw.services.reportRollups.reader.coverage(
      paris.workspaceId,
      'Europe/Paris',
      {
        from: dayStart('2026-10-01', 'Europe/Paris'),
        to: dayStart('2026-11-01', 'Europe/Paris'),
      },
    );
    expect(off).toBeNull();
  });
});
