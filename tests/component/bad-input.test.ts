import request from 'supertest';
import { interactionModel } from '../../src/interactions/interaction.model';
import { ruleModel } from '../../src/rules/rule.model';
import { triggerModel } from '../../src/triggers/trigger.model';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('bad-input');
});
afterAll(() => ctx.close());

const paths = (res: request.Response) => res.body.errors.map((e: { path: string }) => e.path);

/** A 700-deep condition as raw JSON text, so no client-side recursion builds it. */
function deepConditionJson(levels: number): string {
  return `${'{"all":['.repeat(levels)}{"field":"type","op":"eq","value":"x"}${']}'.repeat(levels)}`;
}

describe('report queries', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'when groupBy=%s, then 400 naming groupBy',
    async (name) => {
      const ws = await createTestWorkspace(ctx);
      const res = await request(ctx.app)
        .get(`/api/v1/reports/summary?type=nps&groupBy=${name}`)
        .set(ws.auth)
        .expect(400);
      expect(res.type).toBe('application/problem+json');
      expect(paths(res)).toEqual(['groupBy']);
    },
  );

  it.each([
    ['/api/v1/reports/summary?type=nps&', '__proto__'],
    ['/api/v1/reports/summary?type=nps&', 'constructor'],
    ['/api/v1/responses?', '__proto__'],
  ])('when %sfilter[%s]=x, then 400 naming that filter', async (prefix, name) => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app).get(`${prefix}filter[${name}]=x`).set(ws.auth).expect(400);
    expect(paths(res)).toEqual([`filter[${name}]`]);
  });

  it('when a parameter is given as a list, then 400 naming it', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app)
      .get('/api/v1/reports/summary?type=nps&groupBy=team&groupBy=agent')
      .set(ws.auth)
      .expect(400);
    expect(paths(res)).toEqual(['groupBy']);
  });
});

describe('condition depth', () => {
  it('when a trigger or rule nests its conditions 700 levels deep, then 400 naming conditions and nothing is stored', async () => {
    const ws = await createTestWorkspace(ctx);
    const surveys = await request(ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    const surveyId = surveys.body.surveys[0].id as string;
    const trigger = await request(ctx.app)
      .post('/api/v1/triggers')
      .set(ws.auth)
      .type('json')
      .send(
        `{"name":"t","eventType":"call","surveyId":"${surveyId}","channels":["sms"],"conditions":${deepConditionJson(700)}}`,
      )
      .expect(400);
    expect(trigger.body.errors).toEqual([
      { path: 'conditions', message: expect.stringMatching(/at most 10 levels/) },
    ]);
    const rule = await request(ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .type('json')
      .send(`{"name":"r","actions":[],"conditions":${deepConditionJson(700)}}`)
      .expect(400);
    expect(paths(rule)).toEqual(['conditions']);
    const where = { workspaceId: ws.workspaceId };
    expect(await triggerModel(ctx.container.mongo).countDocuments(where)).toBe(0);
    expect(
      await ruleModel(ctx.container.mongo).countDocuments({ ...where, isDefault: false }),
    ).toBe(0);
  });

  it('when conditions nest 10 levels, then the rule is accepted', async () => {
    const ws = await createTestWorkspace(ctx);
    await request(ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .type('json')
      .send(
        `{"name":"r","actions":[],"conditions":${deepConditionJson(9).replace('"type"', '"score"')}}`,
      )
      .expect(201);
  });
});

describe('attribute keys', () => {
  it.each(['a\u0000b', '$where', 'a.b', '__proto__'])(
    'when an interaction has the attribute %j, then 400 naming it and nothing is stored',
    async (key) => {
      const ws = await createTestWorkspace(ctx);
      const body = JSON.stringify({
        id: 'ix-1',
        type: 'call',
        customer: { phone: '+33612345678' },
        attributes: { [key]: 'x', fine: 'y' },
      });
      const res = await request(ctx.app)
        .post('/api/v1/interactions')
        .set(ws.auth)
        .type('json')
        .send(body)
        .expect(400);
      expect(paths(res)).toEqual([`attributes.${key}`]);
      expect(
        await interactionModel(ctx.container.mongo).countDocuments({ workspaceId: ws.workspaceId }),
      ).toBe(0);
    },
  );

  it('when a trigger condition reads a dotted attribute name, then 400 naming the field', async () => {
    const ws = await createTestWorkspace(ctx);
    const surveys = await request(ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    const res = await request(ctx.app)
      .post('/api/v1/triggers')
      .set(ws.auth)
      .send({
        name: 't',
        eventType: 'call',
        surveyId: surveys.body.surveys[0].id,
        channels: ['sms'],
        conditions: { field: 'attributes.a.b', op: 'eq', value: 'x' },
      })
      .expect(400);
    expect(paths(res)).toEqual(['conditions.field']);
  });
});

describe('templates that fail at render', () => {
  it.each([
    ['{{> nope}}', /partial nope could not be found/],
    ['{{nohelper x}}', /unknown helper nohelper/],
    ['{{#with}}x{{/with}}', /#with requires exactly one argument/],
    ['{{#if customerName}}{{#with}}{{/with}}{{/if}}', /#with requires exactly one argument/],
    ['{{#if unknownFlag}}{{> nope}}{{/if}}', /partial nope could not be found/],
    ['{{log customerName}}', /unknown helper log/],
  ])(
    'when a survey is saved with %j, then 400 naming the template and nothing is saved',
    async (text, message) => {
      const ws = await createTestWorkspace(ctx);
      const list = await request(ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
      const survey = list.body.surveys[0];
      const patched = await request(ctx.app)
        .patch(`/api/v1/surveys/${survey.id}`)
        .set(ws.auth)
        .send({ templates: { sms: { fr: text } } })
        .expect(400);
      expect(patched.body.errors).toEqual([
        { path: 'templates.sms.fr', message: expect.stringMatching(message) },
      ]);
      const after = await request(ctx.app)
        .get(`/api/v1/surveys/${survey.id}`)
        .set(ws.auth)
        .expect(200);
      expect(after.body.templates.sms).toEqual(survey.templates.sms);
      const posted = await request(ctx.app)
        .post('/api/v1/surveys')
        .set(ws.auth)
        .send({
          key: 'broken',
          type: 'nps',
          name: 'Broken',
          question: { en: 'How likely?' },
          followUpQuestion: { en: 'Why?' },
          thankYou: { en: text },
        })
        .expect(400);
      expect(paths(posted)).toEqual(['thankYou.en']);
      const again = await request(ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
      expect(again.body.surveys).toHaveLength(list.body.surveys.length);
    },
  );

  it('when a rule message cannot render, then 400 naming the action text and no rule is stored', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .send({
        name: 'r',
        actions: [
          { type: 'send_message', text: { fr: 'Merci {{> nope}}' } },
          { type: 'notify', email: { roles: ['admin'], subject: '{{nohelper x}}' } },
        ],
      })
      .expect(400);
    expect(paths(res)).toEqual(['actions.0.text.fr', 'actions.1.email.subject']);
    expect(
      await ruleModel(ctx.container.mongo).countDocuments({
        workspaceId: ws.workspaceId,
        isDefault: false,
      }),
    ).toBe(0);
  });
});

describe('broken percent-encoding in a path parameter', () => {
  // Found by tests/component/fuzz-public-endpoints.test.ts: these answered 500.
  it.each([
    ['GET', '/api/v1/reports/agents/%E0%A4%A?type=nps'],
    ['GET', '/api/v1/surveys/%E0%A4%A'],
    ['PATCH', '/api/v1/rules/%'],
    ['GET', '/s/%E0%A4%A/unsubscribe'],
    ['POST', '/s/%E0%A4%A/unsubscribe'],
  ])('when %s %s, then 400 problem+json', async (method, path) => {
    const ws = await createTestWorkspace(ctx);
    const verb = method.toLowerCase() as 'get' | 'patch' | 'post';
    const res = await request(ctx.app)[verb](path).set(ws.auth).expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.detail).toMatch(/not correctly percent-encoded/);
  });
});

describe('rule dry runs', () => {
  // Found by tests/component/fuzz-public-endpoints.test.ts: an off-scale score answered 500.
  it.each([
    [{ type: 'csat', score: -7e233 }, 'response.score'],
    [{ type: 'nps', score: 11 }, 'response.score'],
    [{ type: 'ces', score: 2.5 }, 'response.score'],
    [{ type: 'nps', score: 9, previous: { score: -1 } }, 'response.previous.score'],
  ])('when the posted response is %j, then 400 naming %s', async (response, path) => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app)
      .post('/api/v1/rules/dry-run')
      .set(ws.auth)
      .send({ rules: [], response })
      .expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(paths(res)).toEqual([path]);
  });
});

describe('a revenue filter that is no number', () => {
  // Found by tests/component/fuzz-public-endpoints.test.ts: mongoose could not cast it (500).
  it.each([
    '/api/v1/reports/sample?filter[revenue]=x',
    '/api/v1/reports/sample?type=nps&filter[revenue]={"$gt":""}',
    '/api/v1/reports/summary?type=nps&filter[revenue]=1e999',
    '/api/v1/responses?filter[revenue]=x',
    '/api/v1/responses?filter[revenue]=',
  ])('when GET %s, then 400 naming filter[revenue]', async (path) => {
    const ws = await createTestWorkspace(ctx);
    const res = await request(ctx.app).get(path).set(ws.auth).expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(paths(res)).toEqual(['filter[revenue]']);
  });

  it('when the revenue filter is a number, then the reports and the responses list answer 200', async () => {
    const ws = await createTestWorkspace(ctx);
    await request(ctx.app)
      .get('/api/v1/reports/sample?filter[revenue]=1200')
      .set(ws.auth)
      .expect(200);
    await request(ctx.app).get('/api/v1/responses?filter[revenue]=-50.5').set(ws.auth).expect(200);
  });
});
