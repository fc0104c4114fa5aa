/**
 * The OpenAPI document against the Express router: every /api/v1 and /webhooks route is
 * documented, and every documented operation is a route of the app.
 */
import request from 'supertest';
import { startTestContext, type TestContext } from '../support/harness';
import { listRoutes } from '../support/route-list';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('openapi-coverage');
});
afterAll(() => ctx?.close());

const DOCUMENTED_AREAS = /^(\/api\/v1\/|\/webhooks\/)/;
const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete'] as const;

async function documentedOperations(): Promise<string[]> {
  const res = await request(ctx.app).get('/api/v1/openapi.json').expect(200);
  const paths = res.body.paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths)
    .flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`),
    )
    .sort();
}

describe('the OpenAPI document', () => {
  it('is public JSON, version 3.1, with the API key, session, Twilio and connector schemes', async () => {
    const res = await request(ctx.app).get('/api/v1/openapi.json').expect(200);
    expect(res.type).toBe('application/json');
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.components.securitySchemes)).toEqual(
      expect.arrayContaining(['apiKey', 'session', 'twilioSignature', 'zendeskSignature']),
    );
    expect(res.body.components.securitySchemes.twilioSignature).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-Twilio-Signature',
    });
    const post = res.body.paths['/api/v1/interactions'].post;
    expect(post.security).toEqual([{ apiKey: ['interactions:write'] }]);
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(['200', '202', '400', '401', '403']),
    );
  });

  it('documents every /api/v1 and /webhooks route of the router, and nothing else', async () => {
    const routed = listRoutes(ctx.app)
      .map((r) => {
        const [method, path] = r.split(' ') as [string, string];
        return `${method} ${path.replace(/:(\w+)/g, '{$1}')}`;
      })
      .filter((r) => DOCUMENTED_AREAS.test(r.split(' ')[1]!));
    const documented = await documentedOperations();
    expect(routed.length).toBeGreaterThan(45);
    expect({ missingFromDocument: routed.filter((r) => !documented.includes(r)) }).toEqual({
      missingFromDocument: [],
    });
    expect({ documentedButAbsent: documented.filter((r) => !routed.includes(r)) }).toEqual({
      documentedButAbsent: [],
    });
  });

  it('renders /docs as one HTML page without scripts, listing every operation', async () => {
    const res = await request(ctx.app).get('/docs').expect(200);
    expect(res.type).toBe('text/html');
    expect(res.text).not.toMatch(/<script/i);
    expect(res.text).toContain('<meta name="viewport" content="width=device-width');
    expect(res.get('content-security-policy')).toContain("default-src 'none'");
    for (const op of await documentedOperations()) {
      const [method, path] = op.split(' ') as [string, string];
      expect(res.text).toContain(`${method}</span> <code>${path}</code>`);
    }
    expect(res.text).toContain('X-Twilio-Signature');
  });
});
