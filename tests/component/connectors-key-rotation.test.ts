import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import request from 'supertest';
import { createConnectorsService } from '../../src/connectors';
import { createSecretBox, DEV_SECRETS_KEY, parseSecretsKey } from '../../src/shared/secrets';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('connectors-key-rotation');
});
afterAll(() => ctx.close());

/** The connectors service of an installation whose SECRETS_KEY is `value`, on this database. */
function serviceWith(value: string) {
  const ring = parseSecretsKey(value);
  if (typeof ring === 'string') throw new Error(ring);
  return createConnectorsService({
    conn: ctx.container.mongo,
    secrets: createSecretBox(ring),
    surveys: ctx.container.services.surveys,
    publicUrl: 'http://retour.test',
    allowHosts: [],
    requireHttps: false,
  });
}

it('when a new key is put first and secrets re-encrypted, then the old key can be dropped', async () => {
  const ws = await createTestWorkspace(ctx);
  const token = 'crm-token-0123456789abcdef';
  const created = await request(ctx.app)
    .post('/api/v1/connectors')
    .set(ws.auth)
    .send({
      provider: 'generic',
      name: 'CRM',
      mapping: { id: 'ticket.id' },
      api: { baseUrl: 'https://crm.example.com', token },
    })
    .expect(201);
  const id = created.body.id as string;
  const stored = () =>
    ctx.container.mongo.collection('connectors').findOne({ _id: new Types.ObjectId(id) });
  expect((await stored())!.signingSecret).toMatch(/^enc:v1:dev:/);

  const newKey = `new:${randomBytes(32).toString('base64')}`;
  const rotated = serviceWith(`${newKey},${DEV_SECRETS_KEY}`);
  const first = await rotated.reencryptAll();
  expect(first.reencrypted).toBeGreaterThanOrEqual(1);
  expect(first.unreadable).toEqual([]);
  expect((await stored())!.signingSecret).toMatch(/^enc:v1:new:/);
  expect((await stored())!.api.token).toMatch(/^enc:v1:new:/);
  expect((await rotated.reencryptAll()).reencrypted).toBe(0);

  const newOnly = await serviceWith(newKey).open(id);
  expect(newOnly!.settings.secret).toBe(created.body.secret);
  expect(newOnly!.api!.token).toBe(token);

  const stranger = serviceWith(`other:${randomBytes(32).toString('base64')}`);
  expect((await stranger.reencryptAll()).unreadable).toContain(id);
});
