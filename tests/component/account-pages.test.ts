import request from 'supertest';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { createUser, csrfFrom, FAST_HASHING, nextIp, PASSWORD } from './auth-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('account-pages', FAST_HASHING);
});
afterAll(() => ctx.close());

const NEW_PASSWORD = 'another long password';
const FIREFOX_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** One browser: its own cookie jar, user agent and address. */
async function browserOf(email: string, userAgent: string, password = PASSWORD) {
  const ip = nextIp();
  const agent = request.agent(ctx.app).set('User-Agent', userAgent).set('X-Forwarded-For', ip);
  await agent
    .post('/login')
    .type('form')
    .send({ email, password })
    .expect(303)
    .expect('Location', '/app');
  const home = await agent.get('/app').expect(200);
  return { agent, ip, csrf: csrfFrom(home.text) };
}

const signedIn = async (agent: ReturnType<typeof request.agent>) =>
  (await agent.get('/app/account')).status === 200;

const loginStatus = async (email: string, password: string) =>
  (
    await request(ctx.app)
      .post('/login')
      .set('X-Forwarded-For', nextIp())
      .type('form')
      .send({ email, password })
  ).status;

async function someone(role: 'agent' | 'manager' | 'admin' = 'agent') {
  const ws = await createTestWorkspace(ctx);
  return { ws, user: await createUser(ctx, ws, { role, name: 'Sam Someone' }) };
}

describe('/app/account', () => {
  it('when signed out, then sign in first; an agent opens it and sees their password form and this browser', async () => {
    await request(ctx.app)
      .get('/app/account')
      .expect(303)
      .expect('Location', '/login?next=%2Fapp%2Faccount');
    const { user } = await someone('agent');
    const { agent, ip } = await browserOf(user.email, FIREFOX_WINDOWS);
    const page = await agent.get('/app/account').expect(200);
    expect(page.text).toContain('<h1>Your account</h1>');
    expect(page.text).toContain('autocomplete="current-password"');
    expect(page.text).toMatch(/Firefox on Windows<\/strong> <span class="badge ok">This browser/);
    expect(page.text).toContain(ip);
    expect(page.text).toContain('You are signed in nowhere else.');
  });
});

describe('changing one’s password', () => {
  it('when the current password is right and the new one follows the policy, then the new one signs in, the old one does not, this browser stays and the others are signed out', async () => {
    const { user } = await someone();
    const here = await browserOf(user.email, FIREFOX_WINDOWS);
    const phone = await browserOf(user.email, SAFARI_IPHONE);
    await here.agent
      .post('/app/account/password')
      .type('form')
      .send({
        _csrf: here.csrf,
        current: PASSWORD,
        password: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      })
      .expect(303)
      .expect('Location', '/app/account?done=password');
    const after = await here.agent.get('/app/account?done=password').expect(200);
    expect(after.text).toContain('Your password is changed');
    expect(after.text).toContain('You are signed in nowhere else.');
    expect(await signedIn(phone.agent)).toBe(false);
    expect(await loginStatus(user.email, PASSWORD)).toBe(401);
    expect(await loginStatus(user.email, NEW_PASSWORD)).toBe(303);
  });

  it('when the current password is wrong, the new one too short or the two differ, then each error is next to its field and the password stays', async () => {
    const { user } = await someone();
    const { agent, csrf } = await browserOf(user.email, CHROME_LINUX);
    const post = (form: Record<string, string>) =>
      agent
        .post('/app/account/password')
        .type('form')
        .send({ _csrf: csrf, ...form });

    const wrong = await post({ current: 'not my password', password: 'short', confirm: 'short' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(
      /id="current-err" role="alert">This is not your current password\.<\/p>\s*<input id="current"[^>]*aria-invalid="true"/,
    );
    expect(wrong.text).toMatch(/id="password-err" role="alert">Use at least 12 characters\./);
    expect(wrong.text).not.toContain('not my password');

    const weak = await post({ current: PASSWORD, password: user.email, confirm: user.email });
    expect(weak.status).toBe(400);
    expect(weak.text).toMatch(/id="password-err" role="alert">Your password cannot be your email/);
    expect(weak.text).not.toContain('id="current-err"');

    const differ = await post({ current: PASSWORD, password: NEW_PASSWORD, confirm: 'other' });
    expect(differ.status).toBe(400);
    expect(differ.text).toMatch(/id="confirm-err" role="alert">The two new passwords differ/);
    const missing = await post({});
    expect(missing.text).toMatch(/id="current-err" role="alert">Enter your current password/);
    expect(missing.text).toMatch(/id="password-err" role="alert">Enter a new password/);

    expect(await signedIn(agent)).toBe(true);
    expect(await loginStatus(user.email, PASSWORD)).toBe(303);
  });

  it('when a French reader breaks the policy, then the error is in French', async () => {
    const { user } = await someone();
    const { agent, csrf } = await browserOf(user.email, CHROME_LINUX);
    await agent.post('/locale').type('form').send({ _csrf: csrf, locale: 'fr' }).expect(303);
    const res = await agent
      .post('/app/account/password')
      .type('form')
      .send({
        _csrf: csrf,
        current: PASSWORD,
        password: 'aaaaaaaaaaaaaaaa',
        confirm: 'aaaaaaaaaaaaaaaa',
      })
      .expect(400);
    expect(res.text).toContain('Choisissez un mot de passe moins répétitif.');
  });

  it('when wrong current passwords keep coming, then the change pauses like sign-in does', async () => {
    const { user } = await someone();
    const { agent, csrf } = await browserOf(user.email, CHROME_LINUX);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await agent
        .post('/app/account/password')
        .type('form')
        .send({
          _csrf: csrf,
          current: `wrong ${i}`,
          password: NEW_PASSWORD,
          confirm: NEW_PASSWORD,
        });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
    const locked = await agent
      .post('/app/account/password')
      .type('form')
      .send({ _csrf: csrf, current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD })
      .expect(429);
    expect(locked.text).toMatch(/id="current-err" role="alert">Too many wrong passwords/);
    expect(await loginStatus(user.email, NEW_PASSWORD)).toBe(429);
  });

  it('when the form has no CSRF token, then 403 and the password stays', async () => {
    const { user } = await someone();
    const { agent } = await browserOf(user.email, CHROME_LINUX);
    await agent
      .post('/app/account/password')
      .type('form')
      .send({ current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD })
      .expect(403);
    expect(await loginStatus(user.email, PASSWORD)).toBe(303);
  });
});

describe('one’s other sessions', () => {
  it('when a person signed in on a phone too, then the page lists it with device and address, and ending it signs that browser out', async () => {
    const { user } = await someone('manager');
    const here = await browserOf(user.email, FIREFOX_WINDOWS);
    const phone = await browserOf(user.email, SAFARI_IPHONE);
    const page = await here.agent.get('/app/account').expect(200);
    expect(page.text).toMatch(/Safari on iPhone<\/strong>/);
    expect(page.text).toContain(phone.ip);
    expect(page.text).toMatch(/Last seen<\/dt><dd>[A-Z][a-z]{2} \d/);
    const handle = /name="session" value="([\w-]{22})"/.exec(page.text)![1]!;
    // The session id itself (the cookie's secret part) is never on the page.
    const cookie = (
      await ctx.container.redis.keys(`${ctx.container.config.QUEUE_PREFIX}:sess:*`)
    ).map((k) => k.split(':sess:')[1]!);
    for (const sid of cookie) expect(page.text).not.toContain(sid);

    await here.agent
      .post('/app/account/sessions/end')
      .type('form')
      .send({ _csrf: here.csrf, session: handle })
      .expect(303)
      .expect('Location', '/app/account?done=ended');
    expect(await signedIn(phone.agent)).toBe(false);
    expect(await signedIn(here.agent)).toBe(true);
    const after = await here.agent.get('/app/account').expect(200);
    expect(after.text).not.toContain('Safari on iPhone');
    // Ending it again is the same outcome: it is over.
    await here.agent
      .post('/app/account/sessions/end')
      .type('form')
      .send({ _csrf: here.csrf, session: handle })
      .expect(303);
  });

  it('when one ends every other session, then they all sign out, this one stays, and the password is unchanged', async () => {
    const { user } = await someone();
    const here = await browserOf(user.email, FIREFOX_WINDOWS);
    const others = [
      await browserOf(user.email, SAFARI_IPHONE),
      await browserOf(user.email, CHROME_LINUX),
    ];
    const page = await here.agent.get('/app/account').expect(200);
    expect(page.text).toContain('Safari on iPhone');
    expect(page.text).toContain('Chrome on Linux');
    await here.agent
      .post('/app/account/sessions/end-others')
      .type('form')
      .send({ _csrf: here.csrf })
      .expect(303)
      .expect('Location', '/app/account?done=endedOthers');
    for (const other of others) expect(await signedIn(other.agent)).toBe(false);
    const after = await here.agent.get('/app/account?done=endedOthers').expect(200);
    expect(after.text).toContain('All your other sessions are signed out.');
    expect(after.text).toContain('You are signed in nowhere else.');
    expect(await loginStatus(user.email, PASSWORD)).toBe(303);
  });

  it("when someone posts another person's session handle, then nothing ends", async () => {
    const { ws, user } = await someone('admin');
    const victim = await browserOf(user.email, SAFARI_IPHONE);
    const victimOther = await browserOf(user.email, FIREFOX_WINDOWS);
    const handle = /name="session" value="([\w-]{22})"/.exec(
      (await victimOther.agent.get('/app/account')).text,
    )![1]!;
    const colleague = await createUser(ctx, ws, { role: 'admin' });
    const outsider = await someone('admin');
    for (const attacker of [colleague, outsider.user]) {
      const { agent, csrf } = await browserOf(attacker.email, CHROME_LINUX);
      await agent
        .post('/app/account/sessions/end')
        .type('form')
        .send({ _csrf: csrf, session: handle })
        .expect(303);
    }
    expect(await signedIn(victim.agent)).toBe(true);
    expect(await signedIn(victimOther.agent)).toBe(true);
  });

  it('when the end form has no CSRF token, then 403 and the other session stays', async () => {
    const { user } = await someone();
    const here = await browserOf(user.email, FIREFOX_WINDOWS);
    const phone = await browserOf(user.email, SAFARI_IPHONE);
    const handle = /name="session" value="([\w-]{22})"/.exec(
      (await here.agent.get('/app/account')).text,
    )![1]!;
    await here.agent
      .post('/app/account/sessions/end')
      .type('form')
      .send({ session: handle })
      .expect(403);
    await here.agent.post('/app/account/sessions/end-others').type('form').send({}).expect(403);
    expect(await signedIn(phone.agent)).toBe(true);
  });

  it('when a person signs out, then that session leaves the list of their other browser', async () => {
    const { user } = await someone();
    const here = await browserOf(user.email, FIREFOX_WINDOWS);
    const phone = await browserOf(user.email, SAFARI_IPHONE);
    expect((await here.agent.get('/app/account')).text).toContain('Safari on iPhone');
    await phone.agent.post('/logout').type('form').send({ _csrf: phone.csrf }).expect(303);
    expect((await here.agent.get('/app/account')).text).not.toContain('Safari on iPhone');
  });
});
