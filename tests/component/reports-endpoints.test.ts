import request from 'supertest';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { drawRank } from '../../src/reports/sample.service';
import { createUser, FAST_HASHING, signIn } from './auth-helpers';
import { many, seedAnswers, seedUnanswered } from './reports-helpers';

let ctx: TestContext;
let ws: TestWorkspace;
const range = { from: '2026-10-01', to: '2026-10-31' };
beforeAll(async () => {
  ctx = await startTestContext('reports-endpoints', FAST_HASHING);
  ws = await createTestWorkspace(ctx);
  const gold = { product: 'Gold', revenue: 1000 };
  await seedAnswers(ctx, ws, [
    // Wed 7 Oct 2026, 10:00 UTC = 12:00 in Paris (CEST).
    ...many(3, 10, '2026-10-07T10:00:00Z', { segment: gold, channel: 'email' }),
    ...many(2, 2, '2026-10-07T10:00:00Z', { segment: { product: 'Basic', revenue: 100 } }),
    { score: 0, at: '2026-10-07T10:00:00Z', segment: { ...gold, revenue: 3000 } },
    { score: 8, at: '2026-10-07T10:00:00Z', comment: "=cmd|' /C calc'!A0" },
    { score: 9, at: '2026-10-12T06:30:00Z', comment: 'Très bien, "rapide", merci\nà vous' },
    { score: 7, at: '2026-10-14T16:00:00Z', comment: '@SUM(A1)', segment: { revenue: -50 } },
  ]);
  await seedUnanswered(ctx, ws, 4, '2026-10-10T19:15:00Z'); // Sat 21:15 in Paris
});
afterAll(() => ctx.close());

const get = (path: string, query: Record<string, string>, auth = ws.auth) =>
  request(ctx.app).get(`/api/v1/reports/${path}`).query(query).set(auth);

describe('distribution, volume, revenue', () => {
  it('when asked for the distribution, then every scale value is listed with its count and share', async () => {
    const res = await get('distribution', { type: 'nps', ...range }).expect(200);
    expect(res.body.n).toBe(9);
    expect(res.body.values).toHaveLength(11);
    expect(res.body.values[10]).toEqual({ score: 10, count: 3, share: 33.3 });
    expect(res.body.values[1]).toEqual({ score: 1, count: 0, share: 0 });
  });

  it('when asked for volume, then sends and answers land on local weekday × hour and per channel', async () => {
    const res = await get('volume', range).expect(200);
    const cell = (weekday: number, hour: number) =>
      res.body.byWeekdayHour.find(
        (c: { weekday: number; hour: number }) => c.weekday === weekday && c.hour === hour,
      );
    expect(cell(3, 12)).toMatchObject({ label: 'Wed', answers: 7, sent: 0 });
    expect(cell(3, 11)).toMatchObject({ sent: 7 }); // sent an hour before the answers
    expect(cell(6, 21)).toMatchObject({ sent: 4, answers: 0 });
    expect(cell(1, 8)).toMatchObject({ answers: 1 }); // Mon 12 Oct 06:30Z = 08:30 CEST
    expect(res.body.totals).toEqual({ sent: 13, answers: 9 });
    expect(res.body.byChannel).toEqual([
      { channel: 'email', sent: 3, answers: 3 },
      { channel: 'sms', sent: 10, answers: 6 },
    ]);
  });

  it('when asked for revenue by product, then revenue per category and the detractors’ share', async () => {
    const res = await get('revenue', { type: 'nps', ...range, groupBy: 'product' }).expect(200);
    // Gold: 3 promoters × 1000 + 1 detractor × 3000; Basic: 2 detractors × 100; Pro: −50 passive.
    expect(res.body.overall).toMatchObject({
      n: 7,
      revenue: 6150,
      atRisk: { category: 'detractor', revenue: 3200, share: 52 },
    });
    const [gold, basic, pro] = res.body.groups;
    expect(gold).toMatchObject({
      key: 'Gold',
      revenue: 6000,
      atRisk: { revenue: 3000, share: 50 },
    });
    expect(basic).toMatchObject({ key: 'Basic', revenue: 200, atRisk: { share: 100 } });
    expect(pro).toMatchObject({ key: 'Pro', revenue: -50, n: 1 });
  });
});

describe('revenue groups whatever the stored order', () => {
  it("when an agent's name differs between answers and two groups tie on revenue, then labels match the summary's and ties go by key", async () => {
    const own = await createTestWorkspace(ctx);
    const at = '2026-10-07T10:00:00Z';
    // Stored first: the lesser name and the greater key, which an order-dependent $first or a
    // $group's own output order would put ahead.
    await seedAnswers(ctx, own, [
      { score: 2, at, segment: { agentId: 'r1', agentName: 'Ann', revenue: 100 } },
      { score: 2, at, segment: { agentId: 'r1', agentName: 'Anna', revenue: 100 } },
      { score: 2, at, segment: { agentId: 'r0', agentName: 'Zed', revenue: 200 } },
    ]);
    const query = { type: 'nps', ...range, groupBy: 'agent' };
    const revenue = await get('revenue', query, own.auth).expect(200);
    expect(
      revenue.body.groups.map((g: { key: string; label: string; revenue: number }) => [
        g.key,
        g.label,
        g.revenue,
      ]),
    ).toEqual([
      ['r0', 'Zed', 200],
      ['r1', 'Anna', 200],
    ]);
    const summary = await get('summary', query, own.auth).expect(200);
    expect(summary.body.groups.find((g: { key: string }) => g.key === 'r1')?.label).toBe('Anna');
  });
});

describe('reports by language', () => {
  it('when answers come in Spanish, Portuguese and English, then groupBy=locale and filter[locale] split them', async () => {
    const own = await createTestWorkspace(ctx);
    const at = '2026-10-07T10:00:00Z';
    await seedAnswers(ctx, own, [
      ...many(3, 10, at, { locale: 'es' }),
      ...many(1, 0, at, { locale: 'es' }),
      ...many(2, 2, at, { locale: 'pt-BR' }),
      ...many(4, 9, at),
    ]);
    const byLocale = await get(
      'summary',
      { type: 'nps', ...range, groupBy: 'locale' },
      own.auth,
    ).expect(200);
    const groups = Object.fromEntries(
      byLocale.body.groups.map((g: { key: string; n: number; score: number }) => [
        g.key,
        [g.n, g.score],
      ]),
    );
    expect(groups).toEqual({ en: [4, 100], es: [4, 50], 'pt-BR': [2, -100] });
    const spanish = await get(
      'summary',
      { type: 'nps', ...range, 'filter[locale]': 'es' },
      own.auth,
    ).expect(200);
    expect(spanish.body.overall).toMatchObject({ n: 4, score: 50 });
  });
});

describe('GET /api/v1/reports/sample', () => {
  it('when drawn twice for the same ISO week, then the same answers come back with their comments', async () => {
    const first = await get('sample', { week: '2026-W41', size: '3' }).expect(200);
    expect(first.body).toMatchObject({
      week: '2026-W41',
      population: 7,
      size: 3,
      from: '2026-10-04T22:00:00.000Z',
    });
    const again = await get('sample', { week: '2026-W41', size: '3' }).expect(200);
    expect(again.body.items).toEqual(first.body.items);
    expect(Object.keys(first.body.items[0])).toEqual(
      expect.arrayContaining([
        'responseId',
        'interactionId',
        'externalId',
        'score',
        'category',
        'comment',
      ]),
    );
    expect(first.body.items[0].externalId).toMatch(/^report-ticket-\d+$/);
    const all = await get('sample', { week: '2026-W41', size: '50' }).expect(200);
    expect(all.body.size).toBe(7);
    // A bigger draw of the same week starts with the smaller one: the rank is per answer.
    expect(all.body.items.slice(0, 3)).toEqual(first.body.items);
    const ranks = all.body.items.map((i: { responseId: string }) =>
      drawRank(`${ws.workspace.id}:2026-W41:all`, i.responseId),
    );
    expect([...ranks].sort()).toEqual(ranks);
    const other = await get('sample', { week: '2026-W42' }).expect(200);
    expect(other.body.population).toBe(2);
  });

  it('when size or week is bad, then 400 naming it', async () => {
    const res = await get('sample', { size: '0', week: 'last' }).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['size', 'week']);
  });
});

describe('GET /api/v1/reports/responses.csv', () => {
  it('when exported, then a BOM, a header, ISO dates, quoted and formula-safe cells, one row per answer', async () => {
    const res = await request(ctx.app)
      .get('/api/v1/reports/responses.csv')
      .query({ type: 'nps', ...range })
      .set(ws.auth)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('responses.csv');
    const text = res.body as string;
    expect(text.startsWith('\uFEFFresponse_id,answered_at,survey_type,score,')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(text).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(text).toContain(`,'@SUM(A1),`);
    expect(text).toContain('"Très bien, ""rapide"", merci\nà vous"');
    expect(text).toContain(',2026-10-12T06:30:00.000Z,nps,9,promoter,');
    expect(text).toContain(',-50,'); // our own numbers stay numbers
    expect(text.split('\r\n').filter((l) => /^[0-9a-f]{24},/.test(l))).toHaveLength(9);
  });

  it('when the range is reversed, then 400 problem+json, not a CSV', async () => {
    const res = await request(ctx.app)
      .get('/api/v1/reports/responses.csv')
      .query({ from: '2026-10-31', to: '2026-10-01' })
      .set(ws.auth)
      .expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors[0].path).toBe('from');
  });
});

describe('parameter errors and access on every report', () => {
  it.each(['trend', 'distribution', 'volume', 'revenue', 'sample', 'responses.csv'])(
    'when /reports/%s gets an unknown filter field, then 400 naming it; without a key, 401',
    async (path) => {
      const res = await get(path, { type: 'nps', 'filter[shoeSize]': '42' }).expect(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('filter[shoeSize]');
      await request(ctx.app).get(`/api/v1/reports/${path}`).expect(401);
    },
  );

  it.each(['trend', 'distribution', 'volume', 'revenue'])(
    'when /reports/%s spans more than two years, then 400 naming "to"',
    async (path) => {
      const res = await get(path, { type: 'nps', from: '2023-01-01', to: '2026-01-02' }).expect(
        400,
      );
      expect(res.body.errors[0].path).toBe('to');
    },
  );

  it('when revenue is grouped by an unknown field, then 400 naming groupBy', async () => {
    const res = await get('revenue', { type: 'nps', groupBy: 'shoeSize' }).expect(400);
    expect(res.body.errors[0].path).toBe('groupBy');
  });
});

describe('manager sessions', () => {
  it('when a manager is signed in, then the reports answer; an agent gets 403', async () => {
    const manager = await createUser(ctx, ws, { role: 'manager' });
    const { agent: browser } = await signIn(ctx, manager.email, manager.password, '10.9.0.1');
    const res = await browser
      .get('/api/v1/reports/summary')
      .query({ type: 'nps', ...range })
      .expect(200);
    expect(res.body.overall.n).toBe(9);
    const agent = await createUser(ctx, ws, { role: 'agent' });
    const { agent: agentBrowser } = await signIn(ctx, agent.email, agent.password, '10.9.0.2');
    await agentBrowser.get('/api/v1/reports/summary').query({ type: 'nps' }).expect(403);
  });
});
