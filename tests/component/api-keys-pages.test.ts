import request from 'supertest';
import { API_KEY_SCOPES } from '../../src/workspaces';
import { apiKeyModel } from '../../src/workspaces/api-key.model';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { createUser, csrfFrom, FAST_HASHING, nextIp, PASSWORD, signIn } from './auth-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('api-keys-pages', FAST_HASHING);
});
afterAll(() => ctx.close());

const Keys = () => apiKeyModel(ctx.container.mongo);

async function adminOf(name = 'Acme') {
  const ws = await createTestWorkspace(ctx, name);
  const admin = await createUser(ctx, ws, { role: 'admin', name: 'Ada Admin' });
  const session = await signIn(ctx, admin.email, PASSWORD, nextIp());
  return { ws, admin, ...session };
}

const requestKeyIn = (html: string) => {
  const match = /name="requestKey" value="([\w-]+)"/.exec(html);
  if (!match) throw new Error('No request key in the form');
  return match[1]!;
};

const secretIn = (html: string) => {
  const match = /<code class="secret" id="new-secret"[^>]*>(rtr_[\w-]+)<\/code>/.exec(html);
  if (!match) throw new Error('No secret on the page');
  return match[1]!;
};

/** Opens the page and posts its create form, as a browser would. */
async function createKey(
  agent: ReturnType<typeof request.agent>,
  fields: { name: string; scopes: string[] },
) {
  const page = await agent.get('/app/api-keys').expect(200);
  const form = new URLSearchParams({ _csrf: csrfFrom(page.text), name: fields.name });
  for (const s of fields.scopes) form.append('scopes', s);
  form.append('requestKey', requestKeyIn(page.text));
  return {
    requestKey: requestKeyIn(page.text),
    form,
    res: await agent.post('/app/api-keys').type('form').send(form.toString()),
  };
}

describe('/app/api-keys: who may open it', () => {
  it('when signed out, then sign in first; a manager gets a 403 page and cannot create a key', async () => {
    await request(ctx.app)
      .get('/app/api-keys')
      .expect(303)
      .expect('Location', '/login?next=%2Fapp%2Fapi-keys');
    const ws = await createTestWorkspace(ctx);
    const manager = await createUser(ctx, ws, { role: 'manager' });
    const { agent, csrf } = await signIn(ctx, manager.email, PASSWORD, nextIp());
    await agent.get('/app/api-keys').expect(403);
    await agent
      .post('/app/api-keys')
      .type('form')
      .send({ _csrf: csrf, name: 'sneaky', scopes: 'admin', requestKey: 'a'.repeat(24) })
      .expect(403);
    expect(await Keys().countDocuments({ workspaceId: ws.workspaceId })).toBe(1);
  });
});

describe('creating a key', () => {
  it('when an admin ticks two scopes, then the secret is shown once, works on the API with exactly those scopes, and is never shown again', async () => {
    const { ws, agent } = await adminOf();
    const page = await agent.get('/app/api-keys').expect(200);
    for (const scope of API_KEY_SCOPES) expect(page.text).toContain(`value="${scope}"`);
    expect(page.text).not.toContain('copy-secret.js');

    const { res } = await createKey(agent, {
      name: 'Zendesk',
      scopes: ['interactions:write', 'reports:read'],
    });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const secret = secretIn(res.text);
    expect(res.text).toContain('Copy the secret now');
    // The copy button is a file the app serves (no inline script), hidden until it runs.
    const script = /<script src="\/assets\/copy-secret\.js\?v&#x3D;(\w+)" defer><\/script>/.exec(
      res.text,
    );
    expect(script).not.toBeNull();
    const js = await request(ctx.app).get(`/assets/copy-secret.js?v=${script![1]!}`).expect(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.text).toContain('navigator.clipboard');
    expect(res.text).toMatch(
      /<button type="button" class="quiet" data-copy="new-secret"[^>]* hidden>/,
    );

    const stored = await Keys().findOne({ workspaceId: ws.workspaceId, name: 'Zendesk' }).lean();
    expect(stored!.scopes).toEqual(['interactions:write', 'reports:read']);
    expect(JSON.stringify(stored)).not.toContain(secret);
    const bearer = { Authorization: `Bearer ${secret}` };
    await request(ctx.app).get('/api/v1/workspace').set(bearer).expect(200);
    await request(ctx.app).get('/api/v1/api-keys').set(bearer).expect(403);

    const list = await agent.get('/app/api-keys').expect(200);
    expect(list.text).not.toContain(secret);
    expect(list.text).toContain(`<code>${secret.slice(0, 12)}…</code>`);
    expect(list.text).toMatch(/Zendesk[\s\S]*?Post interactions[\s\S]*?Read reports/);
    expect(list.text).toMatch(/Zendesk[\s\S]*?Last used<\/dt><dd>[A-Z][a-z]{2} \d/);
  });

  it('when no scope is ticked or the name is empty, then the form comes back with the error next to each and no key is made', async () => {
    const { ws, agent } = await adminOf();
    const before = await Keys().countDocuments({ workspaceId: ws.workspaceId });
    const { res, requestKey } = await createKey(agent, { name: '', scopes: [] });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="scopes-err" role="alert">Tick at least one scope/);
    expect(res.text).toMatch(/id="key-name-err" role="alert">Enter a name/);
    // Nothing was issued for that request key: the form keeps it.
    expect(requestKeyIn(res.text)).toBe(requestKey);
    const unknown = await createKey(agent, { name: 'x', scopes: ['root'] });
    expect(unknown.res.status).toBe(400);
    expect(unknown.res.text).toContain('Tick at least one scope');
    expect(await Keys().countDocuments({ workspaceId: ws.workspaceId })).toBe(before);
  });

  it('when the same form is posted twice (double click, reload), then one key is made and the second answer says so', async () => {
    const { ws, agent } = await adminOf();
    const { res, form } = await createKey(agent, { name: 'Shop', scopes: ['contacts:read'] });
    expect(res.status).toBe(201);
    const again = await agent.post('/app/api-keys').type('form').send(form.toString()).expect(200);
    expect(again.text).toContain('This form was already sent and its key created');
    expect(again.text).not.toContain('class="secret"');
    expect(await Keys().countDocuments({ workspaceId: ws.workspaceId, name: 'Shop' })).toBe(1);
  });

  it('when the form has no CSRF token, then 403 and no key', async () => {
    const { ws, agent } = await adminOf();
    await agent
      .post('/app/api-keys')
      .type('form')
      .send({ name: 'csrf', scopes: 'admin', requestKey: 'b'.repeat(24) })
      .expect(403);
    expect(await Keys().countDocuments({ workspaceId: ws.workspaceId, name: 'csrf' })).toBe(0);
  });

  it('when an admin reads the page in French, then the scopes are described in French', async () => {
    const { agent, csrf } = await adminOf();
    await agent.post('/locale').type('form').send({ _csrf: csrf, locale: 'fr' }).expect(303);
    const page = await agent.get('/app/api-keys').expect(200);
    expect(page.text).toContain('<h1>Clés d’API</h1>');
    expect(page.text).toContain('Envoyer des interactions');
  });
});

describe('revoking a key', () => {
  it('when an admin confirms, then the key stops working on the API; revoking again changes nothing', async () => {
    const { ws, agent } = await adminOf();
    const { res } = await createKey(agent, { name: 'Old script', scopes: ['admin'] });
    const secret = secretIn(res.text);
    const bearer = { Authorization: `Bearer ${secret}` };
    await request(ctx.app).get('/api/v1/workspace').set(bearer).expect(200);
    const key = await Keys().findOne({ workspaceId: ws.workspaceId, name: 'Old script' }).lean();
    const id = String(key!._id);

    // The list's "Revoke…" is a link to a confirmation page whose form does the revoking.
    const list = await agent.get('/app/api-keys').expect(200);
    expect(list.text).toContain(`href="/app/api-keys/${id}/revoke"`);
    const confirm = await agent.get(`/app/api-keys/${id}/revoke`).expect(200);
    expect(confirm.text).toContain('Revoke the key “Old script”?');
    await agent
      .post(`/app/api-keys/${id}/revoke`)
      .type('form')
      .send({ _csrf: csrfFrom(confirm.text) })
      .expect(303)
      .expect('Location', `/app/api-keys?done=revoked&id=${id}`);
    await request(ctx.app).get('/api/v1/workspace').set(bearer).expect(401);
    const after = await agent.get(`/app/api-keys?done=revoked&id=${id}`).expect(200);
    expect(after.text).toContain('The key “Old script” is revoked');
    expect(after.text).toMatch(/Revoked keys[\s\S]*Old script/);
    expect(after.text).not.toContain(`href="/app/api-keys/${id}/revoke"`);

    const first = (await Keys().findById(id).lean())!.revokedAt;
    await agent
      .post(`/app/api-keys/${id}/revoke`)
      .type('form')
      .send({ _csrf: csrfFrom(confirm.text) })
      .expect(303);
    expect((await Keys().findById(id).lean())!.revokedAt).toEqual(first);
    // The confirmation page of a revoked key goes back to the list.
    await agent.get(`/app/api-keys/${id}/revoke`).expect(303);
  });

  it("when an admin reaches for another workspace's key, then 404 and it keeps working", async () => {
    const { agent, csrf } = await adminOf('A');
    const other = await createTestWorkspace(ctx, 'B');
    const key = await Keys().findOne({ workspaceId: other.workspaceId }).lean();
    const id = String(key!._id);
    await agent.get(`/app/api-keys/${id}/revoke`).expect(404);
    await agent.post(`/app/api-keys/${id}/revoke`).type('form').send({ _csrf: csrf }).expect(404);
    await agent.get('/app/api-keys/nonsense/revoke').expect(404);
    await request(ctx.app).get('/api/v1/workspace').set(other.auth).expect(200);
  });

  it('when the revoke form has no CSRF token, then 403 and the key still works', async () => {
    const { ws, agent } = await adminOf();
    const key = await Keys().findOne({ workspaceId: ws.workspaceId }).lean();
    await agent
      .post(`/app/api-keys/${String(key!._id)}/revoke`)
      .type('form')
      .send({})
      .expect(403);
    await request(ctx.app).get('/api/v1/workspace').set(ws.auth).expect(200);
  });
});
