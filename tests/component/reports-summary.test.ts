import request from 'supertest';
import { scoreFigures } from '../../src/reports/score-figures';
import { momentsOf, npsEstimate, round } from '../../src/reports/statistics';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { many, seedAnswers, seedUnanswered } from './reports-helpers';

let ctx: TestContext;
let ws: TestWorkspace;
beforeAll(async () => {
  ctx = await startTestContext('reports-summary');
  ws = await createTestWorkspace(ctx);
  const at = '2026-10-07T10:00:00Z';
  await seedAnswers(ctx, ws, [
    // Support: 20 promoters, 5 passives, 10 detractors; Sales: 3 promoters, 3 detractors.
    ...many(20, 10, at),
    ...many(5, 7, at),
    ...many(10, 2, at, { comment: '=cmd|calc' }),
    ...many(3, 9, at, {
      segment: { team: 'Sales', agentId: 'b2', agentName: 'Bob', attributes: { tier: 'gold' } },
    }),
    ...many(3, 0, at, {
      segment: { team: 'Sales', agentId: 'b2', agentName: 'Bob', attributes: { tier: 'gold' } },
    }),
    { score: null, at, comment: 'comment only, no score' },
    { score: 5, at, type: 'csat' },
    { score: 4, at, type: 'csat' },
    { score: 2, at, type: 'csat' },
    ...[1, 2, 2, 3, 5].map((score) => ({ score, at, type: 'ces' as const })),
  ]);
  await seedUnanswered(ctx, ws, 40, '2026-10-06T10:00:00Z');
  await seedUnanswered(ctx, ws, 5, '2026-10-06T10:00:00Z', { status: 'failed' });
  await seedUnanswered(ctx, ws, 12, '2026-10-06T10:00:00Z', { status: 'sent', channel: 'link' });
  await seedUnanswered(ctx, ws, 4, '2026-10-06T10:00:00Z', { segment: { team: 'Sales' } });
});
afterAll(() => ctx.close());

const summary = (query: Record<string, string>, auth = ws.auth) =>
  request(ctx.app).get('/api/v1/reports/summary').query(query).set(auth);

describe('GET /api/v1/reports/summary', () => {
  it('when NPS answers exist, then overall score, interval, counts and response rate match the pure maths', async () => {
    const res = await summary({ type: 'nps', from: '2026-10-01', to: '2026-10-31' }).expect(200);
    const counts = { promoters: 23, passives: 5, detractors: 13 };
    const e = npsEstimate(counts);
    expect(res.body).toMatchObject({
      type: 'nps',
      scale: { min: 0, max: 10 },
      direction: 'higher_better',
      from: '2026-09-30T22:00:00.000Z',
      to: '2026-10-31T23:00:00.000Z',
      groups: [],
    });
    expect(res.body.overall).toEqual({
      score: round(e.score!, 0),
      n: 41,
      ci95: [round(e.ci95![0], 1), round(e.ci95![1], 1)],
      method: 'wald',
      counts: { promoter: 23, passive: 5, detractor: 13 },
      lowN: false,
      // 42 answered (one a comment-only note) of 42 + 44 delivered + 12 sent without receipt;
      // the 5 with a failure receipt never arrived.
      responseRate: round((42 / 98) * 100, 1),
    });
    expect(res.body.overall.score).toBe(24);
  });

  it('when grouped by team, then each team has its figures, low n flagged, adjusted-Wald said', async () => {
    const res = await summary({
      type: 'nps',
      from: '2026-10-01',
      to: '2026-10-31',
      groupBy: 'team',
    }).expect(200);
    const [sales, support] = res.body.groups;
    const adjusted = npsEstimate({ promoters: 3, passives: 0, detractors: 3 });
    expect(sales).toMatchObject({
      key: 'Sales',
      label: 'Sales',
      score: 0,
      n: 6,
      ci95: [round(adjusted.ci95![0], 1), round(adjusted.ci95![1], 1)],
      method: 'adjusted-wald',
      lowN: true,
    });
    expect(support).toMatchObject({
      key: 'Support',
      score: 29,
      n: 35,
      method: 'wald',
      lowN: false,
    });
    const byAgent = await summary({
      type: 'nps',
      from: '2026-10-01',
      to: '2026-10-31',
      groupBy: 'agent',
    });
    expect(
      byAgent.body.groups.map((g: { key: string; label: string }) => [g.key, g.label]),
    ).toEqual([
      ['a1', 'Alice'],
      ['b2', 'Bob'],
    ]);
  });

  it('when grouped by a segment, then each segment is compared with the rest and marked better or worse only past the false discovery rate', async () => {
    const own = await createTestWorkspace(ctx);
    const at = '2026-10-07T10:00:00Z';
    const team = (name: string) => ({ segment: { team: name } });
    // Six teams at NPS +40 and one at −60; CES: Paris needs far less effort (lower is better).
    const good = ['A', 'B', 'C', 'D', 'E', 'F'].flatMap((name) => [
      ...many(30, 10, at, team(name)),
      ...many(10, 8, at, team(name)),
      ...many(10, 3, at, team(name)),
    ]);
    await seedAnswers(ctx, own, [
      ...good,
      ...many(5, 10, at, team('G')),
      ...many(10, 8, at, team('G')),
      ...many(35, 3, at, team('G')),
      ...many(40, 1, at, { type: 'ces', segment: { region: 'Paris' } }),
      ...many(40, 4, at, { type: 'ces', segment: { region: 'Lyon' } }),
      ...many(40, 3, at, { type: 'ces', segment: { region: 'Lille' } }),
    ]);
    const get = (query: Record<string, string>) =>
      request(ctx.app)
        .get('/api/v1/reports/summary')
        .query({ from: '2026-10-01', to: '2026-10-31', ...query })
        .set(own.auth)
        .expect(200);
    const byTeam = await get({ type: 'nps', groupBy: 'team' });
    const verdicts = Object.fromEntries(
      byTeam.body.groups.map((g: { key: string; vsRest: { verdict: string | null } }) => [
        g.key,
        g.vsRest.verdict,
      ]),
    );
    expect(verdicts).toEqual({ A: null, B: null, C: null, D: null, E: null, F: null, G: 'worse' });
    const g = byTeam.body.groups.find((x: { key: string }) => x.key === 'G');
    // G: NPS −60; the other 300 answers: +40.
    expect(g.vsRest).toMatchObject({ difference: -100 });
    expect(g.vsRest.p).toBeLessThan(0.001);
    const byRegion = await get({ type: 'ces', groupBy: 'region' });
    const ces = Object.fromEntries(
      byRegion.body.groups.map((x: { key: string; vsRest: { verdict: string | null } }) => [
        x.key,
        x.vsRest.verdict,
      ]),
    );
    expect(ces).toMatchObject({ Paris: 'better', Lyon: 'worse' });
    const byWeek = await get({ type: 'nps', groupBy: 'week' });
    expect(byWeek.body.groups[0].vsRest).toBeUndefined();
  });

  it('when filtered on a segment or custom attribute, then only those answers count', async () => {
    const res = await summary({
      type: 'nps',
      from: '2026-10-01',
      to: '2026-10-31',
      'filter[attributes.tier]': 'gold',
      'filter[product]': 'Pro',
    }).expect(200);
    expect(res.body.overall).toMatchObject({
      n: 6,
      score: 0,
      counts: { promoter: 3, detractor: 3 },
    });
  });

  it('when CSAT and CES, then the share with Wilson and mean, and the CES mean with scale and direction', async () => {
    const csat = await summary({ type: 'csat', from: '2026-10-01', to: '2026-10-31' }).expect(200);
    const m = momentsOf([5, 4, 2]);
    const expected = scoreFigures(
      'csat',
      { ...m, counts: { satisfied: 2, neutral: 0, unsatisfied: 1 } },
      {
        scale: { min: 1, max: 5 },
        direction: 'higher_better',
      },
    );
    expect(csat.body.overall).toMatchObject({ ...expected, score: 66.7, mean: 3.67 });
    const ces = await summary({ type: 'ces', from: '2026-10-01', to: '2026-10-31' }).expect(200);
    expect(ces.body).toMatchObject({ scale: { min: 1, max: 5 }, direction: 'lower_better' });
    expect(ces.body.overall).toMatchObject({
      score: 2.6,
      ci95: [1, 4.48],
      method: 't',
      easyShare: 60,
      n: 5,
    });
  });

  it('when nobody answered in the range, then the score is null, not 0', async () => {
    const res = await summary({ type: 'nps', from: '2025-01-01', to: '2025-01-31' }).expect(200);
    expect(res.body.overall).toMatchObject({
      score: null,
      n: 0,
      ci95: null,
      responseRate: null,
      lowN: true,
    });
  });

  it.each`
    query                                                    | path
    ${{ type: 'nps', groupBy: 'shoeSize' }}                  | ${'groupBy'}
    ${{ type: 'nps', 'filter[shoeSize]': '42' }}             | ${'filter[shoeSize]'}
    ${{ type: 'nps', from: '2026-10-31', to: '2026-10-01' }} | ${'from'}
    ${{ type: 'nps', from: '2023-01-01', to: '2026-01-01' }} | ${'to'}
    ${{ type: 'nps', from: 'last tuesday' }}                 | ${'from'}
    ${{ type: 'nps-ish' }}                                   | ${'type'}
    ${{}}                                                    | ${'type'}
    ${{ type: 'nps', colour: 'red' }}                        | ${'colour'}
  `('when $query, then 400 problem+json naming $path', async ({ query, path }) => {
    const res = await summary(query).expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('when the key lacks reports:read, then 403; without a key, 401; another workspace sees nothing', async () => {
    const scoped = await createTestWorkspace(ctx, 'Scoped', ['interactions:write']);
    await summary({ type: 'nps' }, scoped.auth).expect(403);
    await request(ctx.app).get('/api/v1/reports/summary?type=nps').expect(401);
    const other = await createTestWorkspace(ctx, 'Other');
    const res = await summary(
      { type: 'nps', from: '2026-10-01', to: '2026-10-31' },
      other.auth,
    ).expect(200);
    expect(res.body.overall.n).toBe(0);
  });
});
