import request from 'supertest';
import { Types } from 'mongoose';
import { responseModel } from '../../src/responses/response.model';
import { taskModel } from '../../src/tasks/task.model';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { createUser, FAST_HASHING, nextIp, signIn } from './auth-helpers';
import { many, rawTask, seedAnswers, seedUnanswered } from './reports-helpers';

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
const commentsOf = (html: string) => /<ol class="comments">[\s\S]*?<\/ol>/.exec(html)?.[0] ?? '';
const testId = (html: string, id: string) =>
  new RegExp(`data-testid="${id}">([^<]*)<`).exec(html)?.[1];

const T0 = new Date('2026-10-07T10:05:00Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** Follow-up tasks on four of the workspace's NPS detractor answers (raw: the test's clock). */
async function seedTasks(workspaceId: Types.ObjectId) {
  const detractors = await responseModel(ctx.container.mongo)
    .find({ workspaceId, surveyType: 'nps', category: 'detractor' })
    .sort({ answeredAt: 1 })
    .limit(4)
    .lean();
  const task = (i: number, fields: Record<string, unknown>) =>
    rawTask(
      { workspaceId, responseId: detractors[i]!._id, originKey: `page-test:${i}`, at: T0 },
      fields,
    );
  await taskModel(ctx.container.mongo).collection.insertMany([
    // Reached and fixed within the hour.
    task(0, {
      status: 'resolved',
      firstActionAt: later(600),
      resolvedAt: later(3600),
      outcome: { reachedCustomer: true, problemFixed: 'yes' },
    }),
    // Worked on, still open, flagged overdue: contacted, one breach.
    task(1, { status: 'in_progress', firstActionAt: later(1200), overdue: true }),
    // Resolved two days in, after its due date, customer never reached: another breach.
    task(2, {
      status: 'resolved',
      firstActionAt: later(1800),
      resolvedAt: later(172800),
      outcome: { reachedCustomer: false, problemFixed: 'no' },
    }),
    // Waiting in the queue, not yet due.
    task(3, { dueAt: new Date('2030-01-01T00:00:00Z') }),
  ]);
}

describe('GET /app/reports', () => {
  it('when a manager reads the dashboard in French, then headings, labels and dates are French', async () => {
    const { asManager } = await dashboard();
    const res = await asManager
      .get(page({ ...range, type: 'nps', by: 'agent' }))
      .set('Accept-Language', 'fr-FR,fr')
      .expect(200);
    expect(res.text).toMatch(/<html lang="fr">/);
    const body = text(res.text);
    expect(body).toContain('Rapports · NPS');
    expect(body).toContain('Évolution par semaine');
    expect(body).toContain('Par Agent');
    expect(body).toContain('Promoteurs');
    expect(body).toContain('plus haut, c’est mieux');
    expect(body).toContain('Réponses de détracteurs');
    expect(body).toMatch(/\d{1,2} oct\.? 2026, \d{2}:\d{2}/);
    expect(body).not.toContain('Trend per week');
  });

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
    expect(tableOf(res.text)).toMatch(
      /<tr class="low-n"><th scope="row"><span class="row-label"><a [^>]*>Bob</,
    );
    expect(tableOf(res.text)).toMatch(
      /<tr><th scope="row"><span class="row-label"><a [^>]*>Alice</,
    );

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

  it('when detractors have follow-up tasks, then the funnel shows counts, shares, median/p90 times and breaches as the JSON API', async () => {
    const { ws, asManager } = await dashboard();
    await seedTasks(ws.workspaceId);
    const res = await asManager.get(page({ type: 'nps', ...range })).expect(200);
    // 9 detractors (8 × 3 and the 1); 4 with a task; contacted: the reached one and the worked
    // one; resolved after contact: 1 (the other resolution never reached the customer). First actions after 10, 20, 30 min; resolutions after 1 h and 2 days.
    expect(res.text).toMatch(/<svg[^>]*class="chart funnel-chart" role="img"/);
    const figures = [...res.text.matchAll(/<text class="step-figure"[^>]*>([^<]*)</g)].map(
      (m) => m[1],
    );
    expect(figures).toEqual(['9', '4 · 44.4%', '2 · 22.2%', '1 · 11.1%']);
    const step = (key: string) =>
      text(new RegExp(`<tr data-step="${key}">[\\s\\S]*?</tr>`).exec(res.text)?.[0] ?? '').trim();
    expect(step('answered')).toBe('Detractors answered 9 –');
    expect(step('task')).toBe('With a follow-up task 4 44.4%');
    expect(step('contacted')).toBe('Customer contacted 2 22.2%');
    expect(step('resolved')).toBe('Resolved after contact 1 11.1%');
    expect(testId(res.text, 'resolved-without-contact')).toBe('1');
    expect(testId(res.text, 'first-action')).toBe('median 20 min · p90 30 min');
    expect(testId(res.text, 'resolution')).toBe('median 1 h · p90 2 d');
    expect(testId(res.text, 'sla-breaches')).toBe('2');

    const api = await asManager
      .get('/api/v1/reports/followup')
      .query({ type: 'nps', ...range })
      .expect(200);
    const o = api.body.overall;
    expect([o.detractors, o.withTask, o.contacted, o.resolved, o.slaBreaches]).toEqual([
      9, 4, 2, 1, 2,
    ]);
    expect(o.resolvedWithoutContact).toBe(1);
    expect(o.timeToFirstAction).toEqual({ n: 3, median: 1200, p90: 1800 });
    expect(o.timeToResolution).toEqual({ n: 2, median: 3600, p90: 172800 });

    // CSAT has no answers here: the page's one empty state, no empty funnel, no NaN.
    const csat = await asManager.get(page({ type: 'csat', ...range })).expect(200);
    expect(csat.text).toContain('data-testid="empty-state"');
    expect(csat.text).not.toContain('data-testid="funnel"');
    expect(csat.text).not.toContain('NaN');
  });

  it('when answers come at different hours, then the heat map counts them per weekday × hour in the workspace zone', async () => {
    const { asManager } = await dashboard();
    const res = await asManager.get(page({ type: 'nps', ...range })).expect(200);
    // Hour by hour for wide screens; phones get 3-hour blocks.
    const wide = /data-testid="heatmap">(<svg[\s\S]*?<\/svg>)/.exec(res.text)?.[1] ?? '';
    const narrow = /data-testid="heatmap-narrow">(<svg[\s\S]*?<\/svg>)/.exec(res.text)?.[1] ?? '';
    expect(wide).toMatch(/^<svg[^>]*class="chart heatmap-chart" role="img"/);
    expect(wide.match(/<rect class="cell level-/g)).toHaveLength(7 * 24);
    expect(narrow.match(/<rect class="cell level-/g)).toHaveLength(7 * 8);
    expect(narrow).toContain('<title>Tue 12:00–15:00: 20 answers, 0 invitations sent</title>');
    expect(narrow).toContain('<title>Thu 09:00–12:00: 0 answers, 1 invitation sent</title>');
    // Europe/Paris is UTC+2 until 25 October: 10:00Z answers fall in the 12:00 hour, their
    // invitations (sent an hour before) in the 11:00 hour.
    const cell = (title: string) =>
      new RegExp(`<rect class="cell level-(\\d)"[^>]*data-count="(\\d+)"><title>${title}</title>`)
        .exec(wide)
        ?.slice(1);
    // Tuesday 6 Oct: 20 answers; Wednesdays 7, 14 and 21 Oct: 8 + 12 + 4; the busiest is 24.
    expect(cell('Tue 12:00–13:00: 20 answers, 0 invitations sent')).toEqual(['4', '20']);
    expect(cell('Tue 11:00–12:00: 0 answers, 20 invitations sent')).toEqual(['0', '0']);
    expect(cell('Wed 12:00–13:00: 24 answers, 0 invitations sent')).toEqual(['4', '24']);
    expect(cell('Thu 12:00–13:00: 1 answer, 10 invitations sent')).toEqual(['1', '1']);
    expect(cell('Fri 12:00–13:00: 1 answer, 0 invitations sent')).toEqual(['1', '1']);
    expect(text(res.text)).toContain(
      '46 answers, 56 invitations sent; hours in Europe/Paris. Busiest hour: Wed 12:00–13:00 (24 answers).',
    );
    // The legend: 0, then quarters of the busiest cell's 24.
    const legend = [...wide.matchAll(/<text class="legend-range"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(legend).toEqual(['0', '1–6', '7–12', '13–18', '19–24']);

    // Every non-empty cell of the JSON volume report is on the page with the same counts.
    const api = await asManager
      .get('/api/v1/reports/volume')
      .query({ type: 'nps', ...range })
      .expect(200);
    const busy = api.body.byWeekdayHour.filter(
      (c: { answers: number; sent: number }) => c.answers > 0 || c.sent > 0,
    );
    expect(busy).toHaveLength(8);
    for (const c of busy) {
      const hh = (h: number) => String(h % 24).padStart(2, '0');
      const answers = `${c.answers} answer${c.answers === 1 ? '' : 's'}`;
      const sent = `${c.sent} invitation${c.sent === 1 ? '' : 's'} sent`;
      expect(res.text).toContain(
        `<title>${c.label} ${hh(c.hour)}:00–${hh(c.hour + 1)}:00: ${answers}, ${sent}</title>`,
      );
    }
  });

  it('when comments are narrowed to a segment, then only that segment’s comments show, within the workspace', async () => {
    const { ws, asManager } = await dashboard();
    const bob = { agentId: 'b2', agentName: 'Bob', team: 'Sales', product: 'Basic' };
    await seedAnswers(ctx, ws, [
      { score: 9, at: '2026-10-24T10:00:00Z', comment: 'Bob sorted it out', segment: bob },
      { score: 2, at: '2026-10-24T11:00:00Z', comment: 'Sales kept me waiting', segment: bob },
    ]);
    // Another workspace's Bob (same agent id) must never leak in.
    const other = await createTestWorkspace(ctx, 'Other');
    await seedAnswers(ctx, other, [
      { score: 3, at: '2026-10-24T12:00:00Z', comment: 'Other workspace', segment: bob },
    ]);

    const all = commentsOf((await asManager.get(page({ type: 'nps', ...range })).expect(200)).text);
    expect(all).toContain('Lovely people');
    expect(all).toContain('Bob sorted it out');
    expect(all).not.toContain('Other workspace');

    // Agent b2, breakdown by team: the values come from a summary by agent.
    const byAgent = await asManager
      .get(page({ type: 'nps', ...range, by: 'team', cdim: 'agent', cval: 'b2' }))
      .expect(200);
    const agentComments = commentsOf(byAgent.text);
    expect(agentComments).toContain('Bob sorted it out');
    expect(agentComments).toContain('Sales kept me waiting');
    expect(agentComments).not.toContain('Lovely people');
    expect(agentComments).not.toContain('&lt;script&gt;');
    expect(agentComments).not.toContain('Other workspace');
    const active = /data-testid="comment-segment">[\s\S]*?<\/p>/.exec(byAgent.text)?.[0] ?? '';
    expect(text(active)).toContain('Comments for Agent: Bob · all segments');
    expect(byAgent.text).toContain('<option value="b2">Bob</option>');
    expect(byAgent.text).toMatch(/<option value="agent" selected>Agent<\/option>/);
    // The other blocks are not narrowed; the category chips and the main form keep the segment.
    expect(byAgent.text).toContain('data-testid="n">48<');
    expect(byAgent.text).toContain(
      'href="/app/reports?type&#x3D;nps&amp;from&#x3D;2026-10-01&amp;to&#x3D;2026-10-31&amp;by&#x3D;team&amp;category&#x3D;detractor&amp;cdim&#x3D;agent&amp;cval&#x3D;b2"',
    );
    expect(byAgent.text).toContain('<input type="hidden" name="cval" value="b2">');

    // Managers know agents by name: the name finds the same comments.
    const byName = await asManager
      .get(page({ type: 'nps', ...range, cdim: 'agent', cval: 'Bob' }))
      .expect(200);
    expect(commentsOf(byName.text)).toBe(agentComments);

    // Category and segment together: Sales' detractors only.
    const salesDetractors = commentsOf(
      (
        await asManager
          .get(page({ type: 'nps', ...range, category: 'detractor', cdim: 'team', cval: 'Sales' }))
          .expect(200)
      ).text,
    );
    expect(text(salesDetractors)).toContain('Sales kept me waiting');
    expect(salesDetractors).not.toContain('Bob sorted it out');
    expect(salesDetractors).not.toContain('&lt;script&gt;');

    // The breakdown rows link to their own comments.
    const byTeam = await asManager.get(page({ type: 'nps', ...range, by: 'team' })).expect(200);
    expect(tableOf(byTeam.text)).toContain(
      'href="/app/reports?type&#x3D;nps&amp;from&#x3D;2026-10-01&amp;to&#x3D;2026-10-31&amp;by&#x3D;team&amp;cdim&#x3D;team&amp;cval&#x3D;Sales#comments-h"',
    );

    // A value nobody has: no comments, not an error.
    const nobody = await asManager
      .get(page({ type: 'nps', ...range, cdim: 'region', cval: 'Mars' }))
      .expect(200);
    expect(nobody.text).toContain('No comments here.');
  });

  it('when the comment segment is unknown or incomplete, then the 400 page names cdim', async () => {
    const { asManager } = await dashboard();
    const unknown = await asManager
      .get(page({ type: 'nps', ...range, cdim: 'colour', cval: 'red' }))
      .expect(400);
    expect(text(unknown.text)).toContain('Check cdim must be one of agent, team, channel');
    const orphan = await asManager.get(page({ type: 'nps', ...range, cval: 'b2' })).expect(400);
    expect(text(orphan.text)).toContain('Check cdim must name the segment');
    // A dimension without a value is a half-filled form: the page shows, unfiltered.
    const half = await asManager.get(page({ type: 'nps', ...range, cdim: 'team' })).expect(200);
    expect(commentsOf(half.text)).toContain('Lovely people');
    expect(half.text).not.toContain('data-testid="comment-segment"');
  });

  it('when switching survey type, then the tabs keep dates, breakdown and segment in the URL', async () => {
    const { asManager } = await dashboard();
    const res = await asManager
      .get(page({ type: 'csat', ...range, by: 'agent', cdim: 'team', cval: 'Sales' }))
      .expect(200);
    expect(res.text).toContain(
      '<a href="/app/reports?type&#x3D;nps&amp;from&#x3D;2026-10-01&amp;to&#x3D;2026-10-31&amp;by&#x3D;agent&amp;cdim&#x3D;team&amp;cval&#x3D;Sales">NPS</a>',
    );
    expect(res.text).toMatch(/<a href="[^"]*type&#x3D;csat[^"]*" aria-current="page">CSAT<\/a>/);
    expect(res.text).toContain('>CES</a>');
  });

  it('when there are no answers, then one empty state with the range in words, and no charts', async () => {
    const { asManager } = await dashboard();
    const res = await asManager
      .get(page({ type: 'ces', from: '2025-01-01', to: '2025-01-31' }))
      .expect(200);
    expect(res.text.match(/data-testid="empty-state"/g)).toHaveLength(1);
    expect(res.text).toContain('<h2 id="empty-h">No answers in this period</h2>');
    expect(res.text).not.toContain('<svg');
    expect(res.text).not.toContain('data-testid="n"');
    expect(text(res.text)).toContain('From January 1, 2025 to January 31, 2025, both included');
    expect(res.text).toContain('Show the last 12 weeks');
    // The filters stay, to choose other dates.
    expect(res.text).toContain('name="from" value="2025-01-01" lang="en"');
    const fr = await asManager
      .get(page({ type: 'ces', from: '2025-01-01', to: '2025-01-31' }))
      .set('Accept-Language', 'fr')
      .expect(200);
    expect(text(fr.text)).toContain('Du 1 janvier 2025 au 31 janvier 2025 inclus');
    expect(fr.text).toContain('name="from" value="2025-01-01" lang="fr"');
    expect(text(fr.text)).toContain('Choisi : 1 janvier 2025');
  });

  it('when the page is filtered to a segment, then every figure is that segment’s, as the JSON API says, and the filter stays in every link', async () => {
    const { asManager } = await dashboard();
    const view = { type: 'nps', ...range, by: 'team', 'filter[agent]': 'b2' };
    const res = await asManager.get(page(view)).expect(200);
    const api = await asManager
      .get('/api/v1/reports/summary')
      .query({ type: 'nps', ...range, groupBy: 'team', 'filter[agent]': 'b2' })
      .expect(200);
    expect(api.body.overall.n).toBe(16);
    expect(testId(res.text, 'n')).toBe('16');
    expect(testId(res.text, 'score')).toBe(String(api.body.overall.score));
    const table = text(tableOf(res.text));
    expect(table).toContain('Sales');
    expect(table).not.toContain('Support');
    expect(text(commentsOf(res.text))).not.toContain('Lovely people');

    const chips = /data-testid="active-filters">[\s\S]*?<\/nav>/.exec(res.text)?.[0] ?? '';
    expect(text(chips)).toContain('Agent: b2');
    expect(chips).toContain('href="/app/reports?type&#x3D;nps&amp;from&#x3D;2026-10-01');
    expect(chips).not.toContain('filter%5Bagent%5D');
    expect(res.text).toContain('<input type="hidden" name="filter[agent]" value="b2">');
    expect(res.text).toContain('filter%5Bagent%5D&#x3D;b2'); // type tabs and CSV links keep it
    const csv = await asManager
      .get('/api/v1/reports/responses.csv')
      .query({ type: 'nps', ...range, 'filter[agent]': 'b2' })
      .expect(200);
    expect(csv.text.trim().split('\n')).toHaveLength(1 + 16);

    // Drill down from the breakdown: "only this" on a team row filters the whole page to it.
    const byTeam = await asManager.get(page({ type: 'nps', ...range, by: 'team' })).expect(200);
    expect(byTeam.text).toContain('filter%5Bteam%5D&#x3D;Sales');
  });

  it('when a page filter names an unknown dimension, then the 400 page names it', async () => {
    const { asManager } = await dashboard();
    const res = await asManager
      .get(page({ type: 'nps', ...range, 'filter[shoeSize]': '42' }))
      .expect(400);
    expect(res.text).toContain('filter[shoeSize] must be one of agent, team');
  });

  it('when the workspace holds demo history, then the dashboard says so', async () => {
    const { ws, asManager } = await dashboard();
    const plain = await asManager.get(page({ type: 'nps', ...range })).expect(200);
    expect(plain.text).not.toContain('data-testid="demo-banner"');
    await ctx.container.mongo
      .collection('workspaces')
      .updateOne(
        { _id: ws.workspaceId },
        { $set: { demoHistorySeededAt: new Date('2026-11-02T08:00:00Z') } },
      );
    const demo = await asManager.get(page({ type: 'nps', ...range })).expect(200);
    expect(text(demo.text)).toContain('Demo data. These reports include made-up answers');
    expect(demo.text).toContain('2026-11-02');
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

describe('better and worse, by what a change means for customers', () => {
  async function managerOf(answers: Parameters<typeof seedAnswers>[2]) {
    const ws = await createTestWorkspace(ctx);
    await seedAnswers(ctx, ws, answers);
    const manager = await createUser(ctx, ws, { role: 'manager', name: 'Maud' });
    const { agent } = await signIn(ctx, manager.email, undefined, nextIp());
    return agent;
  }

  it('when CES effort drops sharply, then the change is marked better (green), and a rise worse (red)', async () => {
    const asManager = await managerOf([
      ...many(40, 5, '2026-10-06T10:00:00Z', { type: 'ces' }),
      ...many(40, 1, '2026-10-13T10:00:00Z', { type: 'ces' }),
      ...many(40, 5, '2026-10-20T10:00:00Z', { type: 'ces' }),
    ]);
    const res = await asManager.get(page({ type: 'ces', ...range })).expect(200);
    expect(res.text).toContain('<tr class="significant better"><th scope="row">2026-W42');
    expect(res.text).toContain('(significantly better)');
    expect(res.text).toContain('<tr class="significant worse"><th scope="row">2026-W43');
    expect(res.text).toMatch(/<circle class="significant better"[^>]*stroke="#146c2e"/);
    expect(res.text).toMatch(/<circle class="significant worse"[^>]*stroke="#b3261e"/);
  });

  it('when one team of a breakdown is far below the others, then only it is marked worse, with the false-discovery legend, in French too', async () => {
    const team = (name: string) => ({ segment: { team: name } });
    const good = ['A', 'B', 'C', 'D', 'E', 'F'].flatMap((name) => [
      ...many(30, 10, '2026-10-08T10:00:00Z', team(name)),
      ...many(10, 8, '2026-10-08T10:00:00Z', team(name)),
      ...many(10, 3, '2026-10-08T10:00:00Z', team(name)),
    ]);
    const asManager = await managerOf([
      ...good,
      ...many(5, 10, '2026-10-08T10:00:00Z', team('G')),
      ...many(45, 2, '2026-10-08T10:00:00Z', team('G')),
    ]);
    const res = await asManager.get(page({ type: 'nps', by: 'team', ...range })).expect(200);
    const marks = [...tableOf(res.text).matchAll(/data-verdict="(\w+)"/g)].map((m) => m[1]);
    expect(marks).toEqual(['worse']);
    expect(tableOf(res.text)).toMatch(/>G<\/a>[\s\S]*?data-verdict="worse">worse</);
    expect(testId(res.text, 'fdr-legend')).toContain('Benjamini–Hochberg');
    const fr = await asManager
      .get(page({ type: 'nps', by: 'team', ...range }))
      .set('Accept-Language', 'fr')
      .expect(200);
    expect(tableOf(fr.text)).toContain('data-verdict="worse">moins bon<');
  });
});
