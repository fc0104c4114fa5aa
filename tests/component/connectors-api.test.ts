import { Types } from 'mongoose';
import request from 'supertest';
import { CONNECTOR_PROVIDERS } from '../../src/connectors/adapter';
import { adapterFor } from '../../src/connectors/adapters';
import { signGenericDelivery } from '../support/connectors/generic-signer';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('connectors-api');
});
afterAll(() => ctx.close());

const TOKEN = 'crm-api-token-very-secret-9876';
const genericBody = (overrides: Record<string, unknown> = {}) => ({
  provider: 'generic',
  name: 'CRM',
  mapping: { id: 'ticket.id', 'customer.email': 'ticket.email' },
  when: { path: 'ticket.status', equals: 'closed' },
  api: { baseUrl: 'https://crm.example.com', token: TOKEN, email: 'ops@example.com' },
  ...overrides,
});

const create = (ws: TestWorkspace, body: object) =>
  request(ctx.app).post('/api/v1/connectors').set(ws.auth).send(body);

function expectNoPlaintext(value: unknown, ...secrets: string[]) {
  const text = JSON.stringify(value);
  for (const secret of secrets) expect(text).not.toContain(secret);
}
/** An API answer carries neither the secrets nor their ciphertexts. */
function expectNoSecrets(answer: unknown, ...secrets: string[]) {
  expectNoPlaintext(answer, ...secrets);
  expect(JSON.stringify(answer)).not.toContain('enc:v1:');
  expect(JSON.stringify(answer)).not.toMatch(/"(token|signingSecret)"/);
}

describe('connectors API', () => {
  it('when a generic connector is created, then 201 with its inbound URL and a secret shown once, stored encrypted', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await create(ws, genericBody()).expect(201);
    expect(res.body).toMatchObject({
      provider: 'generic',
      name: 'CRM',
      inboundUrl: `http://retour.test/webhooks/connectors/${res.body.id}`,
      signingSecretSet: true,
      api: { baseUrl: 'https://crm.example.com', tokenLast4: '9876', email: 'ops@example.com' },
    });
    expect(res.body.secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(res.headers.location).toBe(`/api/v1/connectors/${res.body.id}`);

    const stored = await ctx.container.mongo
      .collection('connectors')
      .findOne({ _id: new Types.ObjectId(res.body.id) });
    expect(stored).toMatchObject({ workspaceId: ws.workspaceId, deletedAt: null });
    expect(stored!.signingSecret).toMatch(/^enc:v1:dev:/);
    expect(stored!.api.token).toMatch(/^enc:v1:dev:/);
    expectNoPlaintext(stored, res.body.secret, TOKEN);

    for (const path of ['/api/v1/connectors', `/api/v1/connectors/${res.body.id}`]) {
      const got = await request(ctx.app).get(path).set(ws.auth).expect(200);
      expectNoSecrets(got.body, res.body.secret, TOKEN);
    }
    const patched = await request(ctx.app)
      .patch(`/api/v1/connectors/${res.body.id}`)
      .set(ws.auth)
      .send({ name: 'CRM (EU)', api: { baseUrl: 'https://eu.crm.example.com' } })
      .expect(200);
    expect(patched.body).toMatchObject({
      name: 'CRM (EU)',
      api: { baseUrl: 'https://eu.crm.example.com', tokenLast4: '9876' },
    });
    expectNoSecrets(patched.body, res.body.secret, TOKEN);
  });

  it('when every provider is offered, then those without an adapter yet answer 400 naming provider', async () => {
    const ws = await createTestWorkspace(ctx);
    for (const provider of CONNECTOR_PROVIDERS) {
      const body =
        provider === 'generic'
          ? genericBody()
          : {
              provider,
              name: provider,
              signingSecret: 'provider-secret',
              ...(provider === 'freshdesk' ? { signingSecret: undefined } : {}),
            };
      const res = await create(ws, body);
      const notYet =
        res.status === 400 && JSON.stringify(res.body.errors).includes('not available yet');
      expect({ provider, notYet }).toEqual({ provider, notYet: !adapterFor(provider) });
      if (notYet)
        expect(res.body.errors).toEqual([
          { path: 'provider', message: `${provider} is not available yet` },
        ]);
    }
  });

  it.each([
    ['no mapping', { mapping: undefined }, 'mapping'],
    ['a mapping without id', { mapping: { 'customer.email': 'e' } }, 'mapping.id'],
    [
      'a mapping to an unknown field',
      { mapping: { id: 'a', 'customer.shoeSize': 'b' } },
      'mapping.customer.shoeSize',
    ],
    ['a mapping path that is not a dot path', { mapping: { id: 'a..b' } }, 'mapping.id'],
    ['a signingSecret Retour would generate', { signingSecret: 'mine' }, 'signingSecret'],
    ['when with both equals and in', { when: { path: 'a', equals: 1, in: [1] } }, 'when'],
    [
      'an internal api.baseUrl',
      { api: { baseUrl: 'http://10.0.0.5/api', token: 't' } },
      'api.baseUrl',
    ],
    [
      'the metadata address as api.baseUrl',
      { api: { baseUrl: 'http://169.254.169.254/', token: 't' } },
      'api.baseUrl',
    ],
    ['a survey type that does not exist', { survey: { type: 'ces2' } }, 'survey.type'],
    ['an unknown field', { colour: 'red' }, '(body)'],
  ])('when a connector has %s, then 400', async (_what, overrides, path) => {
    const ws = await createTestWorkspace(ctx);
    const res = await create(ws, genericBody(overrides)).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("when another workspace's key is used, then the connector and its deliveries are 404 and unchanged", async () => {
    const owner = await createTestWorkspace(ctx, 'Owner');
    const other = await createTestWorkspace(ctx, 'Other');
    const { id } = (await create(owner, genericBody()).expect(201)).body;
    const path = `/api/v1/connectors/${id}`;
    await request(ctx.app).get(path).set(other.auth).expect(404);
    await request(ctx.app).get(`${path}/deliveries`).set(other.auth).expect(404);
    await request(ctx.app).patch(path).set(other.auth).send({ name: 'Mine now' }).expect(404);
    await request(ctx.app).patch(path).set(other.auth).send({ rotateSecret: true }).expect(404);
    await request(ctx.app).delete(path).set(other.auth).expect(404);
    expect(
      (await request(ctx.app).get('/api/v1/connectors').set(other.auth).expect(200)).body
        .connectors,
    ).toEqual([]);
    const mine = await request(ctx.app).get(path).set(owner.auth).expect(200);
    expect(mine.body.name).toBe('CRM');
  });

  it('when a key lacks the admin scope, then 403', async () => {
    const ws = await createTestWorkspace(ctx, 'Writer', ['interactions:write']);
    await create(ws, genericBody()).expect(403);
    await request(ctx.app).get('/api/v1/connectors').set(ws.auth).expect(403);
  });

  it('when the secret is rotated, then the new one is shown once and only it signs deliveries', async () => {
    const ws = await createTestWorkspace(ctx);
    const created = (await create(ws, genericBody()).expect(201)).body;
    const rotated = await request(ctx.app)
      .patch(`/api/v1/connectors/${created.id}`)
      .set(ws.auth)
      .send({ rotateSecret: true })
      .expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.secret);
    const body = JSON.stringify({ ticket: { id: 1, status: 'open' } });
    const url = `/webhooks/connectors/${created.id}`;
    await request(ctx.app)
      .post(url)
      .set(signGenericDelivery(created.secret, body))
      .send(body)
      .expect(401);
    await request(ctx.app)
      .post(url)
      .set(signGenericDelivery(rotated.body.secret, body))
      .send(body)
      .expect(200);
    const again = await request(ctx.app)
      .get(`/api/v1/connectors/${created.id}`)
      .set(ws.auth)
      .expect(200);
    expect(again.body.secret).toBeUndefined();
  });

  it('when a connector is deleted, then it leaves the list and answers 404', async () => {
    const ws = await createTestWorkspace(ctx);
    const { id } = (await create(ws, genericBody()).expect(201)).body;
    await request(ctx.app).delete(`/api/v1/connectors/${id}`).set(ws.auth).expect(204);
    await request(ctx.app).get(`/api/v1/connectors/${id}`).set(ws.auth).expect(404);
    await request(ctx.app).delete(`/api/v1/connectors/${id}`).set(ws.auth).expect(404);
    expect(
      (await request(ctx.app).get('/api/v1/connectors').set(ws.auth).expect(200)).body.connectors,
    ).toEqual([]);
  });
});

describe('connectors API in production', () => {
  let prod: TestContext;
  beforeAll(async () => {
    // A fresh database: its indexes are built here, as sync-indexes does before a deployment.
    prod = await startTestContext(
      'connectors-api-prod',
      { NODE_ENV: 'production', SECRETS_KEY: `k1:${Buffer.alloc(32, 9).toString('base64')}` },
      { indexes: 'build' },
    );
  });
  afterAll(() => prod.close());

  it('when api.baseUrl is plain http, then 400 naming it; https is stored under the configured key', async () => {
    const ws = await createTestWorkspace(prod);
    const post = (baseUrl: string) =>
      request(prod.app)
        .post('/api/v1/connectors')
        .set(ws.auth)
        .send(genericBody({ api: { baseUrl, token: TOKEN } }));
    const refused = await post('http://crm.example.com').expect(400);
    expect(refused.body.errors).toEqual([{ path: 'api.baseUrl', message: 'must be an https URL' }]);
    const { id } = (await post('https://crm.example.com').expect(201)).body;
    const stored = await prod.container.mongo
      .collection('connectors')
      .findOne({ _id: new Types.ObjectId(id) });
    expect(stored!.api.token).toMatch(/^enc:v1:k1:/);
  });
});

describe('connectors API: api.baseUrl', () => {
  it("when an Intercom connector comes without api.baseUrl, then 201 and baseUrl null (the job uses Intercom's default host)", async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await create(ws, {
      provider: 'intercom',
      name: 'Intercom',
      signingSecret: 'intercom-client-secret',
      api: { token: TOKEN },
    }).expect(201);
    expect(res.body.api).toEqual({
      baseUrl: null,
      email: null,
      accountId: null,
      tokenLast4: '9876',
    });
    const patched = await request(ctx.app)
      .patch(`/api/v1/connectors/${res.body.id}`)
      .set(ws.auth)
      .send({ api: { baseUrl: 'https://api.eu.intercom.io' } })
      .expect(200);
    expect(patched.body.api).toMatchObject({
      baseUrl: 'https://api.eu.intercom.io',
      tokenLast4: '9876',
    });
  });
});

describe('connectors API: changing part of api', () => {
  it('when only a new token is sent, then the base URL, e-mail and account id are kept', async () => {
    const ws = await createTestWorkspace(ctx);
    const created = await create(
      ws,
      genericBody({
        api: {
          baseUrl: 'https://crm.example.com',
          token: TOKEN,
          email: 'ops@example.com',
          accountId: '42',
        },
      }),
    ).expect(201);
    const res = await request(ctx.app)
      .patch(`/api/v1/connectors/${created.body.id as string}`)
      .set(ws.auth)
      .send({ api: { token: 'a-brand-new-crm-token-1234' } })
      .expect(200);
    expect(res.body.api).toEqual({
      baseUrl: 'https://crm.example.com',
      email: 'ops@example.com',
      accountId: '42',
      tokenLast4: '1234',
    });
    const again = await request(ctx.app)
      .patch(`/api/v1/connectors/${created.body.id as string}`)
      .set(ws.auth)
      .send({ api: { accountId: '43' } })
      .expect(200);
    expect(again.body.api).toEqual({
      baseUrl: 'https://crm.example.com',
      email: 'ops@example.com',
      accountId: '43',
      tokenLast4: '1234',
    });
  });
});
