/**
 * Property-based fuzzing of every endpoint a stranger or an integration can reach: generated
 * bodies, query strings, tokens and headers. Whatever comes in, the answer is never a 5xx, a
 * 4xx of the JSON API is problem+json, and a 4xx stores nothing.
 */
import fc from 'fast-check';
import { createServer, Agent, type Server } from 'node:http';
import request from 'supertest';
import type { Response } from 'supertest';
import { issueFormNonce } from '../../src/responses/form-nonce';
import { signGenericDelivery } from '../support/connectors/generic-signer';
import { signedZendeskDelivery } from '../support/connectors/zendesk-webhooks';
import { signTwilioRequest, postTwilioWebhook } from '../support/fake-twilio';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { createUser, FAST_HASHING, PASSWORD } from './auth-helpers';
import { collectionCounts as allCollectionCounts } from './db-snapshot';

/**
 * A refused sign-in writes one thing on purpose: its audit entry (issue 17). Everything else a
 * 4xx might store is a defect, so only those entries are left out of the counts.
 */
const failedSignIns = () =>
  ctx.container.mongo.collection('audit_entries').countDocuments({ action: 'auth.sign-in-failed' });
/** As db-snapshot's storedTotals (one dbStats), less the refused sign-ins' audit entries. */
async function storedTotals(c: TestContext): Promise<string> {
  const stats = await c.container.mongo.db!.command({ dbStats: 1 });
  const others = Number(stats.objects) - (await failedSignIns());
  return `${String(stats.collections)} collections, ${others} documents besides failed sign-ins`;
}
async function collectionCounts(c: TestContext): Promise<Record<string, number>> {
  const counts = await allCollectionCounts(c);
  if (counts.audit_entries !== undefined) counts.audit_entries -= await failedSignIns();
  return counts;
}
import { linkInvitation, type TestInvitation } from './landing-helpers';
import { detractorTask } from './inbox-helpers';
import { storedResponse } from './rules-helpers';

const AUTH_TOKEN = 'fuzz-twilio-auth-token';
const PUBLIC_URL = 'http://retour.test';
const HIGH = '100000000';

let ctx: TestContext;
let server: Server;
let ws: TestWorkspace;
let invitations: TestInvitation[];
let ids: { survey: string; trigger: string; rule: string; task: string; user: string };
const keepAlive = new Agent({ keepAlive: true, maxSockets: 4 });

beforeAll(async () => {
  ctx = await startTestContext('fuzz', {
    ...FAST_HASHING,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    PUBLIC_URL,
    LANDING_RATE_PER_IP_PER_MINUTE: HIGH,
    LANDING_RATE_PER_LINK_PER_10_MINUTES: HIGH,
    LOGIN_RATE_PER_IP_PER_15_MINUTES: HIGH,
    // Invitation and reset mails go nowhere (a closed port), never to a developer's SMTP sink.
    SMTP_URL: 'smtp://127.0.0.1:9',
  });
  server = createServer(ctx.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ws = await createTestWorkspace(ctx, 'Fuzzed');
  await createUser(ctx, ws, { role: 'admin', email: 'fuzz-admin@example.com' });
  invitations = [
    await linkInvitation(ctx, ws, { type: 'nps' }),
    await linkInvitation(ctx, ws, { type: 'csat', locale: 'fr' }),
    await linkInvitation(ctx, ws, { type: 'ces' }),
  ];
  // Answers for the reports to work on: both survey types, several teams, agents and tiers.
  for (let i = 0; i < 24; i++) {
    await storedResponse(ctx, ws.workspaceId, {
      type: i % 3 === 0 ? 'csat' : 'nps',
      score: i % 3 === 0 ? 1 + (i % 5) : i % 11,
      agentId: `a-${i % 3}`,
      team: i % 2 ? 'billing' : 'support',
      comment: i % 4 ? 'late and rude' : null,
      segment: {
        product: 'Fibre',
        revenue: i * 100,
        attributes: { tier: i % 2 ? 'gold' : 'free' },
      },
    });
  }
  const api = (path: string, body: object) =>
    request(ctx.app).post(`/api/v1${path}`).set(ws.auth).send(body).expect(201);
  const survey = await api('/surveys', {
    key: 'fuzz-nps',
    type: 'nps',
    name: 'Fuzz',
    question: { en: 'How likely?' },
    followUpQuestion: { en: 'Why?' },
    thankYou: { en: 'Thanks' },
  });
  const trigger = await api('/triggers', {
    name: 'Fuzz trigger',
    eventType: 'fuzz_event',
    surveyId: survey.body.id,
    channels: ['link'],
  });
  const rule = await api('/rules', { name: 'Fuzz rule', actions: [{ type: 'tag', tags: ['x'] }] });
  const task = await detractorTask(ctx, ws.workspaceId, { team: 'billing' });
  const user = await createUser(ctx, ws, { role: 'agent', teams: ['billing'] });
  ids = {
    survey: survey.body.id,
    trigger: trigger.body.id,
    rule: rule.body.id,
    task: task.task.id,
    user: user.id,
  };
}, 60_000);

afterAll(async () => {
  keepAlive.destroy();
  await new Promise((resolve) => server?.close(resolve));
  await ctx?.close();
});

// ---- bookkeeping: cases per endpoint, and "a 4xx stores nothing" ----------------------------

const cases: Record<string, number> = {};
/** Answers per status class and endpoint, to see that the generators reach both outcomes. */
const classes: Record<string, Record<string, number>> = {};

/**
 * "A 4xx stores nothing": the database's collection and document totals (one dbStats) are read
 * after every answer; a 4xx must leave them as they were. Per-collection counts are compared
 * too, around every batch of answers that were all 4xx.
 */
let totals = '';
let counts: Record<string, number> = {};
let only4xxSinceCounts = true;

async function resnapshot() {
  totals = await storedTotals(ctx);
  counts = await collectionCounts(ctx);
  only4xxSinceCounts = true;
}

async function checkCounts(where: string) {
  if (only4xxSinceCounts) {
    const now = await collectionCounts(ctx);
    expect({ where, counts: now }).toEqual({ where, counts });
  }
  await resnapshot();
}

async function observe(
  endpoint: string,
  mode: 'may-succeed' | 'always-4xx',
  send: () => Promise<Response>,
  options: { json: boolean; describe: () => string },
): Promise<Response> {
  cases[endpoint] = (cases[endpoint] ?? 0) + 1;
  const res = await send();
  const cls = `${String(res.status).charAt(0)}xx`;
  classes[endpoint] ??= {};
  classes[endpoint][cls] = (classes[endpoint][cls] ?? 0) + 1;
  const where = () => `${endpoint} (${options.describe().slice(0, 400)})`;
  if (res.status >= 500) {
    throw new Error(`${where()} answered ${res.status}: ${res.text.slice(0, 300)}`);
  }
  const is4xx = res.status >= 400;
  const type = res.get('content-type') ?? '';
  if (is4xx && options.json && !type.startsWith('application/problem+json')) {
    throw new Error(`${where()}: ${res.status} is ${type}, not problem+json`);
  }
  if (mode === 'always-4xx' && !is4xx)
    throw new Error(`${where()}: expected a 4xx, got ${res.status}`);
  const now = await storedTotals(ctx);
  if (is4xx && now !== totals) {
    throw new Error(`${where()}: the ${res.status} stored something (${totals} → ${now})`);
  }
  if (!is4xx) only4xxSinceCounts = false;
  totals = now;
  if (++sinceCounts >= BATCH) {
    sinceCounts = 0;
    await checkCounts(endpoint);
  }
  return res;
}

const BATCH = 200;
let sinceCounts = 0;

/** FUZZ_SCALE=10 runs ten times the cases (a deeper run by hand); the default fits in CI. */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

async function run<T>(
  arb: fc.Arbitrary<T>,
  numRuns: number,
  predicate: (value: T) => Promise<void>,
): Promise<void> {
  await resnapshot();
  sinceCounts = 0;
  const runs = Math.max(1, Math.round(numRuns * SCALE));
  await fc.assert(fc.asyncProperty(arb, predicate), { numRuns: runs, endOnFailure: true });
  await checkCounts('end of property');
}

const http = () => request(server);
const withAgent = <T extends request.Test>(test: T): T => test.agent(keepAlive) as T;

// ---- arbitraries ------------------------------------------------------------------------------

const nastyKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '$where',
  '$gt',
  '$set',
  'a.b',
  '.',
  '',
  '\u0000',
  'a\u0000b',
  'x'.repeat(300),
);
const key = fc.oneof(nastyKey, fc.string({ maxLength: 12 }));

const nastyString = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uFFFF',
  '{{constructor.constructor "alert(1)"}}',
  '{{#each this}}{{/each}}',
  '{{> nope}}',
  '<script>alert(1)</script>',
  '%00',
  '%E0%A4%A',
  '../../etc/passwd',
  '{"$gt":""}',
  '$where',
  ' ',
  '+33612345678',
  'alice@example.com',
  '2026-13-45T25:61:00Z',
  '-0',
  'NaN',
  'Infinity',
  '9'.repeat(400),
);
const bigString = fc.integer({ min: 1_000, max: 120_000 }).map((n) => 'é'.repeat(n));
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 3, arbitrary: nastyString },
  { weight: 1, arbitrary: bigString },
);
const scalar = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(-0),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  text,
);

/** Objects built with own "__proto__" / "constructor" keys (Object.fromEntries defines them). */
function objectOf<T>(value: fc.Arbitrary<T>, maxKeys = 4): fc.Arbitrary<Record<string, T>> {
  return fc
    .array(fc.tuple(key, value), { maxLength: maxKeys })
    .map((entries) => Object.fromEntries(entries));
}

const { json: anyJson } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('json'), { maxLength: 4 }),
    objectOf(tie('json')),
  ),
}));

/** A body nested hundreds or thousands of levels deep, in arrays, objects or all/any groups. */
const deep = fc
  .record({
    depth: fc.integer({ min: 20, max: 800 }),
    shape: fc.constantFrom('array', 'object', 'all', 'any', 'attributes'),
  })
  .map(({ depth, shape }) => {
    let node: unknown = { field: 'score', op: 'lt', value: 7 };
    for (let i = 0; i < depth; i++) {
      if (shape === 'array') node = [node];
      else if (shape === 'object') node = { a: node };
      else if (shape === 'attributes') node = { constructor: node };
      else node = { [shape]: [node] };
    }
    // fast-check would print (and overflow on) the whole tower in a counterexample.
    Object.defineProperty(node, fc.toStringMethod, { value: () => `<${shape} ${depth} deep>` });
    return node;
  });

/** Far deeper nesting as JSON text (no client-side recursion): {"a":[{"a":[ ... ]}]}. */
const deepText = fc
  .record({
    depth: fc.integer({ min: 1_000, max: 40_000 }),
    open: fc.constantFrom('[', '{"a":', '{"all":[', '{"attributes":'),
  })
  .map(({ depth, open }) => {
    const close = open === '[' ? ']' : open === '{"all":[' ? ']}' : '}';
    const text = `${open.repeat(depth)}1${close.repeat(depth)}`;
    return Object.assign(new String(text), {
      [fc.toStringMethod]: () => `<${open} ${depth} deep>`,
    });
  });

const surveyType = fc.oneof(fc.constantFrom('nps', 'csat', 'ces'), scalar);
const isoDate = fc
  .date({ noInvalidDate: true, min: new Date(-8.64e15), max: new Date(8.64e15) })
  .map((d) => d.toISOString());
const timeish = fc.oneof(isoDate, fc.constantFrom('2026-01-01', '2026-02-30', 'yesterday'), text);

/** Mostly the generated value, sometimes any JSON at all in its place. */
function maybe(arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: anyJson });
}

/**
 * A valid value, then none to three mutations at random places inside it: a value replaced by
 * any JSON, a key deleted, or a key added (nasty names included). About 40% stay valid, so the
 * requests reach past validation into the services.
 */
function nearly(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const mutation = fc.record({
    kind: fc.constantFrom('set', 'delete', 'add'),
    at: fc.nat(),
    key,
    value: anyJson,
  });
  const mutations = fc.oneof(
    { weight: 2, arbitrary: fc.constant([]) },
    { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
  );
  return fc
    .tuple(valid, mutations)
    .map(([body, ms]) => ms.reduce(mutate, JSON.parse(JSON.stringify(body)) as unknown));
}

type Mutation = { kind: string; at: number; key: string; value: unknown };

/** Own data properties only: assigning "__proto__" would set the prototype instead. */
function put(target: object, name: string | number, value: unknown) {
  Object.defineProperty(target, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function mutate(root: unknown, m: Mutation): unknown {
  const spots: [Record<string, unknown> | unknown[], string | number][] = [];
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const container = node as Record<string, unknown> | unknown[];
    containers.push(container);
    for (const k of Object.keys(container)) {
      spots.push([container, Array.isArray(container) ? Number(k) : k]);
      walk((container as Record<string, unknown>)[k]);
    }
  };
  walk(root);
  if (m.kind === 'add' || spots.length === 0) {
    if (containers.length === 0) return m.value;
    const target = containers[m.at % containers.length]!;
    if (Array.isArray(target)) target.push(m.value);
    else put(target, m.key, m.value);
    return root;
  }
  const [container, name] = spots[m.at % spots.length]!;
  if (m.kind === 'set') put(container, name, m.value);
  else if (Array.isArray(container)) container.splice(name as number, 1);
  else delete container[name as string];
  return root;
}

const day = fc
  .date({ min: new Date('2024-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString());

const validInteraction = fc.record(
  {
    id: fc.stringMatching(/^[a-z0-9-]{1,30}$/),
    type: fc.constantFrom('ticket_closed', 'call.ended', 'order delivered'),
    occurredAt: day,
    customer: fc.record(
      {
        id: fc.stringMatching(/^c-[0-9]{1,6}$/),
        name: fc.constantFrom('Alice Martin', 'Zoé', '李雷'),
        email: fc.constantFrom('alice@example.com', 'bob.smith+x@example.org'),
        phone: fc.constantFrom('+33612345678', '+14155552671', '+447700900123'),
        locale: fc.constantFrom('fr', 'en', 'en-GB', 'de'),
        timezone: fc.constantFrom('Europe/Paris', 'UTC', 'America/New_York'),
      },
      { requiredKeys: ['id', 'email'] },
    ),
    agent: fc.record(
      { id: fc.constantFrom('a-1', 'a-2'), name: fc.constantFrom('Bruno', 'Zoé') },
      { requiredKeys: [] },
    ),
    team: fc.constantFrom('billing', 'support'),
    channel: fc.constantFrom('phone', 'chat', 'email'),
    attributes: fc.dictionary(
      fc.stringMatching(/^[a-z]{1,10}$/),
      fc.oneof(fc.string({ maxLength: 50 }), fc.integer(), fc.boolean(), fc.constant(null)),
      { maxKeys: 5 },
    ),
    survey: fc.record(
      {
        type: fc.constantFrom('nps', 'csat', 'ces'),
        channels: fc.uniqueArray(fc.constantFrom('link', 'email', 'sms', 'chat', 'whatsapp'), {
          minLength: 1,
          maxLength: 3,
        }),
        delay: fc.constantFrom('PT1H', 'P1D', 'PT0S'),
      },
      { requiredKeys: ['type'] },
    ),
  },
  { requiredKeys: ['id', 'type', 'customer'] },
);

/** Close to the interaction schema: mostly the right shapes, every field sometimes wrong. */
const interactionBody = fc
  .record(
    {
      id: maybe(fc.string({ minLength: 1, maxLength: 30 })),
      type: maybe(fc.constantFrom('ticket_closed', 'call.ended', ' ')),
      occurredAt: maybe(timeish),
      customer: maybe(
        fc.record(
          {
            id: maybe(fc.string({ maxLength: 20 })),
            name: maybe(text),
            phone: maybe(fc.constantFrom('+33612345678', '+15005550006', '0612345678', '+0')),
            email: maybe(fc.oneof(fc.emailAddress(), text)),
            locale: maybe(fc.constantFrom('fr', 'en-GB', 'fr_CA', 'xx-YY', 'e')),
            timezone: maybe(fc.constantFrom('Europe/Paris', 'UTC', 'Mars/Olympus', '+01:00')),
          },
          { requiredKeys: [] },
        ),
      ),
      agent: maybe(fc.record({ id: text, name: text, email: text }, { requiredKeys: [] })),
      team: maybe(text),
      channel: maybe(text),
      attributes: maybe(objectOf(scalar, 6)),
      survey: maybe(
        fc.record(
          {
            type: surveyType,
            channels: maybe(
              fc.array(fc.constantFrom('link', 'chat', 'sms', 'email', 'whatsapp', 'fax'), {
                maxLength: 4,
              }),
            ),
            delay: maybe(fc.constantFrom('PT1H', 'P1D', 'PT0S', 'P100Y', 'bogus', '-PT1H')),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  )
  .chain((body) => objectOf(anyJson, 2).map((extra) => ({ ...extra, ...body })));

/** A raw request body, sent with a content type that may not match it. */
const rawBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"a":', '[1,2', 'null', '"text"', '1e999999', '{"__proto__":{"x":1}}'),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/problem+json',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
);

/** Kept raw (malformed escapes, "&", "=" and all) when the HTTP client can send it as is. */
const printable = (v: string) =>
  /^[\x21-\x7e]*$/.test(v) ? v : new URLSearchParams([['', v]]).toString().slice(1);

/** A query string: the named parameters with generated values, plus junk ones. */
function queryString(names: fc.Arbitrary<string>, values: fc.Arbitrary<string>) {
  return fc
    .array(
      fc.tuple(fc.oneof({ weight: 4, arbitrary: names }, { weight: 1, arbitrary: key }), values),
      {
        maxLength: 6,
      },
    )
    .chain((pairs) =>
      fc
        .boolean()
        .map((raw) =>
          raw
            ? pairs.map(([k, v]) => `${printable(k)}=${printable(v)}`).join('&')
            : new URLSearchParams(pairs).toString(),
        ),
    )
    .map((q) => q.replace(/#/g, '%23'));
}

const formBody = (names: string[], value: fc.Arbitrary<string>) =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })), value), {
      maxLength: 12,
    })
    .map((pairs) => new URLSearchParams(pairs).toString());

/** A path segment: garbage, percent-encoded or raw (possibly malformed escapes). */
const garbageToken = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).map((t) => encodeURIComponent(t)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map((t) => printable(t)),
  fc.constantFrom('%', '%E0%A4%A', '%00', '..', '.', '%2e%2e', 'a'.repeat(2_000), '%2F', '%5C'),
  fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
);

const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const junkHeaders = fc.dictionary(
  fc.constantFrom(
    'Accept',
    'Accept-Language',
    'Origin',
    'Sec-Fetch-Site',
    'X-Request-Id',
    'Cookie',
    'X-Forwarded-For',
    'Range',
    'If-None-Match',
  ),
  headerValue,
  { maxKeys: 4 },
);

function withHeaders(test: request.Test, headers: Record<string, string>): request.Test {
  for (const [name, value] of Object.entries(headers)) test.set(name, value);
  return test;
}

const decoded = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

const show = (value: unknown) => () => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

// ---- the properties ---------------------------------------------------------------------------

jest.setTimeout(120_000);

describe('fuzzing the public endpoints', () => {
  afterAll(() => {
    const total = Object.values(cases).reduce((a, b) => a + b, 0);
    const lines = Object.entries(cases).map(
      ([endpoint, n]) => `  ${endpoint}: ${n} ${JSON.stringify(classes[endpoint])}`,
    );
    console.log(`fuzz cases per endpoint (total ${total}):\n${lines.join('\n')}`);
  });

  it('POST /api/v1/interactions never fails on near-schema bodies, and stores nothing on a 4xx', async () => {
    await run(fc.oneof(nearly(validInteraction), interactionBody), 500, async (body) => {
      await observe(
        'POST /api/v1/interactions (near schema)',
        'may-succeed',
        () =>
          withAgent(
            http()
              .post('/api/v1/interactions')
              .set(ws.auth)
              .set('Content-Type', 'application/json')
              .send(JSON.stringify(body)),
          ),
        { json: true, describe: show(body) },
      );
    });
  });

  it('POST /api/v1/interactions answers 4xx problem+json to wrong types, deep nesting, nasty keys and raw bytes', async () => {
    const wrong = fc.oneof(
      anyJson.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
      deep,
      objectOf(anyJson, 6),
      fc.record({ id: bigString, type: bigString, customer: fc.record({ email: bigString }) }),
    );
    await run(wrong, 450, async (body) => {
      await observe(
        'POST /api/v1/interactions (wrong shapes)',
        'always-4xx',
        () =>
          withAgent(
            http()
              .post('/api/v1/interactions')
              .set(ws.auth)
              .set('Content-Type', 'application/json')
              .send(JSON.stringify(body)),
          ),
        { json: true, describe: show(body) },
      );
    });
    await run(deepText, 40, async (body) => {
      await observe(
        'POST /api/v1/interactions (deep JSON text)',
        'always-4xx',
        () =>
          withAgent(
            http()
              .post('/api/v1/interactions')
              .set(ws.auth)
              .set('Content-Type', 'application/json')
              .send(String(body)),
          ),
        { json: true, describe: show(String(body).slice(0, 60)) },
      );
    });
    await run(fc.tuple(rawBody, contentType, junkHeaders), 220, async ([body, type, headers]) => {
      await observe(
        'POST /api/v1/interactions (raw bodies)',
        'always-4xx',
        () =>
          withAgent(
            withHeaders(http().post('/api/v1/interactions'), headers)
              .set(ws.auth)
              .set('Content-Type', type)
              .send(body),
          ),
        { json: true, describe: show({ body, type, headers }) },
      );
    });
  });

  it('the JSON API answers 401/403 problem+json to missing, garbage and malformed API keys', async () => {
    const authHeader = fc.oneof(
      fc.constant(undefined),
      headerValue,
      headerValue.map((v) => `Bearer ${v}`),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'Basic YTpi',
        `Bearer ${ws.key}x`,
        `bearer  ${ws.key.slice(0, -1)}`,
      ),
    );
    const target = fc.constantFrom(
      ['post', '/api/v1/interactions'],
      ['get', '/api/v1/reports/summary?type=nps'],
      ['post', '/api/v1/rules'],
      ['patch', `/api/v1/triggers/000000000000000000000000`],
      ['get', '/api/v1/surveys'],
    ) as fc.Arbitrary<[string, string]>;
    await run(fc.tuple(target, authHeader, anyJson), 200, async ([[method, path], auth, body]) => {
      await observe(
        `${method.toUpperCase()} ${path.split('?')[0]} (bad credentials)`,
        'always-4xx',
        () => {
          const test =
            method === 'get' ? http().get(path) : http()[method as 'post' | 'patch'](path);
          if (auth !== undefined) test.set('Authorization', auth);
          return withAgent(test.set('Content-Type', 'application/json').send(JSON.stringify(body)));
        },
        { json: true, describe: show({ auth, body }) },
      );
    });
  });

  it('the report and responses JSON endpoints answer 200 or a 400 problem+json to generated query strings', async () => {
    const kinds = ['summary', 'trend', 'distribution', 'volume', 'revenue', 'sample', 'followup'];
    const names = fc.constantFrom(
      'type',
      'groupBy',
      'from',
      'to',
      'period',
      'size',
      'week',
      'responseField',
      'filter[team]',
      'filter[agent]',
      'filter[revenue]',
      'filter[attributes.tier]',
      'filter[__proto__]',
      'filter[constructor]',
      'filter[$where]',
      'filter[a.b]',
      'filter[]',
      'filter',
      'filter[team][x]',
      'groupBy[]',
      'type[]',
    );
    const values = fc.oneof(
      fc.constantFrom(
        'nps',
        'csat',
        'ces',
        'team',
        'agent',
        'interaction type',
        'attributes.tier',
        'attributes.__proto__',
        'attributes.$where',
        'week',
        'day',
        'month',
        '2026-01-01',
        '2026-12-31T23:59:59Z',
        '-271821-04-20T00:00:00Z',
        '2026-W48',
        '2026-W99',
        '0',
        '201',
        '1e3',
        '',
      ),
      isoDate,
      text.map((t) => t.slice(0, 200)),
    );
    const kind = fc.constantFrom(
      ...kinds.map((k) => `reports/${k}`),
      'reports/summary.csv',
      'reports/responses.csv',
      'reports/agents/a-7',
      'reports/agents/%E0%A4%A',
      'reports/agents/__proto__',
      'responses',
    );
    const moreNames = fc.constantFrom('category', 'tag', 'limit', 'cursor', 'filter[agentId]');
    const moreValues = fc.constantFrom('detractor', 'x', '0', '201', 'ffffffffffffffffffffffff');
    const junk = queryString(fc.oneof(names, moreNames), fc.oneof(values, moreValues));

    // Valid queries per endpoint (their parameters are strict), sometimes with a junk pair.
    const type = fc.constantFrom('nps', 'csat', 'ces');
    const date = fc.oneof(
      day,
      day.map((d) => d.slice(0, 10)),
    );
    const filter = fc.constantFrom('billing', 'support', 'a-1', 'Fibre');
    const dims = fc.constantFrom(
      'team',
      'agent',
      'interaction type',
      'attributes.tier',
      'surveyChannel',
      'product',
    );
    const base = {
      from: date,
      to: date,
      'filter[team]': filter,
      'filter[attributes.tier]': filter,
    };
    const q = (shape: Record<string, fc.Arbitrary<string>>, required: string[] = ['type']) =>
      fc.record(shape, { requiredKeys: required }) as fc.Arbitrary<Record<string, string>>;
    const validQueries: Record<string, fc.Arbitrary<Record<string, string>>> = {
      'reports/summary': q({
        ...base,
        type,
        groupBy: fc.oneof(dims, fc.constantFrom('week', 'day')),
      }),
      'reports/summary.csv': q({ ...base, type, groupBy: dims }),
      'reports/trend': q({ ...base, type, period: fc.constantFrom('day', 'week', 'month') }),
      'reports/distribution': q({ ...base, type }),
      'reports/volume': q({ ...base, type }, []),
      'reports/revenue': q({ ...base, type, groupBy: dims }),
      'reports/sample': q(
        {
          type,
          size: fc.integer({ min: 1, max: 200 }).map(String),
          week: fc.constantFrom('2026-W48', '2025-W01'),
        },
        [],
      ),
      'reports/followup': q({ ...base, type, groupBy: fc.constantFrom('agent', 'team') }),
      'reports/responses.csv': q({ ...base, type }, []),
      'reports/agents/a-1': q({ from: date, to: date, type }),
      responses: q(
        {
          type,
          category: fc.constantFrom('detractor', 'promoter', 'satisfied'),
          tag: fc.constantFrom('x', 'vip'),
          from: day,
          to: day,
          limit: fc.integer({ min: 1, max: 200 }).map(String),
          'filter[team]': filter,
        },
        [],
      ),
    };
    const valid = fc
      .constantFrom(...Object.keys(validQueries))
      .chain((k) =>
        fc.tuple(
          fc.constant(k),
          validQueries[k]!,
          fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: junk }),
        ),
      )
      .map(([k, params, extra]) => {
        const text = new URLSearchParams(Object.entries(params)).toString();
        return [k, extra ? `${text}&${extra}` : text] as [string, string];
      });
    await run(fc.oneof(valid, fc.tuple(kind, junk)), 900, async ([k, query]) => {
      await observe(
        `GET /api/v1/${k.startsWith('reports/agents/') ? 'reports/agents/:id' : k}`,
        'may-succeed',
        () => withAgent(http().get(`/api/v1/${k}?${query}`).set(ws.auth)),
        { json: true, describe: show(query) },
      );
    });
  });

  it('the surveys, triggers and rules APIs answer 2xx or a 4xx problem+json to generated bodies', async () => {
    const condition = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.record(
          {
            field: fc.oneof(
              fc.constantFrom(
                'score',
                'category',
                'comment',
                'segment.team',
                'attributes.tier',
                '__proto__',
                'constructor',
              ),
              text,
            ),
            op: fc.oneof(
              fc.constantFrom(
                'eq',
                'ne',
                'lt',
                'lte',
                'gt',
                'gte',
                'in',
                'contains',
                'matches',
                'exists',
                'before',
              ),
              text,
            ),
            value: fc.oneof(
              scalar,
              fc.array(scalar, { maxLength: 3 }),
              fc.constantFrom('(a+)+$', '(?<x>.)\\k<x>', '[', '.*'.repeat(50)),
            ),
          },
          { requiredKeys: [] },
        ),
        fc.record({ all: fc.array(tie('node'), { maxLength: 3 }) }),
        fc.record({ any: fc.array(tie('node'), { maxLength: 3 }) }),
        anyJson,
      ),
    })).node;
    const template = fc.oneof(
      text,
      fc.constantFrom(
        'Hi {{contact.name}}',
        '{{#if x}}',
        '{{lookup this "constructor"}}',
        '{{{raw}}}',
        '{{> partial}}',
      ),
    );
    const localized = maybe(
      fc.record({ en: maybe(template), fr: maybe(template) }, { requiredKeys: [] }),
    );
    const action = fc.oneof(
      fc.record(
        { type: fc.constant('tag'), tags: maybe(fc.array(text, { maxLength: 3 })) },
        { requiredKeys: ['type'] },
      ),
      fc.record(
        {
          type: fc.constant('send_message'),
          text: localized,
          channel: maybe(fc.constantFrom('sms', 'email', 'fax')),
          rewardPool: maybe(text),
        },
        { requiredKeys: ['type'] },
      ),
      fc.record(
        {
          type: fc.constant('notify'),
          email: maybe(
            fc.record(
              {
                users: maybe(fc.array(text, { maxLength: 2 })),
                roles: maybe(fc.array(fc.constantFrom('admin', 'agent', 'king'))),
              },
              { requiredKeys: [] },
            ),
          ),
          webhook: maybe(
            fc.record({
              url: fc.constantFrom(
                'https://example.com/hook',
                'http://127.0.0.1:1/x',
                'http://169.254.169.254/',
                'ftp://x',
                'http://[::1]/',
              ),
              secret: text,
            }),
          ),
        },
        { requiredKeys: ['type'] },
      ),
      fc.record(
        {
          type: fc.constant('create_task'),
          assign: maybe(
            fc.record(
              {
                strategy: fc.constantFrom('user', 'team_queue', 'round_robin', 'nobody'),
                user: maybe(text),
                team: maybe(text),
              },
              { requiredKeys: [] },
            ),
          ),
          priority: maybe(fc.constantFrom('low', 'urgent', 'meh')),
          sla: maybe(
            fc.record(
              {
                businessHours: maybe(fc.double()),
                workingDays: maybe(fc.array(fc.integer({ min: -1, max: 8 }))),
                start: maybe(fc.constantFrom('09:00', '24:00', '9')),
                end: maybe(fc.constantFrom('17:00', '00:00')),
              },
              { requiredKeys: [] },
            ),
          ),
        },
        { requiredKeys: ['type'] },
      ),
      anyJson,
    );
    const rule = fc.record(
      {
        name: maybe(text),
        priority: maybe(fc.integer({ min: -5, max: 20_000 })),
        active: maybe(fc.boolean()),
        conditions: maybe(fc.oneof(condition, deep)),
        actions: maybe(fc.array(action, { maxLength: 4 })),
        stop: maybe(fc.boolean()),
      },
      { requiredKeys: [] },
    );
    const trigger = fc.record(
      {
        name: maybe(text),
        eventType: maybe(text),
        conditions: maybe(fc.oneof(condition, deep)),
        surveyId: maybe(fc.constantFrom('000000000000000000000000', 'survey', '__proto__')),
        channels: maybe(fc.array(fc.constantFrom('link', 'sms', 'email', 'fax'), { maxLength: 3 })),
        delay: maybe(fc.constantFrom('PT1H', 'P1D', 'bogus')),
        samplingRate: maybe(fc.double({ min: -1, max: 101 })),
        active: maybe(fc.boolean()),
      },
      { requiredKeys: [] },
    );
    const survey = fc.record(
      {
        key: maybe(fc.stringMatching(/^[a-z0-9_-]{0,52}$/)),
        type: surveyType,
        name: maybe(text),
        isDefault: maybe(fc.boolean()),
        scale: maybe(
          fc.record({ min: fc.integer({ min: -1, max: 2 }), max: fc.integer({ min: 4, max: 11 }) }),
        ),
        question: localized,
        followUpQuestion: localized,
        thankYou: localized,
        templates: maybe(
          fc.record(
            { sms: localized, emailSubject: localized, reminder: localized },
            { requiredKeys: [] },
          ),
        ),
        reminderDelay: maybe(fc.constantFrom('PT1H', 'P1D', 'bogus')),
        expiry: maybe(fc.constantFrom('P7D', 'P0D', 'nope')),
        reviewUrl: maybe(
          fc.constantFrom(null, 'https://example.com/review', 'javascript:alert(1)'),
        ),
        active: maybe(fc.boolean()),
      },
      { requiredKeys: [] },
    );
    const dryRun = fc.record(
      {
        rules: maybe(fc.array(rule, { maxLength: 3 })),
        responseId: maybe(fc.constantFrom('000000000000000000000000', 'nope')),
        response: maybe(
          fc.record(
            {
              type: surveyType,
              score: maybe(fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double())),
              comment: maybe(text),
              tags: maybe(fc.array(text, { maxLength: 3 })),
              segment: maybe(objectOf(anyJson)),
              contact: maybe(
                fc.record(
                  { locale: maybe(text), attributes: maybe(objectOf(anyJson)) },
                  { requiredKeys: [] },
                ),
              ),
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: [] },
    );
    // Valid bodies, to be mutated by nearly(): they reach the services and the stored data.
    const score = fc.integer({ min: 0, max: 10 });
    const validCondition = fc.oneof(
      fc.constant(null),
      fc.record({
        field: fc.constant('score'),
        op: fc.constantFrom('lt', 'lte', 'gt', 'gte', 'eq'),
        value: score,
      }),
      fc.record({
        any: fc.array(
          fc.oneof(
            fc.record({
              field: fc.constant('comment'),
              op: fc.constant('contains'),
              value: fc.constantFrom('late', 'rude'),
            }),
            fc.record({
              field: fc.constant('team'),
              op: fc.constant('in'),
              value: fc.constant(['billing', 'support']),
            }),
          ),
          { minLength: 1, maxLength: 3 },
        ),
      }),
    );
    const validAction = fc.oneof(
      fc.record({ type: fc.constant('tag'), tags: fc.constant(['vip']) }),
      fc.record({
        type: fc.constant('send_message'),
        text: fc.constantFrom('Thanks {{customerName}}', 'Merci'),
      }),
      fc.record({
        type: fc.constant('notify'),
        email: fc.record({ roles: fc.constant(['admin']) }),
      }),
      fc.record({
        type: fc.constant('create_task'),
        assign: fc.record({
          strategy: fc.constantFrom('team_queue', 'round_robin'),
          team: fc.constant('billing'),
        }),
        priority: fc.constantFrom('low', 'urgent'),
      }),
    );
    const validRule = fc.record(
      {
        name: fc.constantFrom('Detractors', 'VIP'),
        priority: fc.integer({ min: 0, max: 10_000 }),
        active: fc.boolean(),
        conditions: validCondition,
        actions: fc.array(validAction, { maxLength: 3 }),
        stop: fc.boolean(),
      },
      { requiredKeys: ['name', 'actions'] },
    );
    const validTrigger = fc.record(
      {
        name: fc.constantFrom('Closed tickets', 'Calls'),
        eventType: fc.constantFrom('ticket_closed', 'call.ended'),
        conditions: fc.oneof(
          fc.constant(null),
          fc.record({
            field: fc.constantFrom('team', 'attributes.tier'),
            op: fc.constant('eq'),
            value: fc.constant('billing'),
          }),
        ),
        surveyId: fc.constant(ids.survey),
        channels: fc.uniqueArray(fc.constantFrom('link', 'email', 'sms'), {
          minLength: 1,
          maxLength: 3,
        }),
        delay: fc.constantFrom('PT1H', 'P1D'),
        samplingRate: fc.integer({ min: 0, max: 100 }),
        active: fc.boolean(),
      },
      { requiredKeys: ['name', 'eventType', 'surveyId', 'channels'] },
    );
    const texts = fc.record(
      { en: fc.constantFrom('How likely?', 'Hi {{customerName}}') },
      { requiredKeys: ['en'] },
    );
    const validSurvey = fc.record(
      {
        key: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
        type: fc.constant('nps'),
        name: fc.constantFrom('NPS', 'After-call'),
        question: texts,
        followUpQuestion: texts,
        thankYou: texts,
        reminderDelay: fc.constantFrom('P1D', 'PT12H'),
        expiry: fc.constantFrom('P7D', 'P30D'),
        reviewUrl: fc.constantFrom(null, 'https://example.com/review'),
        active: fc.boolean(),
      },
      { requiredKeys: ['key', 'type', 'name', 'question', 'followUpQuestion', 'thankYou'] },
    );
    const validDryRun = fc.record(
      {
        rules: fc.array(validRule, { maxLength: 3 }),
        response: fc.record(
          {
            type: fc.constant('nps'),
            score,
            comment: fc.constantFrom(null, 'late and rude'),
            tags: fc.constant(['x']),
          },
          { requiredKeys: ['type', 'score'] },
        ),
      },
      { requiredKeys: ['response'] },
    );
    const patchOf = (valid: fc.Arbitrary<Record<string, unknown>>, drop: string[]) =>
      valid.map((body) =>
        Object.fromEntries(Object.entries(body).filter(([k]) => !drop.includes(k))),
      );
    const either = (valid: fc.Arbitrary<unknown>, loose: fc.Arbitrary<unknown>) =>
      fc.oneof(nearly(valid), loose);
    const target = fc.oneof(
      fc.tuple(fc.constant('post /rules'), either(validRule, rule)),
      fc.tuple(fc.constant('patch /rules/:id'), either(validRule, rule)),
      fc.tuple(fc.constant('post /rules/dry-run'), either(validDryRun, dryRun)),
      fc.tuple(fc.constant('post /triggers'), either(validTrigger, trigger)),
      fc.tuple(fc.constant('patch /triggers/:id'), either(validTrigger, trigger)),
      fc.tuple(fc.constant('post /surveys'), either(validSurvey, survey)),
      fc.tuple(
        fc.constant('patch /surveys/:id'),
        either(patchOf(validSurvey, ['key', 'type']), survey),
      ),
    );
    await run(target, 900, async ([route, body]) => {
      const [method, path] = route.split(' ') as ['post' | 'patch', string];
      const real = path
        .replace('/rules/:id', `/rules/${ids.rule}`)
        .replace('/triggers/:id', `/triggers/${ids.trigger}`)
        .replace('/surveys/:id', `/surveys/${ids.survey}`);
      await observe(
        `${method.toUpperCase()} /api/v1${path}`,
        'may-succeed',
        () => {
          const test =
            method === 'post' ? http().post(`/api/v1${real}`) : http().patch(`/api/v1${real}`);
          return withAgent(test.set(ws.auth).send(body as object));
        },
        { json: true, describe: show(body) },
      );
    });
  });

  it('GET and POST /s/:token never fail, with valid or garbage tokens, queries and form fields', async () => {
    const token = fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...invitations.map((i) => i.token)) },
      { weight: 1, arbitrary: garbageToken },
    );
    const suffix = fc.constantFrom('', '/thanks', '/unsubscribe', '/', '/thanks/x');
    const scoreValue = fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 10 }).map(String) },
      fc.integer({ min: -3, max: 14 }).map(String),
      fc.constantFrom(' 7 ', '7.5', '1e1', '0x5', '', '٣'),
      text.map((t) => t.slice(0, 500)),
    );
    const query = queryString(fc.constantFrom('score', 'score[]', 'lang', 'utm'), scoreValue);
    await run(fc.tuple(token, suffix, query, junkHeaders), 500, async ([t, s, q, headers]) => {
      await observe(
        `GET /s/:token${s ? s : ''}`,
        'may-succeed',
        () => withAgent(withHeaders(http().get(`/s/${t}${s}?${q}`), headers)),
        { json: false, describe: show({ t, s, q, headers }) },
      );
    });

    const nonce = fc.oneof(
      { weight: 3, arbitrary: fc.constant('valid') },
      fc.constantFrom('', 'x', 'zz.abc', `${(0).toString(36)}.AAAA`),
      text.map((v) => v.slice(0, 100)),
    );
    const fields = fc.record({
      score: scoreValue,
      comment: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('', 'Great', 'Slow\r\nand rude', '  ') },
        text,
        fc.integer({ min: 4_900, max: 70_000 }).map((n) => 'c'.repeat(n)),
      ),
      nonce,
      extra: fc.oneof(
        { weight: 3, arbitrary: fc.constant('') },
        formBody(
          ['score', 'comment', 'nonce', '__proto__', 'constructor'],
          fc.string({ maxLength: 20 }),
        ),
      ),
    });
    const postSuffix = fc.constantFrom('', '', '', '/unsubscribe', '/thanks');
    await run(fc.tuple(token, postSuffix, fields, junkHeaders), 550, async ([t, s, f, headers]) => {
      const form = new URLSearchParams({ score: f.score, comment: f.comment });
      form.set(
        'nonce',
        f.nonce === 'valid'
          ? issueFormNonce(ctx.container.config.SESSION_SECRET, decoded(t))
          : f.nonce,
      );
      const body = `${form.toString()}${f.extra ? `&${f.extra}` : ''}`;
      await observe(
        `POST /s/:token${s}`,
        'may-succeed',
        () =>
          withAgent(
            withHeaders(http().post(`/s/${t}${s}`), headers)
              .type('form')
              .send(body),
          ),
        { json: false, describe: show({ t, s, body: body.slice(0, 300), headers }) },
      );
    });
  });

  it('the connector webhooks answer signed deliveries with 2xx or 400, and refuse unsigned, forged or stale ones', async () => {
    const create = async (body: object) =>
      (await request(ctx.app).post('/api/v1/connectors').set(ws.auth).send(body).expect(201))
        .body as { inboundUrl: string; secret?: string };
    const generic = await create({
      provider: 'generic',
      name: 'Fuzz generic',
      mapping: { id: 'ticket.id', 'customer.email': 'ticket.email', type: 'event' },
      when: { path: 'event', in: ['ticket.solved', 'solved'] },
    });
    const zendeskSecret = 'fuzz-zendesk-signing-secret';
    const zendesk = await create({
      provider: 'zendesk',
      name: 'Fuzz zendesk',
      signingSecret: zendeskSecret,
    });
    const pathOf = (c: { inboundUrl: string }) => new URL(c.inboundUrl).pathname;
    const nearGeneric = fc.record(
      {
        event: fc.oneof(
          fc.constantFrom('ticket.solved', 'solved', 'opened'),
          fc.string({ maxLength: 20 }),
        ),
        ticket: fc.oneof(
          fc.record(
            {
              id: fc.oneof(fc.integer(), fc.string({ maxLength: 30 }), fc.constant(null)),
              email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 30 })),
            },
            { requiredKeys: [] },
          ),
          fc.jsonValue({ maxDepth: 3 }),
        ),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      nearGeneric.map((v) => JSON.stringify(v)),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 300 }),
    );
    await run(body, 250, async (text) => {
      await observe(
        'POST /webhooks/connectors/:id (generic, signed)',
        'may-succeed',
        () =>
          withAgent(
            http().post(pathOf(generic)).set(signGenericDelivery(generic.secret!, text)).send(text),
          ),
        { json: true, describe: () => text },
      );
      await observe(
        'POST /webhooks/connectors/:id (zendesk, signed)',
        'may-succeed',
        () => {
          const d = signedZendeskDelivery(text, { secret: zendeskSecret });
          return withAgent(http().post(pathOf(zendesk)).set(d.headers).send(d.body));
        },
        { json: true, describe: () => text },
      );
    });
    const forged = fc.record({
      text: body,
      header: fc.oneof(
        fc.constant(undefined),
        fc.string({ maxLength: 80 }),
        fc.integer({ min: 0, max: 2_000_000_000 }).map((t) => `t=${t},v1=${'0'.repeat(64)}`),
      ),
      stale: fc.boolean(),
    });
    await run(forged, 150, async ({ text, header, stale }) => {
      const headers = stale
        ? signGenericDelivery(generic.secret!, text, { at: new Date(Date.now() - 10 * 60_000) })
        : {
            'Content-Type': 'application/json',
            ...(header === undefined ? {} : { 'Retour-Signature': header }),
          };
      await observe(
        'POST /webhooks/connectors/:id (unsigned, forged or stale)',
        'always-4xx',
        () => withAgent(http().post(pathOf(generic)).set(headers).send(text)),
        { json: true, describe: () => `${JSON.stringify(headers)} ${text}` },
      );
    });
  });

  it('the Twilio webhooks answer signed messages with 200 or 400, and refuse unsigned or forged ones', async () => {
    const auth = { token: AUTH_TOKEN, publicUrl: PUBLIC_URL };
    const sid = fc.oneof(
      fc.stringMatching(/^SM[0-9a-f]{32}$/),
      fc.string({ minLength: 1, maxLength: 40 }),
    );
    const phone = fc.oneof(
      fc.constantFrom('+33612345678', 'whatsapp:+33612345678', '+15005550006', 'whatsapp:', 'x'),
      fc.string({ minLength: 1, maxLength: 20 }),
    );
    const smsBody = fc.oneof(
      fc.constantFrom(
        'STOP',
        'stop ',
        'START',
        'HELP',
        'AIDE',
        '9',
        '10 great',
        '0',
        '-1',
        '11',
        'ARRET',
        '',
      ),
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 50 }),
    );
    const inbound = fc.record({
      MessageSid: sid,
      From: phone,
      To: fc.constantFrom('+33700000001', '+15005550006'),
      Body: smsBody,
    });
    await run(inbound, 300, async (params) => {
      await observe(
        'POST /webhooks/twilio/inbound (signed)',
        'may-succeed',
        () => postTwilioWebhook(server, auth, '/webhooks/twilio/inbound', params),
        { json: true, describe: show(params) },
      );
    });
    const status = fc.record({
      MessageSid: sid,
      MessageStatus: fc.oneof(
        fc.constantFrom('queued', 'sent', 'delivered', 'undelivered', 'failed', 'read'),
        fc.string({ minLength: 1, maxLength: 20 }),
      ),
      ErrorCode: fc.oneof(fc.constantFrom('21610', '30003', ''), fc.string({ maxLength: 10 })),
    });
    await run(status, 220, async (params) => {
      await observe(
        'POST /webhooks/twilio/status (signed)',
        'may-succeed',
        () => postTwilioWebhook(server, auth, '/webhooks/twilio/status', params),
        { json: true, describe: show(params) },
      );
    });

    const path = fc.constantFrom('/webhooks/twilio/inbound', '/webhooks/twilio/status');
    const garbageParams = fc.dictionary(
      fc.oneof(nastyKey, fc.constantFrom('MessageSid', 'From', 'To', 'Body', 'MessageStatus')),
      fc.string({ maxLength: 30 }),
      { maxKeys: 5 },
    );
    // Signed correctly but missing or mistyped fields: 400 problem+json.
    await run(
      fc.tuple(path, garbageParams).filter(([p, params]) => {
        const need = p.endsWith('inbound')
          ? ['MessageSid', 'From', 'To']
          : ['MessageSid', 'MessageStatus'];
        return need.some((n) => !params[n]);
      }),
      220,
      async ([p, params]) => {
        const form = new URLSearchParams(Object.entries(params)).toString();
        const parsed = Object.fromEntries(new URLSearchParams(form));
        await observe(
          `POST ${p} (signed, invalid fields)`,
          'always-4xx',
          () =>
            withAgent(
              http()
                .post(p)
                .set(
                  'X-Twilio-Signature',
                  signTwilioRequest(AUTH_TOKEN, `${PUBLIC_URL}${p}`, parsed),
                )
                .type('form')
                .send(form),
            ),
          { json: true, describe: show(params) },
        );
      },
    );
    // Unsigned, forged, or signed for other parameters: 403 problem+json.
    const signature = fc.oneof(fc.constant(undefined), headerValue, fc.constant('forged'));
    await run(
      fc.tuple(path, fc.oneof(inbound, status, garbageParams), signature),
      300,
      async ([p, params, sig]) => {
        await observe(
          `POST ${p} (unsigned or forged)`,
          'always-4xx',
          () => {
            const test = http().post(p).type('form');
            if (sig === 'forged')
              test.set(
                'X-Twilio-Signature',
                signTwilioRequest(AUTH_TOKEN, `${PUBLIC_URL}${p}`, { ...params, extra: '1' }),
              );
            else if (sig !== undefined) test.set('X-Twilio-Signature', sig);
            return withAgent(test.send(new URLSearchParams(Object.entries(params)).toString()));
          },
          { json: true, describe: show({ params, sig }) },
        );
      },
    );
  });

  it('the users, workspace, API keys, tasks and reward pools APIs answer 2xx or a 4xx problem+json', async () => {
    const name = fc.constantFrom('Alice', 'Bob Smith', '  ');
    const clock = fc.constantFrom('08:00', '18:30', '24:00', '9');
    const bodies: Record<string, fc.Arbitrary<unknown>> = {
      'post /users': fc.record({
        email: fc.oneof(
          fc.stringMatching(/^[a-z]{1,12}$/).map((local) => `${local}@example.com`),
          fc.constantFrom('fuzz-admin@example.com', 'x@y'),
        ),
        name,
        role: fc.constantFrom('admin', 'manager', 'agent'),
        teams: fc.constant(['billing']),
      }),
      'patch /users/:id': fc.record(
        {
          name,
          role: fc.constantFrom('manager', 'agent'),
          teams: fc.constant(['support']),
          active: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      'patch /workspace': fc.record(
        {
          name,
          timezone: fc.constantFrom('Europe/Paris', 'UTC', 'Mars/Olympus'),
          defaultLocale: fc.constantFrom('fr', 'en'),
          fatigueWindowDays: fc.integer({ min: 0, max: 365 }),
          quietHours: fc.oneof(fc.constant(null), fc.record({ start: clock, end: clock })),
          workingHours: fc.record({ days: fc.constant([1, 2, 3, 4, 5]), start: clock, end: clock }),
          senderNumbers: fc.constant(['+33700000001', 'whatsapp:+33700000002']),
          chatWebhookUrl: fc.constantFrom(
            null,
            'http://127.0.0.1:1/chat',
            'http://169.254.169.254/',
          ),
          chatWebhookSecret: fc.constantFrom(null, 'a-secret-of-16-chars'),
        },
        { requiredKeys: [] },
      ),
      'post /api-keys': fc.record(
        { name, scopes: fc.subarray(['admin', 'interactions:write', 'reports:read', 'tasks']) },
        { requiredKeys: ['name'] },
      ),
      'patch /tasks/:id': fc.record(
        {
          status: fc.constantFrom('in_progress', 'resolved'),
          assigneeId: fc.constantFrom(null, ids.user, '000000000000000000000000'),
          team: fc.constantFrom('billing', null),
          priority: fc.constantFrom('low', 'urgent'),
          note: fc.constantFrom('Called back', ''),
          outcome: fc.record({
            reachedCustomer: fc.boolean(),
            problemFixed: fc.constantFrom('yes', 'no', 'partly'),
            sentiment: fc.constantFrom('positive', 'negative'),
          }),
        },
        { requiredKeys: [] },
      ),
      'post /reward-pools/:pool/codes': fc.record({
        codes: fc.array(fc.constantFrom('CODE-1', 'CODE-2', 'CODE-3'), {
          minLength: 1,
          maxLength: 4,
        }),
      }),
    };
    const pool = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('gold', 'silver_2') },
      fc.constantFrom('a'.repeat(65), '__proto__'),
      garbageToken,
    );
    const target = fc
      .constantFrom(...Object.keys(bodies))
      .chain((route) =>
        fc.tuple(fc.constant(route), fc.oneof(nearly(bodies[route]!), anyJson), pool),
      );
    await run(target, 500, async ([route, body, p]) => {
      const [method, path] = route.split(' ') as ['post' | 'patch', string];
      const real = path
        .replace('/users/:id', `/users/${ids.user}`)
        .replace('/tasks/:id', `/tasks/${ids.task}`)
        .replace(':pool', p);
      await observe(
        `${method.toUpperCase()} /api/v1${path}`,
        'may-succeed',
        () => {
          const test =
            method === 'post' ? http().post(`/api/v1${real}`) : http().patch(`/api/v1${real}`);
          return withAgent(
            test.set(ws.auth).set('Content-Type', 'application/json').send(JSON.stringify(body)),
          );
        },
        { json: true, describe: show({ real, body }) },
      );
    });
    const lists = fc.oneof(
      fc.tuple(
        fc.constant('tasks'),
        queryString(
          fc.constantFrom('status', 'assignee', 'team', 'overdue', 'cursor', 'limit'),
          fc.constantFrom(
            'open',
            'resolved',
            'none',
            ids.user,
            'billing',
            'true',
            'maybe',
            '0',
            '101',
            'eyJ4IjoxfQ',
          ),
        ),
      ),
      fc.tuple(
        fc.constant('users'),
        queryString(
          fc.constantFrom('role', 'team', 'active'),
          fc.constantFrom('admin', 'billing', 'true', 'yes'),
        ),
      ),
    );
    await run(lists, 200, async ([list, q]) => {
      await observe(
        `GET /api/v1/${list}`,
        'may-succeed',
        () => withAgent(http().get(`/api/v1/${list}?${q}`).set(ws.auth)),
        { json: true, describe: show(q) },
      );
    });
  });

  it('the sign-in, forgot and reset pages never fail on generated forms, queries and tokens', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      nastyString,
      fc.emailAddress(),
      fc.constant('fuzz-admin@example.com'),
      fc.constant(PASSWORD),
    );
    const page = fc.oneof(
      fc.tuple(
        fc.constant('get'),
        fc.constantFrom('/login', '/forgot'),
        queryString(
          fc.constantFrom('next', 'workspace', 'signed-out', 'password-set'),
          fc.oneof(value, fc.constantFrom('//evil.example', '/app', 'javascript:x', '/\\evil')),
        ),
      ),
      fc.tuple(
        fc.constant('get'),
        garbageToken.map((t) => `/reset/${t}`),
        fc.constant(''),
      ),
      fc.tuple(
        fc.constant('post'),
        fc.constantFrom('/login', '/forgot'),
        formBody(['email', 'password', 'workspace', 'next', '_csrf'], value),
      ),
      fc.tuple(
        fc.constant('post'),
        garbageToken.map((t) => `/reset/${t}`),
        formBody(['password', 'confirm', '_csrf'], value),
      ),
    );
    await run(fc.tuple(page, junkHeaders), 450, async ([[method, path, data], headers]) => {
      const name = path.startsWith('/reset/') ? '/reset/:token' : path;
      await observe(
        `${method.toUpperCase()} ${name}`,
        'may-succeed',
        () => {
          const test =
            method === 'get'
              ? http().get(`${path}${data ? `?${data}` : ''}`)
              : http().post(path).type('form').send(data);
          return withAgent(withHeaders(test, headers));
        },
        { json: false, describe: show({ path, data, headers }) },
      );
    });
  });
});
