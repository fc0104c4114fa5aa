import request from 'supertest';
import { npsDifference, round } from '../../src/reports/statistics';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { many, seedAnswers } from './reports-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('reports-trend');
});
afterAll(() => ctx.close());

const get = (ws: TestWorkspace, path: string, query: Record<string, string>) =>
  request(ctx.app).get(`/api/v1/reports/${path}`).query(query).set(ws.auth).expect(200);

const keyed = (groups: { key: string; n: number }[]) => groups.map((g) => [g.key, g.n]);

describe('periods in the workspace time zone (Europe/Paris, DST ends 2026-10-25)', () => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await createTestWorkspace(ctx);
    expect(ws.workspace.timezone).toBe('Europe/Paris');
    await seedAnswers(ctx, ws, [
      { score: 10, at: '2026-10-18T21:30:00Z' }, // Sun 18 Oct 23:30 CEST → week of 12 Oct
      { score: 10, at: '2026-10-18T22:30:00Z' }, // Mon 19 Oct 00:30 CEST → week of 19 Oct
      { score: 10, at: '2026-10-24T21:59:00Z' }, // Sat 24 Oct 23:59 CEST
      { score: 10, at: '2026-10-24T22:00:00Z' }, // Sun 25 Oct 00:00 CEST
      { score: 10, at: '2026-10-25T22:59:00Z' }, // Sun 25 Oct 23:59 CET (a 25-hour day)
      { score: 10, at: '2026-10-25T23:00:00Z' }, // Mon 26 Oct 00:00 CET → week of 26 Oct
    ]);
  });

  it('when grouped by week, then weeks start on Monday local time on both sides of the change', async () => {
    const res = await get(ws, 'summary', {
      type: 'nps',
      from: '2026-10-12',
      to: '2026-11-01',
      groupBy: 'week',
    });
    expect(keyed(res.body.groups)).toEqual([
      ['2026-10-12', 1],
      ['2026-10-19', 4],
      ['2026-10-26', 1],
    ]);
    expect(res.body.groups.map((g: { label: string }) => g.label)).toEqual([
      '2026-W42',
      '2026-W43',
      '2026-W44',
    ]);
    expect(res.body.from).toBe('2026-10-11T22:00:00.000Z');
    expect(res.body.to).toBe('2026-11-01T23:00:00.000Z');
  });

  it('when grouped by day, then the 25-hour day holds its own answers and empty days show null', async () => {
    const res = await get(ws, 'summary', {
      type: 'nps',
      from: '2026-10-23',
      to: '2026-10-26',
      groupBy: 'day',
    });
    expect(keyed(res.body.groups)).toEqual([
      ['2026-10-23', 0],
      ['2026-10-24', 1],
      ['2026-10-25', 2],
      ['2026-10-26', 1],
    ]);
    expect(res.body.groups[0]).toMatchObject({ score: null, ci95: null });
  });

  it('when grouped by month, then October and November split at local midnight', async () => {
    const res = await get(ws, 'summary', {
      type: 'nps',
      from: '2026-10-01T00:00:00+02:00',
      to: '2026-11-30T00:00:00+01:00',
      groupBy: 'month',
    });
    expect(keyed(res.body.groups)).toEqual([
      ['2026-10-01', 6],
      ['2026-11-01', 0],
    ]);
  });
});

describe('GET /api/v1/reports/trend', () => {
  it('when the score drops sharply then barely moves, then only the drop is significant', async () => {
    const ws = await createTestWorkspace(ctx);
    const w41 = '2026-10-07T10:00:00Z';
    const w42 = '2026-10-14T10:00:00Z';
    const w43 = '2026-10-21T10:00:00Z';
    await seedAnswers(ctx, ws, [
      ...many(40, 10, w41),
      ...many(10, 3, w41),
      ...many(10, 9, w42),
      ...many(40, 0, w42),
      ...many(12, 10, w43),
      ...many(38, 6, w43),
    ]);
    const res = await get(ws, 'trend', {
      type: 'nps',
      from: '2026-10-05',
      to: '2026-10-25',
      period: 'week',
    });
    const [a, b, c] = res.body.periods;
    expect([a.score, b.score, c.score]).toEqual([60, -60, -52]);
    expect(a.change).toBeNull();
    const drop = npsDifference(
      { promoters: 10, passives: 0, detractors: 40 },
      { promoters: 40, passives: 0, detractors: 10 },
    )!;
    expect(b.change).toEqual({
      difference: -120,
      ci95: [round(drop.ci95[0], 1), round(drop.ci95[1], 1)],
      significant: true,
      method: 'wald',
      p: Number(drop.p.toPrecision(4)),
    });
    expect(c.change).toMatchObject({ difference: 8, significant: false });
    expect(c.change.p).toBeGreaterThan(0.05);
    expect(res.body.overall.n).toBe(150);
  });

  it('when a period has no answers, then its score and change are null', async () => {
    const ws = await createTestWorkspace(ctx);
    await seedAnswers(ctx, ws, many(3, 5, '2026-10-07T10:00:00Z', { type: 'csat' }));
    const res = await get(ws, 'trend', { type: 'csat', from: '2026-10-05', to: '2026-10-18' });
    expect(res.body.periods.map((p: { score: number | null }) => p.score)).toEqual([100, null]);
    expect(res.body.periods[1].change).toBeNull();
  });

  it('when the period is unknown, then 400 naming it', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app)
      .get('/api/v1/reports/trend?type=nps&period=fortnight')
      .set(ws.auth)
      .expect(400);
    expect(res.body.errors[0].path).toBe('period');
  });
});
