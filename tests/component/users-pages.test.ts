import request from 'supertest';
import { userModel } from '../../src/workspaces';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { waitFor } from '../support/wait-for';
import { createUser, csrfFrom, FAST_HASHING, nextIp, PASSWORD, signIn } from './auth-helpers';

let ctx: TestContext;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  ctx = await startTestContext('users-pages', { ...FAST_HASHING, SMTP_URL: sink.url });
});
afterAll(async () => {
  await ctx.close();
  await sink.close();
});

const NEW_PASSWORD = 'a long invited password';
const Users = () => userModel(ctx.container.mongo);

/** A workspace with its admin signed in. */
async function adminOf(name = 'Acme') {
  const ws = await createTestWorkspace(ctx, name);
  const admin = await createUser(ctx, ws, { role: 'admin', name: 'Ada Admin' });
  const session = await signIn(ctx, admin.email, PASSWORD, nextIp());
  return { ws, admin, ...session };
}

const mailsTo = (to: string) => sink.messages.filter((m) => m.to.includes(to));

function linkIn(text: string | undefined): string {
  const match = /http:\/\/retour\.test(\/reset\/[\w-]{43})/.exec(text ?? '');
  if (!match) throw new Error(`No password link in:\n${text}`);
  return match[1]!;
}

const loginStatus = async (email: string, password: string) =>
  (
    await request(ctx.app)
      .post('/login')
      .set('X-Forwarded-For', nextIp())
      .type('form')
      .send({ email, password })
  ).status;

describe('/app/users: who may open it', () => {
  it('when nobody is signed in, then the page sends them to sign in and comes back after', async () => {
    await request(ctx.app)
      .get('/app/users')
      .expect(303)
      .expect('Location', '/login?next=%2Fapp%2Fusers');
  });

  it('when a manager or an agent opens it, then a 403 page; an admin sees everyone with role, teams, state and last sign-in', async () => {
    const { ws, agent } = await adminOf();
    const manager = await createUser(ctx, ws, { role: 'manager', name: 'Max Manager' });
    const alice = await createUser(ctx, ws, {
      role: 'agent',
      name: 'Alice Agent',
      teams: ['billing', 'support'],
    });
    await ctx.container.services.users.create(ws.workspaceId, {
      email: 'pending@example.com',
      name: 'Pat Pending',
      role: 'agent',
    });
    for (const user of [manager, alice]) {
      const other = await signIn(ctx, user.email, PASSWORD, nextIp());
      const page = await other.agent.get('/app/users').expect(403);
      expect(page.text).toContain('Not allowed');
      await other.agent
        .post('/app/users')
        .type('form')
        .send({ _csrf: other.csrf, email: 'x@example.com', name: 'X', role: 'admin' })
        .expect(403);
    }
    expect(
      await Users().countDocuments({ workspaceId: ws.workspaceId, email: 'x@example.com' }),
    ).toBe(0);

    const list = await agent.get('/app/users').expect(200);
    expect(list.headers['content-security-policy']).toContain("script-src 'self'");
    expect(list.text).toContain('<h1>Users</h1>');
    expect(list.text).toContain('Alice Agent');
    expect(list.text).toContain('billing, support');
    expect(list.text).toContain('Pat Pending');
    expect(list.text).toMatch(/Pat Pending[\s\S]*?Invited/);
    // Max signed in just now, Pat never did.
    expect(list.text).toMatch(/Max Manager[\s\S]*?Last sign-in<\/dt><dd>[A-Z][a-z]{2} \d/);
    expect(list.text).toMatch(/Pat Pending[\s\S]*?Last sign-in<\/dt><dd>never/);
  });
});

describe('inviting someone', () => {
  it('when an admin invites in French, then one French email leaves with a link that sets a password and signs in', async () => {
    const { ws, agent, csrf } = await adminOf('Acme FR');
    const email = `nina-${Date.now()}@example.com`;
    const res = await agent
      .post('/app/users')
      .type('form')
      .send({
        _csrf: csrf,
        email: ` ${email.toUpperCase()} `,
        name: 'Nina',
        role: 'manager',
        teams: 'support, billing,,support',
        locale: 'fr',
      })
      .expect(303);
    const stored = await Users().findOne({ workspaceId: ws.workspaceId, email }).lean();
    expect(stored).toMatchObject({ name: 'Nina', role: 'manager', locale: 'fr' });
    expect(stored!.teams).toEqual(['support', 'billing']);
    expect(res.headers.location).toBe(`/app/users?done=invited&id=${String(stored!._id)}`);
    const notice = await agent.get(res.headers.location!).expect(200);
    expect(notice.text).toContain(`Invitation sent to ${email}`);

    const mail = await waitFor(() => mailsTo(email)[0], 'the invitation');
    expect(mail.subject).toBe('Vous êtes invité dans Acme FR sur Retour');
    expect(mail.text).toContain('Bonjour Nina,');
    const path = linkIn(mail.text);
    const form = await request(ctx.app).get(path).expect(200);
    expect(form.text).toContain('lang="fr"');
    await request(ctx.app)
      .post(path)
      .set('X-Forwarded-For', nextIp())
      .type('form')
      .send({ password: NEW_PASSWORD, confirm: NEW_PASSWORD })
      .expect(303);
    expect(await loginStatus(email, NEW_PASSWORD)).toBe(303);
  });

  it('when the workspace speaks French, then French is offered first, and the language the inviter picks wins', async () => {
    const { ws, agent } = await adminOf('Default FR');
    await ctx.container.services.workspaces.updateSettings(ws.workspaceId, { defaultLocale: 'fr' });
    const page = await agent.get('/app/users').expect(200);
    expect(page.text).toMatch(/<option value="fr" lang="fr" selected>Français<\/option>/);
    const email = `paul-${Date.now()}@example.com`;
    await agent
      .post('/app/users')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email, name: 'Paul', role: 'agent', locale: 'en' })
      .expect(303);
    // The inviter chose English over the workspace's French.
    expect((await waitFor(() => mailsTo(email)[0], 'the invitation')).subject).toBe(
      'You are invited to Default FR on Retour',
    );
  });

  it('when the fields are wrong, then the form comes back with each error next to its field and nothing is saved', async () => {
    const { ws, agent, csrf } = await adminOf();
    const before = await Users().countDocuments({ workspaceId: ws.workspaceId });
    const res = await agent
      .post('/app/users')
      .type('form')
      .send({
        _csrf: csrf,
        email: 'not-an-email',
        name: '',
        role: 'owner',
        teams: 'x'.repeat(101),
      })
      .expect(400);
    expect(res.text).toContain('The invitation was not sent');
    expect(res.text).toMatch(
      /id="invite-email-err">Enter an email address[^<]*<\/p>\s*<input id="invite-email"[^>]*value="not-an-email" aria-invalid="true"/,
    );
    expect(res.text).toMatch(/id="invite-name-err">Enter their name/);
    expect(res.text).toMatch(/id="invite-role-err">Choose one of the roles/);
    expect(res.text).toMatch(/id="invite-teams-err">At most 20 teams/);
    expect(await Users().countDocuments({ workspaceId: ws.workspaceId })).toBe(before);
  });

  it('when a French admin gets a field wrong, then the error is in French', async () => {
    const { agent, csrf } = await adminOf();
    await agent.post('/locale').type('form').send({ _csrf: csrf, locale: 'fr' }).expect(303);
    const res = await agent
      .post('/app/users')
      .type('form')
      .send({ _csrf: csrf, email: 'nope', name: 'N', role: 'agent' })
      .expect(400);
    expect(res.text).toContain('Saisissez une adresse e-mail');
  });

  it('when the same invitation is posted twice, then one user and one email; an email in use is refused next to the field', async () => {
    const { ws, agent, csrf, admin } = await adminOf();
    const email = `twice-${Date.now()}@example.com`;
    const form = { _csrf: csrf, email, name: 'Tess', role: 'agent', locale: 'en' };
    await agent.post('/app/users').type('form').send(form).expect(303);
    const again = await agent.post('/app/users').type('form').send(form).expect(303);
    expect(again.headers.location).toMatch(/^\/app\/users\?done=alreadyInvited&id=/);
    expect((await agent.get(again.headers.location!)).text).toContain(
      `${email} is already invited: no second email was sent.`,
    );
    expect(await Users().countDocuments({ workspaceId: ws.workspaceId, email })).toBe(1);
    await waitFor(() => mailsTo(email)[0], 'the invitation');
    await new Promise((r) => setTimeout(r, 200));
    expect(mailsTo(email)).toHaveLength(1);

    const taken = await agent
      .post('/app/users')
      .type('form')
      .send({ ...form, email: admin.email })
      .expect(409);
    expect(taken.text).toMatch(
      /id="invite-email-err">Someone in this workspace already uses this email/,
    );
  });

  it('when the form has no CSRF token, then 403 and nobody is invited', async () => {
    const { ws, agent } = await adminOf();
    const email = `csrf-${Date.now()}@example.com`;
    await agent
      .post('/app/users')
      .type('form')
      .send({ email, name: 'C', role: 'agent' })
      .expect(403);
    expect(await Users().countDocuments({ workspaceId: ws.workspaceId, email })).toBe(0);
  });

  it('when the invitation is sent again, then the new link works and, once used, the old one no longer does', async () => {
    const { ws, agent, csrf } = await adminOf();
    const email = `again-${Date.now()}@example.com`;
    await agent
      .post('/app/users')
      .type('form')
      .send({ _csrf: csrf, email, name: 'Ali', role: 'agent', locale: 'en' })
      .expect(303);
    const first = linkIn((await waitFor(() => mailsTo(email)[0], 'first mail')).text);
    const user = await Users().findOne({ workspaceId: ws.workspaceId, email }).lean();
    const page = await agent.get(`/app/users/${String(user!._id)}`).expect(200);
    expect(page.text).toContain('Send the invitation again');
    await agent
      .post(`/app/users/${String(user!._id)}/invitation`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303)
      .expect('Location', `/app/users/${String(user!._id)}?done=reinvited`);
    const second = linkIn((await waitFor(() => mailsTo(email)[1], 'second mail')).text);
    expect(second).not.toBe(first);
    await request(ctx.app)
      .post(second)
      .set('X-Forwarded-For', nextIp())
      .type('form')
      .send({ password: NEW_PASSWORD, confirm: NEW_PASSWORD })
      .expect(303);
    await request(ctx.app).get(first).expect(410);
    // With a password chosen there is no invitation left to send.
    await agent
      .post(`/app/users/${String(user!._id)}/invitation`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(409);
  });
});

describe('changing a person', () => {
  it('when an admin changes role and teams, then they are saved; a wrong role comes back next to the field', async () => {
    const { ws, agent, csrf } = await adminOf();
    const alice = await createUser(ctx, ws, { role: 'agent', teams: ['billing'], name: 'Alice' });
    const page = await agent.get(`/app/users/${alice.id}`).expect(200);
    expect(page.text).toContain('value="billing"');
    await agent
      .post(`/app/users/${alice.id}`)
      .type('form')
      .send({ _csrf: csrf, role: 'manager', teams: 'support, vip' })
      .expect(303)
      .expect('Location', `/app/users/${alice.id}?done=saved`);
    // The same post again changes nothing more.
    await agent
      .post(`/app/users/${alice.id}`)
      .type('form')
      .send({ _csrf: csrf, role: 'manager', teams: 'support, vip' })
      .expect(303);
    expect(await Users().findById(alice.id).lean()).toMatchObject({
      role: 'manager',
      teams: ['support', 'vip'],
    });
    const bad = await agent
      .post(`/app/users/${alice.id}`)
      .type('form')
      .send({ _csrf: csrf, role: 'boss', teams: 'support' })
      .expect(400);
    expect(bad.text).toMatch(/id="role-err" role="alert">Choose one of the roles/);
    expect((await Users().findById(alice.id).lean())!.role).toBe('manager');
  });

  it('when the last admin would demote or deactivate themselves, then a clear error and nothing changes', async () => {
    const { agent, csrf, admin } = await adminOf();
    const demote = await agent
      .post(`/app/users/${admin.id}`)
      .type('form')
      .send({ _csrf: csrf, role: 'agent', teams: '' })
      .expect(409);
    expect(demote.text).toContain('This is the workspace&#x27;s last active admin');
    expect(demote.text).toMatch(/id="role-err" role="alert">/);
    const deactivate = await agent
      .post(`/app/users/${admin.id}/active`)
      .type('form')
      .send({ _csrf: csrf, active: 'false' })
      .expect(409);
    expect(deactivate.text).toMatch(/id="active-err" role="alert">This is the workspace/);
    expect(await Users().findById(admin.id).lean()).toMatchObject({ role: 'admin', active: true });
  });

  it('when there is another admin, then one still cannot deactivate oneself, but may step down to manager', async () => {
    const { ws, agent, csrf, admin } = await adminOf();
    await createUser(ctx, ws, { role: 'admin', name: 'Second Admin' });
    const self = await agent
      .post(`/app/users/${admin.id}/active`)
      .type('form')
      .send({ _csrf: csrf, active: 'false' })
      .expect(409);
    expect(self.text).toContain('You cannot deactivate yourself');
    await agent
      .post(`/app/users/${admin.id}`)
      .type('form')
      .send({ _csrf: csrf, role: 'manager', teams: '' })
      .expect(303)
      .expect('Location', '/app');
    await agent.get('/app/users').expect(403);
  });

  it('when an admin deactivates someone, then their open sessions end at once and they cannot sign in until reactivated', async () => {
    const { ws, agent, csrf } = await adminOf();
    const bob = await createUser(ctx, ws, { role: 'agent', name: 'Bob' });
    const bobs = await signIn(ctx, bob.email, PASSWORD, nextIp());
    await bobs.agent.get('/app/inbox').expect(200);
    await agent
      .post(`/app/users/${bob.id}/active`)
      .type('form')
      .send({ _csrf: csrf, active: 'false' })
      .expect(303)
      .expect('Location', `/app/users/${bob.id}?done=deactivated`);
    await bobs.agent.get('/app/inbox').expect(303).expect('Location', '/login?next=%2Fapp%2Finbox');
    expect(await loginStatus(bob.email, PASSWORD)).toBe(401);
    const page = await agent.get(`/app/users/${bob.id}?done=deactivated`).expect(200);
    expect(page.text).toContain('is deactivated and signed out everywhere');
    expect(page.text).toContain('Reactivate');

    await agent
      .post(`/app/users/${bob.id}/active`)
      .type('form')
      .send({ _csrf: csrf, active: 'true' })
      .expect(303);
    expect(await loginStatus(bob.email, PASSWORD)).toBe(303);
  });

  it("when an admin reaches for another workspace's user, then 404 and nothing changes", async () => {
    const { agent, csrf } = await adminOf('A');
    const other = await createTestWorkspace(ctx, 'B');
    const stranger = await createUser(ctx, other, { role: 'agent', name: 'Stranger' });
    await agent.get(`/app/users/${stranger.id}`).expect(404);
    await agent
      .post(`/app/users/${stranger.id}/active`)
      .type('form')
      .send({ _csrf: csrf, active: 'false' })
      .expect(404);
    await agent
      .post(`/app/users/${stranger.id}`)
      .type('form')
      .send({ _csrf: csrf, role: 'admin', teams: '' })
      .expect(404);
    await agent.get('/app/users/not-an-id').expect(404);
    expect(await Users().findById(stranger.id).lean()).toMatchObject({
      role: 'agent',
      active: true,
    });
    expect((await agent.get('/app/users')).text).not.toContain('Stranger');
  });
});
