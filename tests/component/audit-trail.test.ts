/**
 * The audit trail through the real app: each kind of change made over the API (and one from a
 * signed-in session, as the console makes it) leaves an entry naming who, what and, for
 * settings, the changed fields with secrets masked; sign-ins and failed sign-ins too; the list
 * pages by cursor without gaps or repeats.
 */
import request from 'supertest';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { createUser, FAST_HASHING, nextIp, PASSWORD, signIn } from './auth-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('audit-trail', FAST_HASHING);
});
afterAll(() => ctx.close());

interface Entry {
  id: string;
  at: string;
  action: string;
  actor: { kind: string; id: string | null; label: string };
  target: { type: string; id: string | null };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  details: Record<string, unknown> | null;
  requestId: string | null;
}

const api = (ws: TestWorkspace) => ({
  get: (path: string) => request(ctx.app).get(`/api/v1${path}`).set(ws.auth),
  post: (path: string, body?: object) =>
    request(ctx.app).post(`/api/v1${path}`).set(ws.auth).send(body),
  patch: (path: string, body: object) =>
    request(ctx.app).patch(`/api/v1${path}`).set(ws.auth).send(body),
  delete: (path: string) => request(ctx.app).delete(`/api/v1${path}`).set(ws.auth),
});

async function allEntries(ws: TestWorkspace, query = ''): Promise<Entry[]> {
  const res = await api(ws).get(`/audit?limit=200${query}`).expect(200);
  return res.body.entries as Entry[];
}

const keyPrefix = (ws: TestWorkspace) => ws.key.slice(0, 12);

describe('audit trail', () => {
  it('when surveys, triggers, rules, users, keys, connectors and settings change over the API, then each leaves an entry naming the key', async () => {
    const ws = await createTestWorkspace(ctx);
    const a = api(ws);
    const survey = await a
      .post('/surveys', {
        key: 'nps-audit',
        type: 'nps',
        name: 'NPS audit',
        question: { en: 'Would you recommend us?' },
        followUpQuestion: { en: 'Why?' },
        thankYou: { en: 'Thanks' },
      })
      .expect(201);
    await a.patch(`/surveys/${survey.body.id}`, { name: 'NPS audited' }).expect(200);
    const trigger = await a
      .post('/triggers', {
        name: 'Solved',
        eventType: 'ticket.solved',
        surveyId: survey.body.id,
        channels: ['email'],
      })
      .expect(201);
    await a.patch(`/triggers/${trigger.body.id}`, { samplingRate: 50 }).expect(200);
    await a.delete(`/triggers/${trigger.body.id}`).expect(204);
    const rule = await a
      .post('/rules', {
        name: 'CRM',
        actions: [
          {
            type: 'notify',
            webhook: { url: 'https://crm.example/hook', secret: 'a-very-long-secret-value' },
          },
        ],
      })
      .expect(201);
    await a.patch(`/rules/${rule.body.id}`, { priority: 7 }).expect(200);
    await a.delete(`/rules/${rule.body.id}`).expect(204);
    const user = await a
      .post('/users', { email: 'audited@example.com', name: 'Audited', role: 'agent' })
      .expect(201);
    await a.patch(`/users/${user.body.id}`, { role: 'manager' }).expect(200);
    const key = await a
      .post('/api-keys', { name: 'Helpdesk', scopes: ['contacts:read'] })
      .expect(201);
    await a.delete(`/api-keys/${key.body.id}`).expect(200);
    await a.delete(`/api-keys/${key.body.id}`).expect(200); // idempotent: no second entry
    const connector = await a
      .post('/connectors', {
        provider: 'generic',
        name: 'CRM',
        mapping: { id: 'ticket.id', 'customer.email': 'ticket.email' },
        api: { baseUrl: 'https://crm.example.com', token: 'crm-token-very-secret-9876' },
      })
      .expect(201);
    await a.patch(`/connectors/${connector.body.id}`, { name: 'CRM 2' }).expect(200);
    await a.delete(`/connectors/${connector.body.id}`).expect(204);
    await a
      .patch('/workspace', {
        timezone: 'Europe/London',
        chatWebhookUrl: 'https://chat.example.com/hook',
        chatWebhookSecret: 'chat-secret-0123456789',
      })
      .expect(200);

    const entries = await allEntries(ws);
    const actions = entries.map((e) => e.action).sort();
    expect(actions).toEqual(
      [
        'api-key.created', // the test's own key, issued by the harness
        'api-key.created',
        'api-key.revoked',
        'connector.created',
        'connector.deleted',
        'connector.updated',
        'rule.created',
        'rule.deleted',
        'rule.updated',
        'survey.created',
        'survey.updated',
        'trigger.created',
        'trigger.deleted',
        'trigger.updated',
        'user.created',
        'user.role-changed',
        'workspace.settings-updated',
      ].sort(),
    );
    const byApi = entries.filter((e) => e.requestId !== null);
    expect(byApi).toHaveLength(entries.length - 1);
    for (const e of byApi) {
      expect(e.actor).toEqual({ kind: 'api-key', id: expect.any(String), label: keyPrefix(ws) });
    }
    const find = (action: string) => entries.find((e) => e.action === action)!;
    expect(find('survey.updated')).toMatchObject({
      target: { type: 'survey', id: survey.body.id },
      before: { name: 'NPS audit' },
      after: { name: 'NPS audited' },
    });
    expect(find('trigger.updated')).toMatchObject({
      before: { samplingRate: 100 },
      after: { samplingRate: 50 },
    });
    expect(find('user.role-changed')).toMatchObject({
      before: { role: 'agent' },
      after: { role: 'manager' },
    });
    expect(find('connector.updated')).toMatchObject({
      before: { name: 'CRM' },
      after: { name: 'CRM 2' },
    });
    const settings = find('workspace.settings-updated');
    expect(settings.before).toEqual({
      timezone: 'Europe/Paris',
      chatWebhookUrl: null,
      chatWebhookSecret: null,
    });
    expect(settings.after).toEqual({
      timezone: 'Europe/London',
      chatWebhookUrl: 'https://chat.example.com/hook',
      chatWebhookSecret: '[masked]',
    });
    const text = JSON.stringify(entries);
    for (const secret of [
      'chat-secret-0123456789',
      'a-very-long-secret-value',
      'crm-token-very-secret-9876',
    ])
      expect(text).not.toContain(secret);
  });

  it('when a signed-in admin changes a user over the session API, then the entry names that user', async () => {
    const ws = await createTestWorkspace(ctx);
    const admin = await createUser(ctx, ws, { role: 'admin' });
    const agent = await createUser(ctx, ws, { role: 'agent' });
    const { agent: browser, csrf } = await signIn(ctx, admin.email, PASSWORD, nextIp());
    await browser
      .patch(`/api/v1/users/${agent.id}`)
      .set('X-CSRF-Token', csrf)
      .send({ teams: ['Billing'] })
      .expect(200);
    const [entry] = await allEntries(ws, '&action=user.updated');
    expect(entry).toMatchObject({
      actor: { kind: 'user', id: admin.id, label: admin.email },
      target: { type: 'user', id: agent.id },
      before: { teams: [] },
      after: { teams: ['Billing'] },
    });
    const fromSession = await browser.get('/api/v1/audit?action=auth.signed-in').expect(200);
    expect(fromSession.body.entries).toEqual([
      expect.objectContaining({ actor: { kind: 'user', id: admin.id, label: admin.email } }),
    ]);
  });

  it('when someone signs in, or fails to, then both are recorded in the workspace of the account', async () => {
    const ws = await createTestWorkspace(ctx);
    const user = await createUser(ctx, ws, { role: 'manager' });
    const ip = nextIp();
    await request(ctx.app)
      .post('/login')
      .set('X-Forwarded-For', ip)
      .type('form')
      .send({ email: user.email, password: 'wrong password entirely' })
      .expect(401);
    await signIn(ctx, user.email, PASSWORD, ip);
    const failed = await allEntries(ws, '&action=auth.sign-in-failed');
    expect(failed).toEqual([
      expect.objectContaining({
        actor: { kind: 'user', id: null, label: user.email },
        target: { type: 'user', id: user.id },
      }),
    ]);
    const ok = await allEntries(
      ws,
      `&actor=${encodeURIComponent(user.email)}&action=auth.signed-in`,
    );
    expect(ok).toHaveLength(1);
    expect(ok[0]!.actor).toEqual({ kind: 'user', id: user.id, label: user.email });
  });

  it('when a contact is exported and erased, then both are recorded with counts and no personal data', async () => {
    const ws = await createTestWorkspace(ctx);
    const contact = await ctx.container.services.contacts.upsertFromCustomer(ws.workspaceId, {
      id: 'cust-audit-1',
      name: 'Odile Auditée',
      email: 'odile.audit@example.org',
    });
    const id = String(contact._id);
    await api(ws).get(`/contacts/${id}/export`).expect(200);
    await api(ws).post(`/contacts/${id}/erase`).expect(200);
    const entries = await allEntries(ws, `&targetType=contact&targetId=${id}`);
    expect(entries.map((e) => e.action).sort()).toEqual(['contact.erased', 'contact.exported']);
    expect(entries.find((e) => e.action === 'contact.erased')!.details).toMatchObject({
      erased: { contacts: 1 },
    });
    expect(JSON.stringify(entries)).not.toMatch(/odile|Auditée/i);
  });

  it('when the trail is paged by cursor, then every entry comes once, newest first, and filters apply', async () => {
    const ws = await createTestWorkspace(ctx);
    for (let i = 0; i < 23; i += 1)
      await api(ws)
        .patch('/workspace', { fatigueWindowDays: i + 1 })
        .expect(200);
    const seen: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const res = await api(ws)
        .get(`/audit?limit=5&action=workspace.settings-updated${q}`)
        .expect(200);
      seen.push(...(res.body.entries as Entry[]));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(23);
    expect(new Set(seen.map((e) => e.id)).size).toBe(23);
    const keys = seen.map((e) => `${e.at}|${e.id}`);
    expect([...keys].sort().reverse()).toEqual(keys);
    // Entries at the same millisecond are ordered by id, so the days written come back in reverse.
    expect(seen.map((e) => e.after!.fatigueWindowDays)).toEqual(
      Array.from({ length: 23 }, (_, i) => 23 - i),
    );
    const future = await api(ws).get('/audit?from=2999-01-01').expect(200);
    expect(future.body).toEqual({ entries: [], nextCursor: null });
    const today = new Date().toISOString().slice(0, 10);
    const ranged = await api(ws).get(`/audit?from=${today}&to=${today}&limit=200`).expect(200);
    expect(ranged.body.entries.length).toBeGreaterThanOrEqual(23);
  });

  it('when the query is bad, then 400 names the field; other workspaces and non-admin keys see nothing', async () => {
    const ws = await createTestWorkspace(ctx);
    const other = await createTestWorkspace(ctx);
    await api(other).patch('/workspace', { name: 'Other' }).expect(200);
    const bad = await api(ws).get('/audit?cursor=nonsense&limit=0').expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['limit']);
    const badCursor = await api(ws).get('/audit?cursor=nonsense').expect(400);
    expect(badCursor.body.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    const badRange = await api(ws).get('/audit?from=2026-02-01&to=2026-01-01').expect(400);
    expect(badRange.body.errors.map((e: { path: string }) => e.path)).toEqual(['to']);
    expect(await allEntries(ws, '&action=workspace.settings-updated')).toEqual([]);
    const reader = await createTestWorkspace(ctx, 'Readers', ['reports:read']);
    await api(reader).get('/audit').expect(403);
  });

  it('when an admin opens /app/audit, then the entries are listed; a manager gets 403 and bad filters 400', async () => {
    const ws = await createTestWorkspace(ctx);
    const admin = await createUser(ctx, ws, { role: 'admin' });
    const manager = await createUser(ctx, ws, { role: 'manager' });
    await api(ws).patch('/workspace', { fatigueWindowDays: 12 }).expect(200);
    const { agent } = await signIn(ctx, admin.email, PASSWORD, nextIp());
    const page = await agent.get('/app/audit').expect(200);
    expect(page.text).toContain('workspace.settings-updated');
    expect(page.text).toContain(keyPrefix(ws));
    expect(page.text).toContain('href="/app/audit"');
    const filtered = await agent.get('/app/audit?action=auth.signed-in').expect(200);
    expect(filtered.text).not.toContain('workspace.settings-updated');
    const bad = await agent.get('/app/audit?action=Not%20An%20Action').expect(400);
    expect(bad.text).toMatch(/id="e-action"/);
    expect(bad.text).toContain('value="Not An Action"');
    const fr = await agent.get('/app/audit').set('Accept-Language', 'fr').expect(200);
    expect(fr.text).toContain('Journal d’audit');
    const { agent: managerBrowser } = await signIn(ctx, manager.email, PASSWORD, nextIp());
    await managerBrowser.get('/app/audit').expect(403);
  });
});
