import request from 'supertest';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { createUser, FAST_HASHING, nextIp, signIn } from './auth-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('not-found-pages', FAST_HASHING);
});
afterAll(() => ctx.close());

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

async function signedIn(role: 'admin' | 'manager' | 'agent' = 'manager') {
  const ws = await createTestWorkspace(ctx);
  const user = await createUser(ctx, ws, { role });
  return signIn(ctx, user.email, undefined, nextIp());
}

describe('/', () => {
  it('when someone signed out opens /, then it goes to the sign-in page', async () => {
    await request(ctx.app)
      .get('/')
      .set('Accept', BROWSER_ACCEPT)
      .expect(302)
      .expect('Location', '/login');
  });

  it('when someone signed in opens /, then it goes to the app', async () => {
    const { agent } = await signedIn();
    await agent.get('/').set('Accept', BROWSER_ACCEPT).expect(302).expect('Location', '/app');
  });
});

describe('unknown paths', () => {
  it.each(['/nope', '/app/nope', '/app/surveys/x/y', '/s'])(
    'when a browser asks for %s, then a 404 page in the app style',
    async (path) => {
      const res = await request(ctx.app).get(path).set('Accept', BROWSER_ACCEPT).expect(404);
      expect(res.type).toBe('text/html');
      expect(res.text).toMatch(/<html lang="en">/);
      expect(res.text).toContain('<h1>Page not found</h1>');
      expect(res.text).toMatch(/<link rel="stylesheet" href="\/assets\/app\.css\?v(=|&#x3D;)/);
      expect(res.text).toContain('href="/login"');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    },
  );

  it('when a signed-in French browser asks for an unknown /app page, then the 404 is in French, with the nav', async () => {
    const { agent } = await signedIn();
    const res = await agent
      .get('/app/does-not-exist')
      .set('Accept', BROWSER_ACCEPT)
      .set('Accept-Language', 'fr')
      .expect(404);
    expect(res.text).toMatch(/<html lang="fr">/);
    expect(res.text).toContain('<h1>Page introuvable</h1>');
    expect(res.text).toContain('Se déconnecter');
    expect(res.text).toContain('href="/app">Accueil</a>');
  });

  it.each(['/api/v1/nope', '/webhooks/nope', '/api'])(
    'when a browser asks for %s, then the API keeps problem+json',
    async (path) => {
      const res = await request(ctx.app).get(path).set('Accept', BROWSER_ACCEPT).expect(404);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
    },
  );

  it('when a client does not ask for HTML, then an unknown page path answers problem+json', async () => {
    const res = await request(ctx.app).get('/nope').set('Accept', 'application/json').expect(404);
    expect(res.type).toBe('application/problem+json');
    const none = await request(ctx.app).get('/app/nope').expect(404);
    expect(none.type).toBe('application/problem+json');
  });
});

describe('forbidden pages', () => {
  it('when an agent opens the reports, then a 403 page in the app style, in their language', async () => {
    const { agent } = await signedIn('agent');
    const res = await agent
      .get('/app/reports')
      .set('Accept', BROWSER_ACCEPT)
      .set('Accept-Language', 'fr')
      .expect(403);
    expect(res.type).toBe('text/html');
    expect(res.text).toMatch(/<html lang="fr">/);
    expect(res.text).toContain('<h1>Accès refusé</h1>');
    expect(res.text).toContain('Votre rôle ne donne pas accès à cette page.');
  });
});
