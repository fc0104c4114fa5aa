/**
 * Every route of the app, read from the Express router itself: a route is either in the public
 * allow-list, or refuses a caller without credentials; and every route that takes an id (or a
 * name) answers workspace B's API key and B's signed-in admin with 404 (or 401/403) for
 * workspace A's ids, changing nothing of A. A new route fails this test until it is listed.
 */
import { Types } from 'mongoose';
import request from 'supertest';
import type { Response } from 'supertest';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { createUser, FAST_HASHING, nextIp, signIn } from './auth-helpers';
import { collectionHashes } from './db-snapshot';
import { detractorTask } from './inbox-helpers';
import { answer, linkInvitation } from './landing-helpers';
import { listRoutes } from '../support/route-list';

/** Routes anyone may call: health probes, Twilio (signed), survey links, sign-in pages. */
const PUBLIC = new Set([
  // Redirects to /app or /login.
  'GET /',
  'GET /healthz',
  'GET /readyz',
  // The API's OpenAPI document and its reference page.
  'GET /api/v1/openapi.json',
  'GET /docs',
  'POST /webhooks/twilio/status',
  'POST /webhooks/twilio/inbound',
  // A workspace's own Twilio account: signed with that workspace's auth token.
  'POST /webhooks/twilio/:workspaceSlug/status',
  'POST /webhooks/twilio/:workspaceSlug/inbound',
  // Signed by the provider with the connector's secret; HEAD is Intercom's URL check.
  'POST /webhooks/connectors/:id',
  'HEAD /webhooks/connectors/:id',
  'GET /s/:token',
  'POST /s/:token',
  'GET /s/:token/thanks',
  'GET /s/:token/unsubscribe',
  'POST /s/:token/unsubscribe',
  'GET /assets/:file',
  'GET /login',
  'POST /login',
  'POST /logout',
  // The language switcher: a signed-in post needs its CSRF token, a signed-out one sets a cookie.
  'POST /locale',
  'GET /forgot',
  'POST /forgot',
  'GET /reset/:token',
  'POST /reset/:token',
]);

/**
 * The installation's routes (the queue dashboard, every workspace's jobs): for the accounts named
 * in OPERATOR_EMAILS only, so B's workspace admin is refused them; each with a path to try.
 */
const OPERATOR_ONLY: Record<string, string> = {
  'ALL /app/queues': '/app/queues',
  'ALL /app/queues/*rest': '/app/queues/api/queues',
};

// ---- the data of workspace A, the callers of workspace B -------------------------------------

let ctx: TestContext;
let routes: string[];
let a: TestWorkspace;
let b: TestWorkspace;
let bSession: Awaited<ReturnType<typeof signIn>>;
const A: Record<string, string> = {};
/** Strings only A's data holds: no answer to B may contain one. */
const SECRETS = [
  'alpha-secret-comment',
  'Alpha Agent Name',
  'ALPHA-CODE-1',
  'Alpha survey',
  'Alpha connector',
];

beforeAll(async () => {
  // Neither workspace's people are operators: the queue dashboard is mounted and refuses them.
  ctx = await startTestContext('route-matrix', {
    ...FAST_HASHING,
    OPERATOR_EMAILS: 'operator@example.com',
  });
  routes = listRoutes(ctx.app);
  a = await createTestWorkspace(ctx, 'Alpha');
  b = await createTestWorkspace(ctx, 'Bravo');
  const api = (method: 'post' | 'get', path: string, body?: object) =>
    request(ctx.app)[method](`/api/v1${path}`).set(a.auth).send(body);

  const survey = await api('post', '/surveys', {
    key: 'alpha-nps',
    type: 'nps',
    name: 'Alpha survey',
    question: { en: 'How likely?' },
    followUpQuestion: { en: 'Why?' },
    thankYou: { en: 'Thanks' },
  }).expect(201);
  A.survey = survey.body.id;
  A.trigger = (
    await api('post', '/triggers', {
      name: 'Alpha trigger',
      eventType: 'alpha_event',
      surveyId: A.survey,
      channels: ['link'],
    }).expect(201)
  ).body.id;
  A.rule = (
    await api('post', '/rules', {
      name: 'Alpha rule',
      actions: [{ type: 'tag', tags: ['a'] }],
    }).expect(201)
  ).body.id;
  await api('post', '/reward-pools/alpha-pool/codes', {
    codes: ['ALPHA-CODE-1', 'ALPHA-CODE-2'],
  }).expect(200);
  A.pool = 'alpha-pool';

  const inv = await linkInvitation(ctx, a, {
    extra: { agent: { id: 'alpha-agent', name: 'Alpha Agent Name' } },
  });
  await answer(ctx, inv, { score: '3', comment: 'alpha-secret-comment' }, 303);
  A.invitation = inv.id;
  const listed = await api('get', '/responses').expect(200);
  A.response = listed.body.items[0].id;
  A.agent = 'alpha-agent';
  const task = await detractorTask(ctx, a.workspaceId, { comment: 'alpha-secret-comment' });
  A.task = task.task.id;
  A.contact = task.contactId;
  const contact = await ctx.container.mongo
    .collection('contacts')
    .findOne({ _id: new Types.ObjectId(A.contact) });
  if (!contact?.phone) throw new Error("A's contact has no phone to look it up by");
  A.contactPhone = String(contact.phone);
  A.user = (await createUser(ctx, a, { role: 'admin', name: 'Alpha Admin' })).id;
  A.apiKey = (await api('get', '/api-keys').expect(200)).body.apiKeys[0].id;
  A.connector = (
    await api('post', '/connectors', {
      provider: 'generic',
      name: 'Alpha connector',
      mapping: { id: 'ticket.id', 'customer.email': 'ticket.email' },
    }).expect(201)
  ).body.id;

  const bAdmin = await createUser(ctx, b, { role: 'admin' });
  bSession = await signIn(ctx, bAdmin.email, undefined, nextIp());
}, 60_000);
afterAll(() => ctx?.close());

/** Everything stored that is not B's: B's calls may touch B's own records (its key's last use). */
function notB(collection: string): Record<string, unknown> {
  return collection === 'workspaces'
    ? { _id: { $ne: b.workspaceId } }
    : { workspaceId: { $ne: b.workspaceId } };
}

// ---- the matrix -------------------------------------------------------------------------------

interface Case {
  /** The path with A's ids in it. */
  path: () => string;
  body?: () => Record<string, unknown>;
  /** How B may be answered; default: 404 for B's key and for B's session. */
  key?: number[];
  session?: number[];
  /** The route takes a name, not an id: B gets its own (empty) thing, never A's. */
  ownEmpty?: (res: Response) => void;
}

const NOT_FOUND = [404];
/** Routes only an API key may call: a session gets 401 before any lookup. */
const KEY_ONLY = [401];
/** Pages: B's session gets a 404 page; an API key is no session, so the sign-in redirect. */
const PAGE = { key: [303], session: [404] };

const ID_ROUTES: Record<string, Case> = {
  'GET /api/v1/connectors/:id': {
    path: () => `/api/v1/connectors/${A.connector}`,
    session: KEY_ONLY,
  },
  'PATCH /api/v1/connectors/:id': {
    path: () => `/api/v1/connectors/${A.connector}`,
    body: () => ({ name: 'Taken by B', rotateSecret: true }),
    session: KEY_ONLY,
  },
  'DELETE /api/v1/connectors/:id': {
    path: () => `/api/v1/connectors/${A.connector}`,
    session: KEY_ONLY,
  },
  'GET /api/v1/connectors/:id/deliveries': {
    path: () => `/api/v1/connectors/${A.connector}/deliveries`,
    session: KEY_ONLY,
  },
  'GET /api/v1/surveys/:id': { path: () => `/api/v1/surveys/${A.survey}`, session: KEY_ONLY },
  'PATCH /api/v1/surveys/:id': {
    path: () => `/api/v1/surveys/${A.survey}`,
    body: () => ({ name: 'Taken by B' }),
    session: KEY_ONLY,
  },
  // B's key and B's admin session both reach the lookup: A's survey is not found, nothing sent.
  'POST /api/v1/surveys/:id/test-send': {
    path: () => `/api/v1/surveys/${A.survey}/test-send`,
    body: () => ({ channel: 'sms', to: '+33612345678' }),
  },
  'PATCH /api/v1/triggers/:id': {
    path: () => `/api/v1/triggers/${A.trigger}`,
    body: () => ({ active: false }),
    session: KEY_ONLY,
  },
  'DELETE /api/v1/triggers/:id': { path: () => `/api/v1/triggers/${A.trigger}`, session: KEY_ONLY },
  'GET /api/v1/rules/:id': { path: () => `/api/v1/rules/${A.rule}`, session: KEY_ONLY },
  'PATCH /api/v1/rules/:id': {
    path: () => `/api/v1/rules/${A.rule}`,
    body: () => ({ active: false }),
    session: KEY_ONLY,
  },
  'DELETE /api/v1/rules/:id': { path: () => `/api/v1/rules/${A.rule}`, session: KEY_ONLY },
  'GET /api/v1/contacts/:id': { path: () => `/api/v1/contacts/${A.contact}`, session: KEY_ONLY },
  'GET /api/v1/contacts/:id/export': {
    path: () => `/api/v1/contacts/${A.contact}/export`,
    session: KEY_ONLY,
  },
  'POST /api/v1/contacts/:id/erase': {
    path: () => `/api/v1/contacts/${A.contact}/erase`,
    session: KEY_ONLY,
  },
  'GET /api/v1/responses/:id': { path: () => `/api/v1/responses/${A.response}`, session: KEY_ONLY },
  // A format, not an id: B imports into B's own workspace only; without a CSV nothing happens.
  'POST /api/v1/imports/:format': {
    path: () => '/api/v1/imports/delighted',
    key: [400],
    session: [400],
  },
  'GET /api/v1/tasks/:id': { path: () => `/api/v1/tasks/${A.task}`, session: KEY_ONLY },
  'PATCH /api/v1/tasks/:id': {
    path: () => `/api/v1/tasks/${A.task}`,
    body: () => ({ note: 'B was here', priority: 'urgent' }),
    session: KEY_ONLY,
  },
  'GET /api/v1/users/:id': { path: () => `/api/v1/users/${A.user}` },
  'PATCH /api/v1/users/:id': {
    path: () => `/api/v1/users/${A.user}`,
    body: () => ({ role: 'agent', active: false }),
  },
  'DELETE /api/v1/api-keys/:id': { path: () => `/api/v1/api-keys/${A.apiKey}` },
  'GET /api/v1/reward-pools/:pool': {
    path: () => `/api/v1/reward-pools/${A.pool}`,
    key: [200],
    session: KEY_ONLY,
    ownEmpty: (res) => expect(res.body).toMatchObject({ remaining: 0, used: 0 }),
  },
  'POST /api/v1/reward-pools/:pool/codes': {
    path: () => `/api/v1/reward-pools/${A.pool}/codes`,
    body: () => ({ codes: ['ALPHA-CODE-1'] }),
    key: [200],
    session: KEY_ONLY,
    // B's pool of that name gets the code as new: A's pool, where it exists, is not B's.
    ownEmpty: (res) => expect(res.body).toMatchObject({ added: 1, remaining: 1 }),
  },
  // B has no answers for A's agent id: 404, as for an agent nobody knows.
  'GET /api/v1/reports/agents/:id': { path: () => `/api/v1/reports/agents/${A.agent}?type=nps` },
  'GET /app/tasks/:id': { path: () => `/app/tasks/${A.task}`, ...PAGE },
  'GET /app/users/:id': { path: () => `/app/users/${A.user}`, ...PAGE },
  'POST /app/users/:id': {
    path: () => `/app/users/${A.user}`,
    body: () => ({ role: 'agent', teams: 'bravo' }),
    ...PAGE,
  },
  'POST /app/users/:id/active': {
    path: () => `/app/users/${A.user}/active`,
    body: () => ({ active: 'false' }),
    ...PAGE,
  },
  'POST /app/users/:id/invitation': { path: () => `/app/users/${A.user}/invitation`, ...PAGE },
  'GET /app/api-keys/:id/revoke': { path: () => `/app/api-keys/${A.apiKey}/revoke`, ...PAGE },
  'POST /app/api-keys/:id/revoke': { path: () => `/app/api-keys/${A.apiKey}/revoke`, ...PAGE },
  'GET /app/invitations/:id': { path: () => `/app/invitations/${A.invitation}`, ...PAGE },
  'GET /app/rules/:id': { path: () => `/app/rules/${A.rule}`, ...PAGE },
  'POST /app/rules/:id': {
    path: () => `/app/rules/${A.rule}`,
    body: () => ({ name: 'Taken by B' }),
    ...PAGE,
  },
  'POST /app/rules/:id/active': {
    path: () => `/app/rules/${A.rule}/active`,
    body: () => ({ active: 'false' }),
    ...PAGE,
  },
  'POST /app/rules/:id/move': {
    path: () => `/app/rules/${A.rule}/move`,
    body: () => ({ direction: 'up' }),
    ...PAGE,
  },
  'GET /app/triggers/:id': { path: () => `/app/triggers/${A.trigger}`, ...PAGE },
  'POST /app/triggers/:id': {
    path: () => `/app/triggers/${A.trigger}`,
    body: () => ({ name: 'Taken by B' }),
    ...PAGE,
  },
  'POST /app/triggers/:id/active': {
    path: () => `/app/triggers/${A.trigger}/active`,
    body: () => ({ active: 'false' }),
    ...PAGE,
  },
  'GET /app/surveys/:id': { path: () => `/app/surveys/${A.survey}`, ...PAGE },
  'POST /app/surveys/:id': {
    path: () => `/app/surveys/${A.survey}`,
    body: () => ({ intent: 'save', name: 'B was here', 'question.en': 'B?' }),
    ...PAGE,
  },
  'GET /app/surveys/:id/test-send': { path: () => `/app/surveys/${A.survey}/test-send`, ...PAGE },
  'POST /app/surveys/:id/test-send': {
    path: () => `/app/surveys/${A.survey}/test-send`,
    body: () => ({ channel: 'sms', to: '+33612340099' }),
    ...PAGE,
  },
  'POST /app/tasks/:id/claim': { path: () => `/app/tasks/${A.task}/claim`, ...PAGE },
  'POST /app/tasks/:id/start': { path: () => `/app/tasks/${A.task}/start`, ...PAGE },
  'POST /app/tasks/:id/notes': {
    path: () => `/app/tasks/${A.task}/notes`,
    body: () => ({ note: 'B was here' }),
    ...PAGE,
  },
  'POST /app/tasks/:id/reassign': {
    path: () => `/app/tasks/${A.task}/reassign`,
    body: () => ({ to: 'team:bravo' }),
    ...PAGE,
  },
  'POST /app/tasks/:id/resolve': {
    path: () => `/app/tasks/${A.task}/resolve`,
    body: () => ({ reachedCustomer: 'yes', problemFixed: 'yes', sentiment: 'positive' }),
    ...PAGE,
  },
  'GET /app/contacts/:id': { path: () => `/app/contacts/${A.contact}`, ...PAGE },
  'GET /app/contacts/:id/erase': { path: () => `/app/contacts/${A.contact}/erase`, ...PAGE },
  'POST /app/contacts/:id/erase': {
    path: () => `/app/contacts/${A.contact}/erase`,
    body: () => ({ confirm: 'ERASE' }),
    ...PAGE,
  },
  'POST /app/contacts/:id/export': { path: () => `/app/contacts/${A.contact}/export`, ...PAGE },
  'POST /app/contacts/:id/opt-out': {
    path: () => `/app/contacts/${A.contact}/opt-out`,
    body: () => ({ channel: 'sms', action: 'set' }),
    ...PAGE,
  },
  // A pool is a name: B's admin could only add to B's own pool of that name; the matrix posts
  // JSON, which the form page does not read, so B gets the form back with "no codes" (400).
  'POST /app/rewards/:pool/codes': {
    path: () => `/app/rewards/${A.pool}/codes`,
    body: () => ({ codes: 'ALPHA-CODE-1' }),
    key: [303],
    session: [400],
  },
};

/** A's ids carried in a body or a query rather than the path. */
const ID_IN_BODY: Record<string, Case> = {
  'GET /api/v1/contacts/export': {
    path: () => `/api/v1/contacts/export?phone=${encodeURIComponent(A.contactPhone!)}`,
    session: KEY_ONLY,
  },
  'POST /api/v1/rules/dry-run': {
    path: () => '/api/v1/rules/dry-run',
    body: () => ({ responseId: A.response }),
    session: KEY_ONLY,
  },
  'POST /api/v1/triggers': {
    path: () => '/api/v1/triggers',
    body: () => ({ name: 'B', eventType: 'b', surveyId: A.survey, channels: ['link'] }),
    key: [400, 404],
    session: KEY_ONLY,
  },
  'PATCH /api/v1/tasks/:id': {
    path: () => `/api/v1/tasks/${A.task}`,
    body: () => ({ assigneeId: A.user }),
    session: KEY_ONLY,
  },
};

const paramsOf = (route: string) => /\/:/.test(route);
/** An ALL route (the queue dashboard's guard, in front of Bull Board's own app) is tried with GET. */
const verbOf = (method: string) =>
  (method === 'ALL' ? 'get' : method.toLowerCase()) as 'get' | 'post' | 'patch' | 'delete';

/** Requests made per kind of check, printed once at the end. */
const made = { unauthenticated: 0, noIdAsB: 0, crossWorkspace: 0, ownerControls: 0 };

describe('the route matrix', () => {
  afterAll(() => {
    const total = Object.values(made).reduce((n, m) => n + m, 0);
    console.log(
      `route matrix: ${routes.length} routes (${PUBLIC.size} public, ${Object.keys(ID_ROUTES).length} with an id or name); ${total} cases: ${JSON.stringify(made)}`,
    );
  });

  it('lists every route of the app, and every listed route exists', () => {
    expect(routes.length).toBeGreaterThan(50);
    const listed = [...PUBLIC, ...Object.keys(ID_ROUTES), ...Object.keys(OPERATOR_ONLY)];
    expect(listed.filter((r) => !routes.includes(r))).toEqual([]);
    expect(Object.keys(ID_IN_BODY).filter((r) => !routes.includes(r))).toEqual([]);
    // A new route with a path parameter needs its cross-workspace case (or to be public).
    const uncovered = routes.filter((r) => paramsOf(r) && !PUBLIC.has(r) && !ID_ROUTES[r]);
    expect(uncovered).toEqual([]);
  });

  it("notices a change to A's data (so an unchanged snapshot means something)", async () => {
    const before = await collectionHashes(ctx, notB);
    await request(ctx.app)
      .patch(`/api/v1/rules/${A.rule}`)
      .set(a.auth)
      .send({ priority: 7 })
      .expect(200);
    expect(await collectionHashes(ctx, notB)).not.toEqual(before);
  });

  it('refuses every route outside the public allow-list to a caller without credentials', async () => {
    const open: string[] = [];
    for (const route of routes.filter((r) => !PUBLIC.has(r))) {
      const [method, pattern] = route.split(' ') as [string, string];
      const path = pattern.replace(/:(\w+)/g, () => String(new Types.ObjectId()));
      const res = await request(ctx.app)[verbOf(method)](path).send({});
      made.unauthenticated += 1;
      const refused = path.startsWith('/api/')
        ? res.status === 401 && res.type === 'application/problem+json'
        : res.status === 303 && /^\/login\?next=/.test(res.get('location') ?? '');
      if (!refused) open.push(`${route} → ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('shows B nothing of A on the routes without an id (lists, reports, pages)', async () => {
    const gets = routes.filter(
      (r) => (r.startsWith('GET ') || r.startsWith('ALL ')) && !paramsOf(r) && !PUBLIC.has(r),
    );
    const aIds = () => Object.values(A).filter((v) => Types.ObjectId.isValid(v) && v.length === 24);
    const leaks: string[] = [];
    for (const route of gets) {
      const path = route.split(' ')[1]! + (route.includes('/reports') ? '?type=nps' : '');
      const res = path.startsWith('/api/')
        ? await request(ctx.app).get(path).set(b.auth)
        : await bSession.agent.get(path);
      made.noIdAsB += 1;
      if (res.status >= 500) leaks.push(`${route} → ${res.status}`);
      for (const secret of [...SECRETS, ...aIds()]) {
        if (res.text.includes(secret)) leaks.push(`${route} shows ${secret}`);
      }
    }
    expect(gets.length).toBeGreaterThan(15);
    expect(leaks).toEqual([]);
  });

  it.each(Object.entries(OPERATOR_ONLY))(
    "when B's workspace admin calls the operators' route %s, then 403 and none of its data",
    async (_route, path) => {
      const page = await bSession.agent.get(path).expect(403);
      expect(page.text).toContain('operators of this Retour installation');
      const put = await bSession.agent
        .put(`${path}/x`)
        .set('X-CSRF-Token', bSession.csrf)
        .set('Sec-Fetch-Site', 'same-origin');
      expect(put.status).toBe(403);
    },
  );

  const matrix = [
    ...Object.entries(ID_ROUTES).map(([route, c]) => [route, 'path', c] as const),
    ...Object.entries(ID_IN_BODY).map(([route, c]) => [route, 'body', c] as const),
  ];
  it.each(matrix)(
    "when B's API key and B's session call %s with A's ids (in the %s), then 404 or a refusal and A is unchanged",
    async (route, _where, c) => {
      const method = route.split(' ')[0]!.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
      if (method === 'get' && c.path().startsWith('/api/')) {
        // A's own key reads it: the id is real, so B's 404 means something.
        await request(ctx.app).get(c.path()).set(a.auth).expect(200);
        made.ownerControls += 1;
      }
      const before = await collectionHashes(ctx, notB);
      const callers = [
        ['key', c.key ?? NOT_FOUND, request(ctx.app)[method](c.path()).set(b.auth)],
        [
          'session',
          c.session ?? NOT_FOUND,
          bSession.agent[method](c.path()).set('X-CSRF-Token', bSession.csrf),
        ],
      ] as const;
      for (const [who, expected, call] of callers) {
        const res = await (c.body ? call.send(c.body()) : call);
        made.crossWorkspace += 1;
        if (!expected.includes(res.status)) {
          throw new Error(
            `${who}: ${route} answered ${res.status}, expected ${expected.join(' or ')}`,
          );
        }
        const leaked = SECRETS.filter((secret) => res.text.includes(secret));
        expect({ who, leaked }).toEqual({ who, leaked: [] });
        if (res.status === 200) c.ownEmpty?.(res);
      }
      expect(await collectionHashes(ctx, notB)).toEqual(before);
    },
  );
});
