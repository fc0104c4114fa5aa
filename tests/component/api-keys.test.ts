import { Types } from 'mongoose';
import request from 'supertest';
import { apiKeyModel } from '../../src/workspaces/api-key.model';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('api-keys');
});
afterAll(() => ctx.close());

describe('bearer API keys', () => {
  it('when a valid key is sent, then its workspace is resolved', async () => {
    const ws = await createTestWorkspace(ctx, 'Acme');
    const res = await request(ctx.app).get('/api/v1/workspace').set(ws.auth).expect(200);
    expect(res.body).toMatchObject({ id: ws.workspace.id, name: 'Acme', timezone: 'Europe/Paris' });
  });

  it.each([
    ['no header', undefined],
    ['an unknown key', 'Bearer rtr_unknown'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('when %s is sent, then 401 problem+json', async (_label, header) => {
    const req = request(ctx.app).get('/api/v1/workspace');
    if (header) req.set('Authorization', header);
    const res = await req.expect(401);
    expect(res.type).toBe('application/problem+json');
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('when a key is created, then the secret is shown once and only its hash is stored', async () => {
    const ws = await createTestWorkspace(ctx);
    const created = await request(ctx.app)
      .post('/api/v1/api-keys')
      .set(ws.auth)
      .send({ name: 'helpdesk', scopes: ['interactions:write'] })
      .expect(201);
    expect(created.body.key).toMatch(/^rtr_/);
    expect(created.body.prefix).toBe(created.body.key.slice(0, 12));
    const stored = await ctx.container.mongo
      .collection('apikeys')
      .findOne({ name: 'helpdesk', workspaceId: ws.workspaceId });
    expect(JSON.stringify(stored)).not.toContain(created.body.key);
    expect(stored?.secretHash).toMatch(/^[0-9a-f]{64}$/);

    const list = await request(ctx.app).get('/api/v1/api-keys').set(ws.auth).expect(200);
    expect(list.body.apiKeys).toHaveLength(2);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
  });

  it('when a key is used, then lastUsedAt is recorded', async () => {
    const ws = await createTestWorkspace(ctx);
    await request(ctx.app).get('/api/v1/workspace').set(ws.auth).expect(200);
    const list = await request(ctx.app).get('/api/v1/api-keys').set(ws.auth).expect(200);
    expect(Date.parse(list.body.apiKeys[0].lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('when a key is revoked, then it gets 401 and revoking again keeps the first time', async () => {
    const ws = await createTestWorkspace(ctx);
    const other = await request(ctx.app)
      .post('/api/v1/api-keys')
      .set(ws.auth)
      .send({ name: 'old' })
      .expect(201);
    const first = await request(ctx.app)
      .delete(`/api/v1/api-keys/${other.body.id}`)
      .set(ws.auth)
      .expect(200);
    expect(first.body.revokedAt).toBeTruthy();
    const again = await request(ctx.app)
      .delete(`/api/v1/api-keys/${other.body.id}`)
      .set(ws.auth)
      .expect(200);
    expect(again.body.revokedAt).toBe(first.body.revokedAt);
    const res = await request(ctx.app)
      .get('/api/v1/workspace')
      .set('Authorization', `Bearer ${other.body.key}`)
      .expect(401);
    expect(res.body.detail).toMatch(/revoked/);
  });

  it('when a key lacks the admin scope, then key management answers 403', async () => {
    const ws = await createTestWorkspace(ctx, 'Scoped', ['interactions:write']);
    await request(ctx.app).get('/api/v1/workspace').set(ws.auth).expect(200);
    const res = await request(ctx.app).get('/api/v1/api-keys').set(ws.auth).expect(403);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.detail).toMatch(/admin/);
  });

  it("when a workspace reaches for another workspace's key, then it is not found and nothing changes", async () => {
    const a = await createTestWorkspace(ctx, 'A');
    const b = await createTestWorkspace(ctx, 'B');
    const listB = await request(ctx.app).get('/api/v1/api-keys').set(b.auth).expect(200);
    const bKeyId = listB.body.apiKeys[0].id;
    await request(ctx.app).delete(`/api/v1/api-keys/${bKeyId}`).set(a.auth).expect(404);
    await request(ctx.app).get('/api/v1/workspace').set(b.auth).expect(200);
    const listA = await request(ctx.app).get('/api/v1/api-keys').set(a.auth).expect(200);
    expect(listA.body.apiKeys.map((k: { id: string }) => k.id)).not.toContain(bKeyId);
  });

  it('when the key id is malformed, then 400 names the path parameter', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app).delete('/api/v1/api-keys/zzz').set(ws.auth).expect(400);
    expect(res.body.errors).toEqual([{ path: 'id', message: 'must be an id' }]);
  });

  it('when two keys were created at the same instant, then the list shows the higher id first', async () => {
    const ws = await createTestWorkspace(ctx);
    const at = new Date('2026-10-01T09:00:00Z');
    const [lower, higher] = [new Types.ObjectId(), new Types.ObjectId()];
    const key = (_id: Types.ObjectId) => ({
      _id,
      workspaceId: ws.workspaceId,
      name: String(_id),
      prefix: 'rtr_tie',
      secretHash: `tie-${String(_id)}`,
      scopes: ['reports:read'],
      lastUsedAt: null,
      revokedAt: null,
      createdAt: at,
      updatedAt: at,
    });
    // Stored lower id first: newest first with a tie must still put the higher id ahead.
    await apiKeyModel(ctx.container.mongo).collection.insertMany([key(lower), key(higher)]);
    const list = await request(ctx.app).get('/api/v1/api-keys').set(ws.auth).expect(200);
    expect(list.body.apiKeys.slice(1).map((k: { id: string }) => k.id)).toEqual([
      String(higher),
      String(lower),
    ]);
  });
});
