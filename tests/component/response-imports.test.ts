/**
 * Importing Delighted's and Formbricks' CSV exports (sample files written from their documented
 * column layouts, tests/support/imports/) through the API: the expected scores arrive as
 * responses marked as imported, with their segment fields, and the reports count them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('response-imports');
});
afterAll(() => ctx.close());

const sample = (name: string) =>
  readFileSync(path.join(__dirname, '../support/imports', name), 'utf8');

const post = (ws: TestWorkspace, format: string, csv: string, query = '') =>
  request(ctx.app)
    .post(`/api/v1/imports/${format}${query}`)
    .set(ws.auth)
    .set('Content-Type', 'text/csv')
    .send(csv);

const stored = (ws: TestWorkspace) =>
  ctx.container.mongo
    .db!.collection('responses')
    .find({ workspaceId: ws.workspaceId })
    .sort({ answeredAt: 1, _id: 1 })
    .toArray();

const summary = async (ws: TestWorkspace, query = '') =>
  (
    await request(ctx.app)
      .get(`/api/v1/reports/summary?type=nps&from=2026-09-01&to=2026-11-01${query}`)
      .set(ws.auth)
      .expect(200)
  ).body;

describe('response imports', () => {
  it('when a Delighted export is imported, then its scores, comments and properties become responses the reports count', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await post(ws, 'delighted', sample('delighted-responses.csv')).expect(200);
    expect(res.body).toMatchObject({ format: 'delighted', imported: 5, alreadyImported: 0 });
    const responses = await stored(ws);
    expect(responses.map((r) => r.score)).toEqual([10, 9, 9, 7, 3]);
    expect(responses.map((r) => r.category)).toEqual([
      'promoter',
      'promoter',
      'promoter',
      'passive',
      'detractor',
    ]);
    expect(responses[0]).toMatchObject({
      comment: 'Fast, friendly and "spot on"',
      source: 'import',
      tags: ['imported:delighted'],
      answeredAt: new Date('2026-10-02T09:14:00Z'),
      segment: {
        team: 'Billing',
        product: 'Fibre',
        region: 'North',
        interactionType: 'import.delighted',
        attributes: { 'Plan tier': 'Gold' },
      },
    });
    expect(responses[2]!.comment).toBe('Good, but the wait\nwas long');
    const contact = await ctx.container.mongo
      .db!.collection('contacts')
      .findOne({ _id: responses[4]!.contactId });
    expect(contact).toMatchObject({ email: 'emma.leroy@example.com', name: 'Emma Leroy' });

    const report = await summary(ws);
    expect(report.overall).toMatchObject({ n: 5, score: 40 });
    const byTeam = await summary(ws, '&groupBy=team');
    const teams = Object.fromEntries(
      byTeam.groups.map((g: { key: string; n: number }) => [g.key, g.n]),
    );
    expect(teams).toEqual({ Billing: 2, Support: 3 });

    const again = await post(ws, 'delighted', sample('delighted-responses.csv')).expect(200);
    expect(again.body).toMatchObject({ imported: 0, alreadyImported: 5 });
    expect(await stored(ws)).toHaveLength(5);
    const trail = await request(ctx.app)
      .get('/api/v1/audit?action=responses.imported')
      .set(ws.auth)
      .expect(200);
    expect(trail.body.entries).toHaveLength(2);
  });

  it('when a Formbricks export is imported, then the score and comment questions are found and unfinished rows skipped', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await post(ws, 'formbricks', sample('formbricks-responses.csv')).expect(200);
    expect(res.body).toMatchObject({ format: 'formbricks', imported: 3, alreadyImported: 0 });
    const responses = await stored(ws);
    expect(responses.map((r) => [r.score, r.comment])).toEqual([
      [10, 'Great onboarding'],
      [6, 'Too slow, too expensive'],
      [8, null],
    ]);
    expect(responses[1]).toMatchObject({
      source: 'import',
      tags: ['imported:formbricks'],
      answeredAt: new Date('2026-10-11T12:30:00Z'),
      segment: { team: 'Support', product: 'Basic', interactionType: 'import.formbricks' },
    });
    expect(responses[1]!.segment.attributes).toEqual({});
    expect((await summary(ws)).overall).toMatchObject({ n: 3, score: 0 });
    // Imported answers were never sent: response rates do not count them.
    const invitations = await ctx.container.mongo
      .db!.collection('invitations')
      .find({ workspaceId: ws.workspaceId })
      .toArray();
    expect(invitations.map((i) => [i.status, i.sentAt ?? null])).toEqual([
      ['answered', null],
      ['answered', null],
      ['answered', null],
    ]);
  });

  it('when the file or the query is bad, then 400 names the row or field and nothing is stored', async () => {
    const ws = await createTestWorkspace(ctx);
    const bad =
      'Response ID,Score,Comment,Response timestamp\n1,10,ok,2026-10-01T00:00:00Z\n2,11,no,2026-10-01T00:00:00Z\n3,5,x,yesterday\n';
    const res = await post(ws, 'delighted', bad).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['row 3', 'row 4']);
    expect(await stored(ws)).toHaveLength(0);
    const noScore = await post(ws, 'delighted', 'Response ID,Comment\n1,hi\n').expect(400);
    expect(noScore.body.errors).toContainEqual({ path: 'file', message: 'has no Score column' });
    const unclosed = await post(ws, 'formbricks', 'Response ID,Timestamp\n"1,2026\n').expect(400);
    expect(unclosed.body.errors[0].path).toMatch(/^line /);
    const format = await post(ws, 'typeform', 'a,b\n1,2\n').expect(400);
    expect(format.body.errors.map((e: { path: string }) => e.path)).toEqual(['format']);
    const column = await post(
      ws,
      'formbricks',
      sample('formbricks-responses.csv'),
      '?scoreColumn=Nope',
    ).expect(400);
    expect(column.body.errors).toEqual([{ path: 'scoreColumn', message: expect.any(String) }]);
    await request(ctx.app)
      .post('/api/v1/imports/delighted')
      .set(ws.auth)
      .send({ a: 1 })
      .expect(400);
    const reader = await createTestWorkspace(ctx, 'Reader', ['reports:read']);
    await post(reader, 'delighted', sample('delighted-responses.csv')).expect(403);
  });
});
