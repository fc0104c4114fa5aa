import request from 'supertest';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { createUser, FAST_HASHING, nextIp, signIn } from './auth-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('app-language', FAST_HASHING);
});
afterAll(() => ctx.close());

const langOf = (html: string) => /<html lang="([^"]+)">/.exec(html)?.[1];

async function signedIn(options: { acceptLanguage?: string } = {}) {
  const ws = await createTestWorkspace(ctx);
  const user = await createUser(ctx, ws, { role: 'manager', name: 'Mia Manager' });
  const session = await signIn(ctx, user.email, undefined, nextIp());
  return { ws, user, ...session, accept: options.acceptLanguage ?? 'en' };
}

const storedLocale = async (email: string) =>
  (await ctx.container.mongo.collection('users').findOne({ email }))?.locale;

describe('the language of the app pages', () => {
  it.each([
    ['fr-FR,fr;q=0.9,en;q=0.5', 'fr', 'Se connecter'],
    ['en-GB,en;q=0.9', 'en', 'Sign in'],
    ['de-DE,de;q=0.9,fr;q=0.4', 'fr', 'Se connecter'],
    ['de-DE', 'en', 'Sign in'],
  ])(
    'when a browser sends Accept-Language %s, then the sign-in page is in %s',
    async (accept, lang, heading) => {
      const res = await request(ctx.app).get('/login').set('Accept-Language', accept).expect(200);
      expect(langOf(res.text)).toBe(lang);
      expect(res.headers['content-language']).toBe(lang);
      expect(res.text).toContain(`<h1>${heading}</h1>`);
    },
  );

  it('when no Accept-Language is sent, then the pages are in English', async () => {
    const res = await request(ctx.app).get('/login').expect(200);
    expect(langOf(res.text)).toBe('en');
  });

  it('when a signed-in person has no stored language, then the browser decides, page by page', async () => {
    const { agent, user } = await signedIn();
    const fr = await agent.get('/app').set('Accept-Language', 'fr').expect(200);
    expect(langOf(fr.text)).toBe('fr');
    expect(fr.text).toContain('Bonjour, Mia Manager');
    expect(fr.text).toContain('>Boîte de suivi<');
    const en = await agent.get('/app').set('Accept-Language', 'en').expect(200);
    expect(langOf(en.text)).toBe('en');
    expect(en.text).toContain('Hello, Mia Manager');
    expect(await storedLocale(user.email)).toBeNull();
  });

  it('when a signed-in person picks French in the switcher, then it is stored and wins over the browser', async () => {
    const { agent, csrf, user } = await signedIn();
    const page = await agent.get('/app').set('Accept-Language', 'en').expect(200);
    // The switcher offers the other language, named in its own language.
    expect(page.text).toMatch(/<form class="lang" method="post" action="\/locale">/);
    expect(page.text).toContain('name="locale" value="fr" lang="fr">Français</button>');
    expect(page.text).not.toContain('value="en" lang="en"');

    await agent
      .post('/locale')
      .type('form')
      .send({ _csrf: csrf, locale: 'fr', next: '/app/inbox' })
      .expect(303)
      .expect('Location', '/app/inbox');
    expect(await storedLocale(user.email)).toBe('fr');

    const after = await agent.get('/app').set('Accept-Language', 'en-US,en').expect(200);
    expect(langOf(after.text)).toBe('fr');
    expect(after.text).toContain('Se déconnecter');
    expect(after.text).toContain('name="locale" value="en" lang="en">English</button>');

    // Stored on the user: a new session elsewhere, with another browser language, keeps it.
    const other = await signIn(ctx, user.email, undefined, nextIp());
    const elsewhere = await other.agent.get('/app').set('Accept-Language', 'en').expect(200);
    expect(langOf(elsewhere.text)).toBe('fr');
  });

  it('when the switcher is posted without the CSRF token, then 403 and nothing is stored', async () => {
    const { agent, user } = await signedIn();
    const res = await agent
      .post('/locale')
      .set('Accept', 'text/html')
      .type('form')
      .send({ locale: 'fr', next: '/app' })
      .expect(403);
    expect(res.type).toBe('text/html');
    expect(await storedLocale(user.email)).toBeNull();
  });

  it('when the switcher names an unknown language, then 400 naming the field and nothing stored', async () => {
    const { agent, csrf, user } = await signedIn();
    const res = await agent
      .post('/locale')
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf: csrf, locale: 'de' })
      .expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'locale' })]);
    const page = await agent
      .post('/locale')
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: csrf, locale: 'de' })
      .expect(400);
    expect(page.type).toBe('text/html');
    expect(await storedLocale(user.email)).toBeNull();
  });

  it('when someone signed out picks French, then a cookie keeps it for the sign-in pages', async () => {
    const browser = request.agent(ctx.app);
    const login = await browser.get('/login').set('Accept-Language', 'en').expect(200);
    expect(login.text).toContain('value="fr" lang="fr">Français</button>');
    const res = await browser
      .post('/locale')
      .set('Accept-Language', 'en')
      .type('form')
      .send({ locale: 'fr', next: '/forgot' })
      .expect(303)
      .expect('Location', '/forgot');
    expect(String(res.headers['set-cookie'])).toMatch(/retour_locale=fr;.*HttpOnly/);
    const forgot = await browser.get('/forgot').set('Accept-Language', 'en').expect(200);
    expect(langOf(forgot.text)).toBe('fr');
    expect(forgot.text).toContain('Mot de passe oublié ?');
  });

  it('when a cross-site page posts the switcher, then it is refused', async () => {
    await request(ctx.app)
      .post('/locale')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ locale: 'fr' })
      .expect(403);
  });

  it('when the login form is posted with a mistake, then the error is in the page language', async () => {
    const res = await request(ctx.app)
      .post('/login')
      .set('Accept-Language', 'fr')
      .set('X-Forwarded-For', nextIp())
      .type('form')
      .send({ email: '', password: '' })
      .expect(400);
    expect(res.text).toContain('Saisissez votre e-mail et votre mot de passe.');
  });

  it("when an admin sets a person's language through the API, then it is stored; an unknown one is a 400 naming locale", async () => {
    const ws = await createTestWorkspace(ctx);
    const user = await createUser(ctx, ws, { role: 'agent' });
    const bad = await request(ctx.app)
      .patch(`/api/v1/users/${user.id}`)
      .set(ws.auth)
      .send({ locale: 'de' })
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'locale' })]);
    expect(await storedLocale(user.email)).toBeNull();
    const ok = await request(ctx.app)
      .patch(`/api/v1/users/${user.id}`)
      .set(ws.auth)
      .send({ locale: 'fr' })
      .expect(200);
    expect(ok.body.locale).toBe('fr');
    expect(await storedLocale(user.email)).toBe('fr');
  });
});
