import request from 'supertest';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { createUser, FAST_HASHING, nextIp, signIn } from './auth-helpers';
import { many, seedAnswers, seedUnanswered } from './reports-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('report-pages', FAST_HASHING);
});
afterAll(() => ctx.close());

const range = { from: '2026-10-01', to: '2026-10-31' };
const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

/** A workspace with answers over October, a manager and an agent signed in. */
async function dashboard() {
  const ws = await createTestWorkspace(ctx);
  const bob = { agentId: 'b2', agentName: 'Bob', team: 'Sales', product: 'Basic' };
  await seedAnswers(ctx, ws, [
    ...many(20, 10, '2026-10-06T10:00:00Z'),
    ...many(8, 3, '2026-10-07T10:00:00Z'),
    ...many(12, 9, '2026-10-14T10:00:00Z', { segment: bob }),
    ...many(4, 8, '2026-10-21T10:00:00Z', { segment: bob }),
    { score: 1, at: '2026-10-22T10:00:00Z', comment: XSS },
    { score: 10, at: '2026-10-23T10:00:00Z', comment: 'Lovely people' },
  ]);
  await seedUnanswered(ctx, ws, 10, '2026-10-15T10:00:00Z');
  const manager = await createUser(ctx, ws, { role: 'manager', name: 'Maud' });
  const agentUser = await createUser(ctx, ws, { role: 'agent', teams: ['Support'] });
  const { agent: asManager } = await signIn(ctx, manager.email, undefined, nextIp());
  const { agent: asAgent } = await signIn(ctx, agentUser.email, undefined, nextIp());
  return { ws, asManager, asAgent };
}

const page = (query: Record<string, string>) =>
  `/app/reports?${new URLSearchParams(query).toString()}`;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const tableOf = (html: string) => /<table class="breakdown"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';

describe('GET /app/reports', () => {
  it('when a manager opens the dashboard, then the headline, chart and tables match the JSON API', async () => {
    const { asManager } = await dashboard();
    const res = await asManager.get(page({ type: 'nps', ...range, by: 'agent' })).expect(200);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.text).not.toMatch(/<script/i);
    expect(res.text).toContain('href="/assets/reports.css?v&#x3D;');

    const api = await asManager
      .get('/api/v1/reports/summary')
      .query({ type: 'nps', ...range, groupBy: 'agent' })
      .expect(200);
    const { overall } = api.body;
    expect(overall.n).toBe(46);
    expect(res.text).toContain(`data-testid="score">${overall.score}<`);
    expect(res.text).toContain(`data-testid="ci">${overall.ci95[0]} to ${overall.ci95[1]}<`);
    expect(res.text).toContain(`data-testid="n">${overall.n}<`);
    expect(res.text).toContain(`data-testid="rate">${overall.responseRate}%<`);

    // The trend chart is an accessible SVG with its band and a text alternative.
    expect(res.text).toMatch(/<svg[^>]*class="chart trend-chart" role="img"/);
    expect(res.text).toMatch(/<title id="trend-[^"]+">NPS per week<\/title>/);
    expect(res.text).toContain('<polygon class="band"');
    expect(res.text).toContain('Trend as a table');
    expect(res.text).toContain('class="chart distribution-chart"');

    const table = text(tableOf(res.text));
    for (const group of api.body.groups) {
      expect(table).toContain(`${group.label}`);
      expect(table).toContain(`${group.score}`);
    }
    // Bob has 16 answers: low n, greyed.
    expect(tableOf(res.text)).toMatch(/<tr class="low-n"><th scope="row">Bob/);
    expect(tableOf(res.text)).toMatch(/<tr><th scope="row">Alice/);

    // CSV links carry the same filters.
    expect(res.text).toContain(
      'href="/api/v1/reports/responses.csv?type&#x3D;nps&amp;from&#x3D;2026-10-01&amp;to&#x3D;2026-10-31"',
    );
    const csv = await asManager
      .get('/api/v1/reports/responses.csv')
      .query({ type: 'nps', ...range })
      .expect(200);
    expect(csv.text.trim().split('\n').length).toBeGreaterThan(46);
  });

  it('when the breakdown changes, then the table follows the chosen dimension', async () => {
    const { asManager } = await dashboard();
    const byTeam = tableOf(
      (await asManager.get(page({ type: 'nps', ...range, by: 'team' })).expect(200)).text,
    );
    expect(byTeam).toContain('<th scope="col">Team</th>');
    expect(byTeam).toContain('Support');
    expect(byTeam).toContain('Sales');
    expect(byTeam).not.toContain('Alice');
    const byProduct = tableOf(
      (await asManager.get(page({ type: 'nps', ...range, by: 'product' })).expect(200)).text,
    );
    expect(byProduct).toContain('<th scope="col">Product</th>');
    expect(byProduct).toContain('Basic');
    expect(byProduct).toContain('Pro');
    expect(byProduct).not.toContain('Sales');
  });

  it('when a comment holds markup, then it is shown escaped; the category filter narrows the list', async () => {
    const { asManager } = await dashboard();
    const res = await asManager.get(page({ type: 'nps', ...range })).expect(200);
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(res.text).toContain('Lovely people');
    const detractors = await asManager
      .get(page({ type: 'nps', ...range, category: 'detractor' }))
      .expect(200);
    expect(detractors.text).toContain('&lt;script&gt;');
    expect(detractors.text).not.toContain('Lovely people');
    expect(detractors.text).toMatch(/aria-current="page">Detractors</);
  });

  it('when there are no answers, then the page still renders with empty charts', async () => {
    const { asManager } = await dashboard();
    const res = await asManager
      .get(page({ type: 'ces', from: '2025-01-01', to: '2025-01-31' }))
      .expect(200);
    expect(res.text).toContain('data-testid="n">0<');
    expect(res.text).toContain('No answers in this period');
    expect(res.text).toContain('Low n');
  });

  it('when an agent opens the reports, then a 403 page; bad filters give a 400 page; signed out goes to login', async () => {
    const { asAgent, asManager } = await dashboard();
    const res = await asAgent.get('/app/reports').expect(403);
    expect(res.text).toContain('Not allowed');
    expect((await asManager.get('/app/reports').expect(200)).text).toContain('type="date"');
    await asManager.get(page({ type: 'xyz' })).expect(400);
    await asManager.get(page({ from: '2026-13-45' })).expect(400);
    await asManager.get(page({ from: '2026-10-31', to: '2026-10-01' })).expect(400);
    await asManager.get(page({ by: 'colour' })).expect(400);
    const tooLong = await asManager.get(page({ from: '2020-01-01', to: '2026-01-01' })).expect(400);
    expect(tooLong.text).toContain('must not exceed 2 years');
    const anon = await request(ctx.app).get('/app/reports').expect(303);
    expect(anon.headers.location).toBe('/login?next=%2Fapp%2Freports');
  });
});
