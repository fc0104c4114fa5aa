import request from 'supertest';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { waitFor } from '../support/wait-for';
import { createUser, FAST_HASHING, nextIp, PASSWORD } from './auth-helpers';

let ctx: TestContext;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  ctx = await startTestContext('auth-reset', { ...FAST_HASHING, SMTP_URL: sink.url });
});
afterAll(async () => {
  await ctx.close();
  await sink.close();
});

const NEW_PASSWORD = 'a brand new long password';

const mailTo = (to: string) =>
  waitFor(() => sink.messages.find((m) => m.to.includes(to)), `an email to ${to}`);

function linkIn(text: string | undefined): string {
  const match = /http:\/\/retour\.test(\/reset\/[\w-]{43})/.exec(text ?? '');
  if (!match) throw new Error(`No password link in:\n${text}`);
  return match[1]!;
}

const post = (path: string, form: Record<string, string>) =>
  request(ctx.app).post(path).set('X-Forwarded-For', nextIp()).type('form').send(form);

describe('password reset by emailed one-time link', () => {
  it('when a person who chose French asks for a reset, then the email is in French', async () => {
    const ws = await createTestWorkspace(ctx, 'Acme');
    const user = await createUser(ctx, ws, { name: 'Rémi' });
    await request(ctx.app)
      .patch(`/api/v1/users/${user.id}`)
      .set(ws.auth)
      .send({ locale: 'fr' })
      .expect(200);
    await post('/forgot', { email: user.email }).expect(200);
    const mail = await mailTo(user.email);
    expect(mail.subject).toBe('Réinitialisez votre mot de passe Retour');
    expect(mail.text).toContain('Bonjour Rémi,');
    expect(mail.text).toContain('d’ici 60 minutes');
    const path = linkIn(mail.text);
    expect(path).toMatch(/^\/reset\//);
    // The set-password page says what is wrong with a password in the reader's language too.
    const short = await request(ctx.app)
      .post(path)
      .set('X-Forwarded-For', nextIp())
      .set('Accept-Language', 'fr')
      .type('form')
      .send({ password: 'court', confirm: 'court' })
      .expect(400);
    expect(short.text).toContain('Utilisez au moins 12 caractères.');
  });

  it('when a user asks for a reset, then the emailed link sets a new password once and the old one stops working', async () => {
    const ws = await createTestWorkspace(ctx, 'Acme');
    const user = await createUser(ctx, ws, { name: 'Rita' });
    const asked = await post('/forgot', { email: user.email }).expect(200);
    expect(asked.text).toContain('Check your email');

    const mail = await mailTo(user.email);
    expect(mail.subject).toBe('Reset your Retour password');
    expect(mail.text).toContain('Hello Rita');
    const path = linkIn(mail.text);
    const stored = await ctx.container.mongo.collection('passwordtokens').findOne({});
    expect(JSON.stringify(stored)).not.toContain(path.slice('/reset/'.length));

    const form = await request(ctx.app).get(path).expect(200);
    expect(form.text).toContain(user.email);
    expect(form.headers['referrer-policy']).toBe('no-referrer');

    const mismatch = await post(path, {
      password: NEW_PASSWORD,
      confirm: 'something else entirely',
    }).expect(400);
    expect(mismatch.text).toContain('The two passwords differ');
    const short = await post(path, { password: 'short', confirm: 'short' }).expect(400);
    expect(short.text).toContain('at least 12 characters');

    await post(path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })
      .expect(303)
      .expect('Location', '/login?password-set');
    await post(path, {
      password: 'yet another password!',
      confirm: 'yet another password!',
    }).expect(410);
    expect((await request(ctx.app).get(path).expect(410)).text).toContain('no longer works');

    await post('/login', { email: user.email, password: PASSWORD }).expect(401);
    await post('/login', { email: user.email, password: NEW_PASSWORD }).expect(303);
  });

  it('when the email is unknown, then the page reads the same and no mail leaves', async () => {
    sink.reset();
    const res = await post('/forgot', { email: 'nobody-here@example.com' }).expect(200);
    expect(res.text).toContain('If an account uses nobody-here@example.com');
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.messages).toHaveLength(0);
  });

  it('when the link is older than an hour, then it no longer works', async () => {
    const ws = await createTestWorkspace(ctx);
    const user = await createUser(ctx, ws);
    await post('/forgot', { email: user.email }).expect(200);
    const path = linkIn((await mailTo(user.email)).text);
    await ctx.container.mongo
      .collection('passwordtokens')
      .updateMany(
        { userId: { $exists: true }, usedAt: null },
        { $set: { expiresAt: new Date(Date.now() - 1000) } },
      );
    await request(ctx.app).get(path).expect(410);
    await post(path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }).expect(410);
  });

  it('when resets are asked again and again for one address, then at most three mails leave per hour', async () => {
    const ws = await createTestWorkspace(ctx);
    const user = await createUser(ctx, ws);
    for (let i = 0; i < 5; i++) await post('/forgot', { email: user.email }).expect(200);
    await waitFor(
      () => sink.messages.filter((m) => m.to.includes(user.email)).length >= 3,
      '3 mails',
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.messages.filter((m) => m.to.includes(user.email))).toHaveLength(3);
  });

  it('when a reset link is used, then sessions opened with the old password end', async () => {
    const ws = await createTestWorkspace(ctx);
    const user = await createUser(ctx, ws);
    const agent = request.agent(ctx.app);
    await agent
      .post('/login')
      .set('X-Forwarded-For', nextIp())
      .type('form')
      .send({ email: user.email, password: PASSWORD })
      .expect(303);
    await agent.get('/app').expect(200);
    await post('/forgot', { email: user.email }).expect(200);
    const path = linkIn((await mailTo(user.email)).text);
    await post(path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }).expect(303);
    await agent.get('/app').expect(303);
  });
});

describe('invitations', () => {
  it('when an admin key invites a user, then the emailed link lets them choose a password and sign in', async () => {
    const ws = await createTestWorkspace(ctx, 'Invite Co');
    const email = `new-${Date.now()}@example.com`;
    const created = await request(ctx.app)
      .post('/api/v1/users')
      .set(ws.auth)
      .send({ email, name: 'Nina', role: 'agent', teams: ['support'] })
      .expect(201);
    expect(created.body).toMatchObject({
      email,
      role: 'agent',
      teams: ['support'],
      hasPassword: false,
      invitationSent: true,
    });
    const mail = await mailTo(email);
    expect(mail.subject).toBe('You are invited to Invite Co on Retour');
    const path = linkIn(mail.text);
    expect((await request(ctx.app).get(path).expect(200)).text).toContain('Choose your password');
    await post(path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }).expect(303);
    await post('/login', { email, password: NEW_PASSWORD }).expect(303);
  });
});
