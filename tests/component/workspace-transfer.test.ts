/**
 * Whole-workspace export and import between two installations (two apps, two databases): data
 * made through the real flow leaves as NDJSON, in one stream or in cursor-resumed pieces, and
 * arrives in a new workspace of the other installation with the same ids; importing it again
 * changes nothing; reports read the same figures there.
 */
import { mongo, Types } from 'mongoose';
import request from 'supertest';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { createUser, FAST_HASHING } from './auth-helpers';
import { answer, linkInvitation } from './landing-helpers';

const { EJSON } = mongo.BSON;

let source: TestContext;
let target: TestContext;
beforeAll(async () => {
  source = await startTestContext('transfer-source', FAST_HASHING);
  target = await startTestContext('transfer-target', FAST_HASHING);
});
afterAll(async () => {
  await source.close();
  await target.close();
});

interface Line {
  type: string;
  collection?: string;
  cursor?: string;
  doc?: Record<string, unknown>;
  counts?: Record<string, number>;
}

const parse = (text: string): Line[] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => EJSON.parse(l, { relaxed: true }) as Line);

async function exportAll(ctx: TestContext, ws: TestWorkspace, query = '') {
  const res = await request(ctx.app)
    .get(`/api/v1/workspace/export${query}`)
    .set(ws.auth)
    .buffer(true)
    .parse((r, done) => {
      let text = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (text += c));
      r.on('end', () => done(null, text));
    })
    .expect(200)
    .expect('Content-Type', /application\/x-ndjson/);
  return res.body as string;
}

const importText = (ctx: TestContext, ws: TestWorkspace, text: string) =>
  request(ctx.app)
    .post('/api/v1/workspace/import')
    .set(ws.auth)
    .set('Content-Type', 'application/x-ndjson')
    .send(text);

async function seedSource(ws: TestWorkspace) {
  const api = (m: 'post' | 'patch', path: string, body: object) =>
    request(source.app)[m](`/api/v1${path}`).set(ws.auth).send(body);
  await api('patch', '/workspace', { timezone: 'Europe/London', fatigueWindowDays: 12 }).expect(
    200,
  );
  const survey = await api('post', '/surveys', {
    key: 'nps-moved',
    type: 'nps',
    name: 'Moved NPS',
    question: { en: 'Recommend us?' },
    followUpQuestion: { en: 'Why?' },
    thankYou: { en: 'Thanks' },
  }).expect(201);
  await api('post', '/triggers', {
    name: 'Solved',
    eventType: 'ticket.solved',
    surveyId: survey.body.id,
    channels: ['email'],
  }).expect(201);
  await createUser(source, ws, { role: 'manager', email: 'moving.manager@example.com' });
  for (const [score, comment] of [
    ['3', 'late again'],
    ['9', 'great'],
    ['10', ''],
  ] as const) {
    const inv = await linkInvitation(source, ws);
    await answer(source, inv, { score, ...(comment ? { comment } : {}) }, 303);
  }
}

const summary = async (ctx: TestContext, ws: TestWorkspace) =>
  (await request(ctx.app).get('/api/v1/reports/summary?type=nps').set(ws.auth).expect(200)).body;

describe('workspace export and import', () => {
  it('when a workspace is exported and imported into another installation, then every document arrives with its id, once', async () => {
    const from = await createTestWorkspace(source, 'Leaving');
    await seedSource(from);
    const text = await exportAll(source, from);
    const lines = parse(text);
    expect(lines[0]).toMatchObject({ type: 'header', workspace: { timezone: 'Europe/London' } });
    expect(lines.at(-1)!.type).toBe('end');
    const docs = lines.filter((l) => l.type === 'doc');
    const collections = new Set(docs.map((l) => l.collection));
    for (const c of [
      'contacts',
      'interactions',
      'invitations',
      'responses',
      'surveys',
      'triggers',
      'rules',
      'users',
      'audit_entries',
    ])
      expect(collections).toContain(c);
    expect(collections).not.toContain('apikeys');
    expect(text).not.toMatch(/passwordHash|argon2/);

    const to = await createTestWorkspace(target, 'Arriving');
    const first = await importText(target, to, text);
    expect(first.body.errors).toBeUndefined();
    expect(first.status).toBe(200);
    expect(first.body.complete).toBe(true);
    expect(first.body.conflicts).toEqual({});
    const total = Object.values(first.body.imported as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    expect(total).toBe(docs.length);

    const tdb = target.container.mongo.db!;
    for (const line of docs) {
      const stored = await tdb
        .collection(line.collection!)
        .findOne({ _id: line.doc!._id as Types.ObjectId });
      expect(stored).toEqual({ ...line.doc, workspaceId: to.workspaceId });
    }
    // The target's own default surveys and rules made way for the imported ones of the same key.
    const sdb = source.container.mongo.db!;
    for (const c of ['surveys', 'rules'])
      expect(await tdb.collection(c).countDocuments({ workspaceId: to.workspaceId })).toBe(
        await sdb.collection(c).countDocuments({ workspaceId: from.workspaceId }),
      );
    const workspace = await request(target.app).get('/api/v1/workspace').set(to.auth).expect(200);
    expect(workspace.body).toMatchObject({
      name: 'Leaving',
      timezone: 'Europe/London',
      fatigueWindowDays: 12,
    });

    const counts = async () =>
      Promise.all(
        [...collections]
          .filter((c) => c !== 'audit_entries')
          .map((c) => tdb.collection(c!).countDocuments({ workspaceId: to.workspaceId })),
      );
    const once = await counts();
    await importText(target, to, text).expect(200);
    expect(await counts()).toEqual(once);

    const a = await summary(source, from);
    const b = await summary(target, to);
    expect({ ...b.overall }).toEqual({ ...a.overall });
    const trail = await request(target.app)
      .get('/api/v1/audit?action=workspace.imported')
      .set(to.auth)
      .expect(200);
    expect(trail.body.entries).toHaveLength(2);
  });

  it('when the export is fetched in pieces by cursor, then the pieces together are the whole export', async () => {
    const ws = await createTestWorkspace(source, 'Pieces');
    await seedSource(ws);
    const whole = parse(await exportAll(source, ws)).filter((l) => l.type === 'doc');
    const pieces: Line[] = [];
    let cursor: string | null = null;
    let calls = 0;
    do {
      const q: string = cursor ? `?limit=7&cursor=${cursor}` : '?limit=7';
      const lines = parse(await exportAll(source, ws, q));
      pieces.push(...lines.filter((l) => l.type === 'doc'));
      const last = lines.at(-1)!;
      cursor = last.type === 'more' ? last.cursor! : null;
      calls += 1;
    } while (cursor);
    // Each piece's own audit entry (workspace.exported) is new data the later pieces carry.
    const data = (ls: Line[]) =>
      ls.filter((l) => l.collection !== 'audit_entries').map((l) => String(l.doc!._id));
    expect(calls).toBeGreaterThanOrEqual(Math.ceil(whole.length / 7));
    expect(data(pieces)).toEqual(data(whole));
    // A broken download resumes after the last line it got.
    const resumed = parse(await exportAll(source, ws, `?cursor=${whole[10]!.cursor}`)).filter(
      (l) => l.type === 'doc',
    );
    expect(data(resumed)).toEqual(data(whole.slice(11)));
  });

  it('when the cursor or a line is bad, then 400 names it and nothing is imported', async () => {
    const ws = await createTestWorkspace(target, 'Bad input');
    const bad = await request(target.app)
      .get('/api/v1/workspace/export?cursor=zzz')
      .set(ws.auth)
      .expect(400);
    expect(bad.body.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    const id = new Types.ObjectId();
    const text = [
      EJSON.stringify({
        type: 'doc',
        collection: 'contacts',
        cursor: 'x',
        doc: { _id: id, key: 'id:x' },
      }),
      '{not json',
      EJSON.stringify({
        type: 'doc',
        collection: 'secrets',
        cursor: 'x',
        doc: { _id: new Types.ObjectId() },
      }),
    ].join('\n');
    const refused = await importText(target, ws, text).expect(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['line 2', 'line 3']);
    expect(
      await target.container.mongo.db!.collection('contacts').countDocuments({ _id: id }),
    ).toBe(0);
    await request(target.app)
      .post('/api/v1/workspace/import')
      .set(ws.auth)
      .send({ a: 1 })
      .expect(400);
    const reader = await createTestWorkspace(target, 'Reader', ['reports:read']);
    await request(target.app).get('/api/v1/workspace/export').set(reader.auth).expect(403);
  });
});
