import request from 'supertest';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { createUser, FAST_HASHING, nextIp, signIn } from './auth-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('settings-page', FAST_HASHING);
});
afterAll(() => ctx.close());

async function adminOf() {
  const ws = await createTestWorkspace(ctx, 'Acme');
  const admin = await createUser(ctx, ws, { role: 'admin', name: 'Ada Admin' });
  const session = await signIn(ctx, admin.email, undefined, nextIp());
  return { ws, admin, ...session };
}

const stored = (ws: TestWorkspace) =>
  ctx.container.services.workspaces.getWorkspace(ws.workspaceId);

/** The whole form as the page would post it, with the given fields changed. */
const formOf = (csrf: string, changes: Record<string, string> = {}) => ({
  _csrf: csrf,
  name: 'Acme',
  timezone: 'Europe/Paris',
  defaultLocale: 'en',
  fatigueWindowDays: '30',
  quietHoursOn: 'on',
  quietStart: '21:00',
  quietEnd: '09:00',
  senderNumbers: '',
  chatWebhookUrl: '',
  ...changes,
});

describe('/app/settings', () => {
  it('when signed out, then it redirects to sign-in; an agent or a manager gets the 403 page', async () => {
    await request(ctx.app)
      .get('/app/settings')
      .expect(303)
      .expect('Location', '/login?next=%2Fapp%2Fsettings');
    const ws = await createTestWorkspace(ctx);
    for (const role of ['agent', 'manager'] as const) {
      const user = await createUser(ctx, ws, { role });
      const { agent, csrf } = await signIn(ctx, user.email, undefined, nextIp());
      const page = await agent.get('/app/settings').set('Accept', 'text/html').expect(403);
      expect(page.text).toContain('Not allowed');
      await agent
        .post('/app/settings')
        .set('Accept', 'text/html')
        .type('form')
        .send(formOf(csrf, { name: 'Hijacked' }))
        .expect(403);
    }
    expect((await stored(ws)).name).toBe('Test workspace');
  });

  it('when an admin opens it, then every setting shows with the current time zone selected in its region', async () => {
    const { agent, admin } = await adminOf();
    const page = await agent.get('/app/settings').expect(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.text).toContain('<h1>Workspace settings</h1>');
    expect(page.text).toContain('value="Acme"');
    expect(page.text).toMatch(
      /<optgroup label="Europe">[^]*<option value="Europe\/Paris" selected>Paris</,
    );
    expect(page.text).toMatch(
      /<optgroup label="America">[^]*<option value="America\/New_York">New York</,
    );
    expect(page.text).toMatch(/<option value="en" selected>English/);
    expect(page.text).toContain('value="30"');
    expect(page.text).toContain('value="21:00"');
    // Digest recipients: the admin (the workspace's managers and admins).
    expect(page.text).toContain(admin.email);
  });

  it('when the form is posted without its CSRF token, then 403 and nothing changes', async () => {
    const { ws, agent } = await adminOf();
    const { _csrf: _dropped, ...body } = formOf('x', { name: 'Forged' });
    await agent
      .post('/app/settings')
      .set('Accept', 'text/html')
      .type('form')
      .send(body)
      .expect(403);
    await agent
      .post('/app/settings')
      .set('Accept', 'text/html')
      .type('form')
      .send(formOf('wrong-token', { name: 'Forged' }))
      .expect(403);
    expect((await stored(ws)).name).toBe('Acme');
  });

  it('when an admin saves a new time zone and settings, then they are stored canonical and the page shows them', async () => {
    const { ws, agent, csrf } = await adminOf();
    const res = await agent
      .post('/app/settings')
      .type('form')
      .send(
        formOf(csrf, {
          name: 'Acme Europe',
          timezone: 'America/New_York',
          defaultLocale: 'fr',
          fatigueWindowDays: '14',
          quietStart: '22:00',
          quietEnd: '08:30',
          senderNumbers: '+33 6 12 34 56 78\nwhatsapp:+33612345678',
          chatWebhookUrl: 'https://chat.example.com/hooks/abc',
        }),
      )
      .expect(303);
    expect(res.headers.location).toBe('/app/settings?saved=1');
    const ws2 = await stored(ws);
    expect(ws2).toMatchObject({
      name: 'Acme Europe',
      timezone: 'America/New_York',
      defaultLocale: 'fr',
      fatigueWindowDays: 14,
      quietHours: { start: '22:00', end: '08:30' },
      senderNumbers: ['+33612345678', 'whatsapp:+33612345678'],
      chatWebhookUrl: 'https://chat.example.com/hooks/abc',
    });
    const page = await agent.get('/app/settings?saved=1').expect(200);
    expect(page.text).toContain('Settings saved.');
    expect(page.text).toContain('<option value="America/New_York" selected>New York</option>');
    expect(page.text).not.toContain('<option value="Europe/Paris" selected>');

    // Quiet hours off, webhook removed.
    await agent
      .post('/app/settings')
      .type('form')
      .send(formOf(csrf, { quietHoursOn: '', timezone: 'America/New_York' }))
      .expect(303);
    expect(await stored(ws)).toMatchObject({ quietHours: null, chatWebhookUrl: null });
  });

  it('when fields are invalid, then the form comes back at 400 with each error next to its field, the typed values kept, nothing saved', async () => {
    const { ws, agent, csrf } = await adminOf();
    const res = await agent
      .post('/app/settings')
      .type('form')
      .send(
        formOf(csrf, {
          name: 'Renamed',
          timezone: 'Mars/Olympus',
          fatigueWindowDays: 'soon',
          quietStart: '25:00',
          senderNumbers: '+33612345678\n0612',
          chatWebhookUrl: 'not a url',
        }),
      )
      .expect(400);
    expect(res.text).toContain('Nothing was saved');
    expect(res.text).toMatch(/id="timezone-err">Choose a time zone from the list\./);
    expect(res.text).toMatch(/id="fatigue-err">Enter a whole number of days from 0 to 365\./);
    expect(res.text).toMatch(/id="quiet-err">Enter both times as HH:MM/);
    expect(res.text).toMatch(/id="sender-err">Line 2 is not a number in international form/);
    expect(res.text).toMatch(/id="chat-err">Enter a full http or https URL/);
    expect(res.text).toMatch(/id="fatigueWindowDays"[^>]*value="soon"|value="soon"/);
    expect(res.text).toContain('value="Renamed"');
    expect(res.text).toContain('aria-invalid="true"');
    expect(await stored(ws)).toMatchObject({ name: 'Acme', fatigueWindowDays: 30 });
  });

  it('when the chat webhook URL names a private or metadata address, then it is refused next to the field (SSRF) and nothing is saved', async () => {
    const { ws, agent, csrf } = await adminOf();
    for (const url of ['http://10.1.2.3/hook', 'http://169.254.169.254/latest/meta-data']) {
      const res = await agent
        .post('/app/settings')
        .type('form')
        .send(formOf(csrf, { name: 'Changed', chatWebhookUrl: url }))
        .expect(400);
      expect(res.text).toMatch(/id="chat-err">Retour does not call this address/);
    }
    expect(await stored(ws)).toMatchObject({ name: 'Acme', chatWebhookUrl: null });
  });

  it('when a sender number belongs to another workspace, then it is refused by number and nothing is saved', async () => {
    const other = await createTestWorkspace(ctx, 'Other');
    await ctx.container.services.workspaces.updateSettings(other.workspaceId, {
      senderNumbers: ['+33700000001'],
    });
    const { ws, agent, csrf } = await adminOf();
    const res = await agent
      .post('/app/settings')
      .type('form')
      .send(formOf(csrf, { name: 'Changed', senderNumbers: '+33700000001' }))
      .expect(400);
    expect(res.text).toMatch(/id="sender-err">\+33700000001 is already a sender number/);
    expect(await stored(ws)).toMatchObject({ name: 'Acme', senderNumbers: [] });
  });

  it('when the admin reads in French, then the page and its errors are French', async () => {
    const { agent, csrf } = await adminOf();
    await agent.post('/locale').type('form').send({ _csrf: csrf, locale: 'fr', next: '/app' });
    const page = await agent.get('/app/settings').expect(200);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('Réglages de l’espace');
    const res = await agent
      .post('/app/settings')
      .type('form')
      .send(formOf(csrf, { fatigueWindowDays: '-1' }))
      .expect(400);
    expect(res.text).toContain('Saisissez un nombre entier de jours entre 0 et 365.');
  });
});
