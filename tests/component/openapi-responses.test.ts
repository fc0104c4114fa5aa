/**
 * Real answers of the app, validated against the schemas the OpenAPI document was built from:
 * each request names its documented operation; its status must be documented there and its
 * body must parse with the documented zod schema.
 */
import request from 'supertest';
import type { Test, Response } from 'supertest';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { documentedRoutes, documentedSchema } from '../support/documented-responses';
import { detractorTask } from './inbox-helpers';
import { answer, linkInvitation } from './landing-helpers';

/** Documented operations this test does not drive, and why. */
const NOT_DRIVEN: Record<string, string> = {
  'POST /webhooks/twilio/inbound':
    'needs a Twilio-signed form; tests/component/sms-reply.test.ts covers it (TwiML text)',
};

/** Operations driven here only into their refusals (a success needs a signed request). */
const REFUSALS_ONLY: Record<string, string> = {
  'POST /webhooks/twilio/status':
    'a success needs a Twilio signature: twilio-webhook-retries.test.ts',
  'POST /webhooks/connectors/{id}':
    'a success needs a provider signature: connectors-inbound.test.ts',
  'POST /webhooks/twilio/{workspaceSlug}/status':
    'a success needs a Twilio signature: workspace-twilio.test.ts',
  'POST /webhooks/twilio/{workspaceSlug}/inbound':
    'a success needs a Twilio signature: workspace-twilio.test.ts',
  'POST /api/v1/surveys/{id}/test-send':
    'a success sends through Twilio or SMTP (the fakes): test-send.test.ts',
  'POST /api/v1/email-bounces': 'a success needs a sent invitation email: channel-fallback.test.ts',
  'POST /api/v1/workspace/twilio/check':
    'a success asks Twilio (the fake): workspace-twilio.test.ts',
};

let ctx: TestContext;
let ws: TestWorkspace;
const routes = documentedRoutes();
const checked = new Map<string, Set<number>>();
const failures: string[] = [];

beforeAll(async () => {
  ctx = await startTestContext('openapi-responses');
  ws = await createTestWorkspace(ctx, 'Docs');
}, 60_000);
afterAll(() => ctx?.close());

/** Collects a streamed text answer (NDJSON) into res.body and res.text. */
function collectText(
  r: NodeJS.ReadableStream & { text?: string },
  done: (e: null, b: string) => void,
) {
  let text = '';
  r.setEncoding('utf8');
  r.on('data', (c: string) => (text += c));
  r.on('end', () => {
    r.text = text;
    done(null, text);
  });
}

function mediaTypeOf(res: Response): string {
  return (res.get('content-type') ?? '').split(';')[0]!.trim();
}

/** Sends the request and checks its answer against the documented operation `op`. */
async function call(op: string, req: Test): Promise<Response> {
  const res = await req;
  const route = routes.get(op);
  if (!route) throw new Error(`${op} is not documented`);
  checked.set(op, (checked.get(op) ?? new Set()).add(res.status));
  const type = mediaTypeOf(res);
  const { schema, problem } = documentedSchema(route, res.status, type || 'application/json');
  if (problem) {
    failures.push(`${op} → ${res.status} ${type}: ${problem}`);
    return res;
  }
  if (!schema) return res;
  const body = /[/+]json$/.test(type) ? JSON.parse(res.text) : res.text;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    failures.push(`${op} → ${res.status}: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  }
  return res;
}

const api = () => request(ctx.app);
const v1 = (path: string) => `/api/v1${path}`;

describe('real answers against the documented schemas', () => {
  it('interactions, surveys, triggers and rules', async () => {
    const auth = ws.auth;
    const interaction = {
      id: 'ticket-1',
      type: 'ticket_solved',
      customer: { id: 'c-1', email: 'ana@example.com' },
      survey: { type: 'nps', channels: ['link'] },
    };
    await call(
      'POST /api/v1/interactions',
      api().post(v1('/interactions')).set(auth).send(interaction),
    );
    await call(
      'POST /api/v1/interactions',
      api().post(v1('/interactions')).set(auth).send(interaction),
    );
    await call(
      'POST /api/v1/interactions',
      api().post(v1('/interactions')).set(auth).send({ id: '' }),
    );
    await call('POST /api/v1/interactions', api().post(v1('/interactions')).send(interaction));
    const reader = await createTestWorkspace(ctx, 'Reader', ['reports:read']);
    await call(
      'POST /api/v1/interactions',
      api().post(v1('/interactions')).set(reader.auth).send(interaction),
    );

    await call('GET /api/v1/surveys', api().get(v1('/surveys')).set(auth));
    const survey = await call(
      'POST /api/v1/surveys',
      api()
        .post(v1('/surveys'))
        .set(auth)
        .send({
          key: 'docs-nps',
          type: 'nps',
          name: 'Docs NPS',
          question: { en: 'How likely?' },
          followUpQuestion: { en: 'Why?' },
          thankYou: { en: 'Thanks' },
        }),
    );
    const surveyId = survey.body.id as string;
    await call(
      'GET /api/v1/surveys/{id}',
      api()
        .get(v1(`/surveys/${surveyId}`))
        .set(auth),
    );
    await call(
      'GET /api/v1/surveys/{id}',
      api().get(v1('/surveys/0123456789abcdef01234567')).set(auth),
    );
    await call('GET /api/v1/surveys/{id}', api().get(v1('/surveys/not-an-id')).set(auth));
    await call(
      'PATCH /api/v1/surveys/{id}',
      api()
        .patch(v1(`/surveys/${surveyId}`))
        .set(auth)
        .send({ name: 'Renamed' }),
    );
    await call('POST /api/v1/surveys', api().post(v1('/surveys')).set(auth).send({ type: 'nps' }));

    await call('GET /api/v1/triggers', api().get(v1('/triggers')).set(auth));
    const trigger = await call(
      'POST /api/v1/triggers',
      api()
        .post(v1('/triggers'))
        .set(auth)
        .send({
          name: 'Solved',
          eventType: 'ticket_solved',
          surveyId,
          channels: ['link'],
          conditions: { field: 'team', op: 'eq', value: 'support' },
        }),
    );
    await call('GET /api/v1/triggers', api().get(v1('/triggers')).set(auth));
    await call(
      'PATCH /api/v1/triggers/{id}',
      api()
        .patch(v1(`/triggers/${trigger.body.id}`))
        .set(auth)
        .send({ active: false }),
    );
    await call(
      'DELETE /api/v1/triggers/{id}',
      api()
        .delete(v1(`/triggers/${trigger.body.id}`))
        .set(auth),
    );

    await call('GET /api/v1/rules', api().get(v1('/rules')).set(auth));
    const rule = await call(
      'POST /api/v1/rules',
      api()
        .post(v1('/rules'))
        .set(auth)
        .send({
          name: 'Detractors',
          conditions: { all: [{ field: 'category', op: 'eq', value: 'detractor' }] },
          actions: [
            { type: 'create_task', priority: 'high' },
            {
              type: 'notify',
              webhook: { url: 'https://hooks.example.com/x', secret: 'a-secret-of-16-chars' },
            },
          ],
        }),
    );
    await call(
      'GET /api/v1/rules/{id}',
      api()
        .get(v1(`/rules/${rule.body.id}`))
        .set(auth),
    );
    await call(
      'PATCH /api/v1/rules/{id}',
      api()
        .patch(v1(`/rules/${rule.body.id}`))
        .set(auth)
        .send({ priority: 5 }),
    );
    await call(
      'POST /api/v1/rules/dry-run',
      api()
        .post(v1('/rules/dry-run'))
        .set(auth)
        .send({ response: { type: 'nps', score: 2 } }),
    );
    await call('POST /api/v1/rules/dry-run', api().post(v1('/rules/dry-run')).set(auth).send({}));
    await call(
      'DELETE /api/v1/rules/{id}',
      api()
        .delete(v1(`/rules/${rule.body.id}`))
        .set(auth),
    );
    await call(
      'DELETE /api/v1/rules/{id}',
      api()
        .delete(v1(`/rules/${rule.body.id}`))
        .set(auth),
    );

    await call(
      'POST /api/v1/reward-pools/{pool}/codes',
      api()
        .post(v1('/reward-pools/docs-pool/codes'))
        .set(auth)
        .send({ codes: ['A-1', 'A-2'] }),
    );
    await call(
      'GET /api/v1/reward-pools/{pool}',
      api().get(v1('/reward-pools/docs-pool')).set(auth),
    );
    await call(
      'GET /api/v1/reward-pools/{pool}',
      api().get(v1('/reward-pools/bad%20name')).set(auth),
    );
  });

  it('responses, tasks, contacts and reports', async () => {
    const auth = ws.auth;
    const inv = await linkInvitation(ctx, ws, {
      extra: { team: 'support', agent: { id: 'agent-7', name: 'Louis' } },
    });
    await answer(ctx, inv, { score: '9', comment: 'Quick and kind' }, 303);
    const page = await call('GET /api/v1/responses', api().get(v1('/responses')).set(auth));
    await call('GET /api/v1/responses', api().get(v1('/responses?limit=0')).set(auth));
    await call(
      'GET /api/v1/responses/{id}',
      api()
        .get(v1(`/responses/${page.body.items[0].id}`))
        .set(auth),
    );
    await call(
      'GET /api/v1/responses/{id}',
      api().get(v1('/responses/0123456789abcdef01234567')).set(auth),
    );

    const { task, contactId } = await detractorTask(ctx, ws.workspaceId);
    await call('GET /api/v1/tasks', api().get(v1('/tasks')).set(auth));
    await call('GET /api/v1/tasks', api().get(v1('/tasks?status=nope')).set(auth));
    await call(
      'GET /api/v1/tasks/{id}',
      api()
        .get(v1(`/tasks/${task.id}`))
        .set(auth),
    );
    await call(
      'PATCH /api/v1/tasks/{id}',
      api()
        .patch(v1(`/tasks/${task.id}`))
        .set(auth)
        .send({ note: 'Called, no answer' }),
    );
    await call(
      'PATCH /api/v1/tasks/{id}',
      api()
        .patch(v1(`/tasks/${task.id}`))
        .set(auth)
        .send({
          status: 'resolved',
          outcome: { reachedCustomer: true, problemFixed: 'yes', sentiment: 'positive' },
        }),
    );
    await call(
      'PATCH /api/v1/tasks/{id}',
      api()
        .patch(v1(`/tasks/${task.id}`))
        .set(auth)
        .send({ status: 'in_progress' }),
    );
    await call(
      'GET /api/v1/contacts/{id}',
      api()
        .get(v1(`/contacts/${contactId}`))
        .set(auth),
    );
    await call(
      'GET /api/v1/contacts/{id}',
      api().get(v1('/contacts/0123456789abcdef01234567')).set(auth),
    );
    await call(
      'GET /api/v1/contacts/{id}/export',
      api()
        .get(v1(`/contacts/${contactId}/export`))
        .set(auth),
    );
    await call(
      'GET /api/v1/contacts/export',
      api().get(v1('/contacts/export?email=nobody@example.com')).set(auth),
    );
    await linkInvitation(ctx, ws, { phone: '+33612345670', channels: ['sms', 'link'] });
    await call(
      'GET /api/v1/contacts/export',
      api().get(v1('/contacts/export')).query({ phone: '+33612345670' }).set(auth),
    );
    await call(
      'GET /api/v1/contacts/export',
      api().get(v1('/contacts/export?email=a@example.com&phone=%2B33612345678')).set(auth),
    );
    await call(
      'POST /api/v1/contacts/{id}/erase',
      api()
        .post(v1(`/contacts/${contactId}/erase`))
        .set(auth),
    );
    await call(
      'POST /api/v1/contacts/{id}/erase',
      api().post(v1('/contacts/0123456789abcdef01234567/erase')).set(auth),
    );
    await call('GET /api/v1/audit', api().get(v1('/audit?limit=2')).set(auth));
    await call('GET /api/v1/audit', api().get(v1('/audit?cursor=nope')).set(auth));
    await call(
      'POST /api/v1/privacy/retention/dry-run',
      api().post(v1('/privacy/retention/dry-run')).set(auth).send({}),
    );
    await call(
      'POST /api/v1/privacy/retention/dry-run',
      api()
        .post(v1('/privacy/retention/dry-run'))
        .set(auth)
        .send({ retention: { commentsDays: 1 } }),
    );
    await ctx.container.services.retention.run(ws.workspaceId);
    const exported = await call(
      'GET /api/v1/workspace/export',
      api()
        .get(v1('/workspace/export?limit=5'))
        .set(auth)
        .buffer(true)
        .parse(collectText as never),
    );
    await call(
      'GET /api/v1/workspace/export',
      api().get(v1('/workspace/export?cursor=x')).set(auth),
    );
    await call(
      'POST /api/v1/imports/{format}',
      api()
        .post(v1('/imports/delighted'))
        .set(auth)
        .set('Content-Type', 'text/csv')
        .send('Response ID,Score,Comment,Response timestamp\ndocs-1,9,Nice,2026-10-01T10:00:00Z\n'),
    );
    await call(
      'POST /api/v1/imports/{format}',
      api()
        .post(v1('/imports/formbricks'))
        .set(auth)
        .set('Content-Type', 'text/csv')
        .send('a\n1\n'),
    );
    const other = await createTestWorkspace(ctx, 'Docs import');
    await call(
      'POST /api/v1/workspace/import',
      api()
        .post(v1('/workspace/import'))
        .set(other.auth)
        .set('Content-Type', 'application/x-ndjson')
        .send(String(exported.body)),
    );
    await call(
      'POST /api/v1/workspace/import',
      api()
        .post(v1('/workspace/import'))
        .set(other.auth)
        .set('Content-Type', 'application/x-ndjson')
        .send('nope'),
    );
    await call(
      'GET /api/v1/privacy/retention/runs',
      api().get(v1('/privacy/retention/runs')).set(auth),
    );

    for (const kind of ['summary', 'trend', 'distribution', 'volume', 'revenue', 'followup']) {
      await call(
        `GET /api/v1/reports/${kind}`,
        api()
          .get(v1(`/reports/${kind}?type=nps`))
          .set(auth),
      );
    }
    await call(
      'GET /api/v1/reports/summary',
      api().get(v1('/reports/summary?type=nps&groupBy=team')).set(auth),
    );
    await call('GET /api/v1/reports/sample', api().get(v1('/reports/sample')).set(auth));
    await call(
      'GET /api/v1/reports/summary',
      api().get(v1('/reports/summary?type=x&bogus=1')).set(auth),
    );
    await call(
      'GET /api/v1/reports/summary.csv',
      api().get(v1('/reports/summary.csv?type=nps')).set(auth),
    );
    await call(
      'GET /api/v1/reports/responses.csv',
      api().get(v1('/reports/responses.csv')).set(auth),
    );
    await call(
      'GET /api/v1/reports/agents/{id}',
      api().get(v1('/reports/agents/nobody?type=nps')).set(auth),
    );
    await call(
      'GET /api/v1/reports/agents/{id}',
      api().get(v1('/reports/agents/agent-7?type=nps')).set(auth),
    );
    await call(
      'GET /api/v1/reports/summary',
      api().get(v1('/reports/summary?type=nps&groupBy=agent')).set(auth),
    );
  });

  it('connectors, the workspace, API keys, users and the webhooks', async () => {
    const auth = ws.auth;
    const connector = await call(
      'POST /api/v1/connectors',
      api()
        .post(v1('/connectors'))
        .set(auth)
        .send({
          provider: 'generic',
          name: 'Docs generic',
          mapping: { id: 'ticket.id', 'customer.email': 'ticket.email' },
        }),
    );
    const id = connector.body.id as string;
    await call('GET /api/v1/connectors', api().get(v1('/connectors')).set(auth));
    await call(
      'GET /api/v1/connectors/{id}',
      api()
        .get(v1(`/connectors/${id}`))
        .set(auth),
    );
    await call(
      'PATCH /api/v1/connectors/{id}',
      api()
        .patch(v1(`/connectors/${id}`))
        .set(auth)
        .send({ rotateSecret: true }),
    );
    await call(
      'POST /webhooks/connectors/{id}',
      api()
        .post(`/webhooks/connectors/${id}`)
        .send({ ticket: { id: 1 } }),
    );
    await call('HEAD /webhooks/connectors/{id}', api().head(`/webhooks/connectors/${id}`));
    await call(
      'GET /api/v1/connectors/{id}/deliveries',
      api()
        .get(v1(`/connectors/${id}/deliveries`))
        .set(auth),
    );
    await call(
      'DELETE /api/v1/connectors/{id}',
      api()
        .delete(v1(`/connectors/${id}`))
        .set(auth),
    );
    await call('POST /webhooks/connectors/{id}', api().post(`/webhooks/connectors/${id}`).send({}));
    await call(
      'POST /api/v1/connectors',
      api().post(v1('/connectors')).set(auth).send({ provider: 'nope' }),
    );

    await call(
      'POST /webhooks/twilio/status',
      api()
        .post('/webhooks/twilio/status')
        .type('form')
        .send({ MessageSid: 'SM1', MessageStatus: 'delivered' }),
    );

    await call('GET /api/v1/workspace', api().get(v1('/workspace')).set(auth));
    await call(
      'PATCH /api/v1/workspace',
      api().patch(v1('/workspace')).set(auth).send({ fatigueWindowDays: 14 }),
    );
    await call(
      'PATCH /api/v1/workspace',
      api().patch(v1('/workspace')).set(auth).send({ timezone: 'Mars/Base' }),
    );
    // The workspace's own Twilio account: no answer ever carries its secrets.
    await call(
      'POST /api/v1/workspace/twilio/check',
      api().post(v1('/workspace/twilio/check')).set(auth),
    );
    const twilio = {
      accountSid: `AC${'d'.repeat(32)}`,
      authToken: 'docs-secret-auth-token-1234',
      apiKeySid: `SK${'d'.repeat(32)}`,
      apiKeySecret: 'docs-secret-api-key-secret-5678',
      smsFrom: '+33700000777',
    };
    const withTwilio = await call(
      'PATCH /api/v1/workspace',
      api().patch(v1('/workspace')).set(auth).send({ twilio }),
    );
    const read = await call('GET /api/v1/workspace', api().get(v1('/workspace')).set(auth));
    for (const res of [withTwilio, read]) {
      expect(res.body.twilio).toMatchObject({ authTokenLast4: '1234', apiKeySecretLast4: '5678' });
      expect(res.text).not.toContain(twilio.authToken);
      expect(res.text).not.toContain(twilio.apiKeySecret);
    }
    await call(
      'PATCH /api/v1/workspace',
      api()
        .patch(v1('/workspace'))
        .set(auth)
        .send({ twilio: { ...twilio, accountSid: 'nope' } }),
    );
    for (const hook of ['status', 'inbound'] as const) {
      const op = `POST /webhooks/twilio/{workspaceSlug}/${hook}`;
      const form = { MessageSid: 'SM1', MessageStatus: 'delivered', From: '+1', To: '+2' };
      await call(
        op,
        api().post(`/webhooks/twilio/${ws.workspace.slug}/${hook}`).type('form').send(form),
      );
      await call(
        op,
        api().post(`/webhooks/twilio/no-such-workspace/${hook}`).type('form').send(form),
      );
    }
    await call(
      'PATCH /api/v1/workspace',
      api().patch(v1('/workspace')).set(auth).send({ twilio: null }),
    );
    const surveys = await api().get(v1('/surveys')).set(auth);
    const someSurvey = (surveys.body.surveys as { id: string }[])[0]!.id;
    await call(
      'POST /api/v1/surveys/{id}/test-send',
      api()
        .post(v1(`/surveys/${someSurvey}/test-send`))
        .set(auth)
        .send({ channel: 'sms', to: 'nope' }),
    );
    await call(
      'POST /api/v1/surveys/{id}/test-send',
      api()
        .post(v1(`/surveys/${'0'.repeat(24)}/test-send`))
        .set(auth)
        .send({ channel: 'sms', to: '+33612345678' }),
    );
    await call(
      'POST /api/v1/email-bounces',
      api().post(v1('/email-bounces')).set(auth).send({ messageId: '<nobody@retour.test>' }),
    );
    await call(
      'POST /api/v1/email-bounces',
      api().post(v1('/email-bounces')).set(auth).send({ messageId: 'x@y', status: 'nope' }),
    );
    await call('GET /api/v1/api-keys', api().get(v1('/api-keys')).set(auth));
    const key = await call(
      'POST /api/v1/api-keys',
      api()
        .post(v1('/api-keys'))
        .set(auth)
        .send({ name: 'Helpdesk', scopes: ['interactions:write'] }),
    );
    await call(
      'DELETE /api/v1/api-keys/{id}',
      api()
        .delete(v1(`/api-keys/${key.body.id}`))
        .set(auth),
    );
    await call(
      'GET /api/v1/workspace',
      api()
        .get(v1('/workspace'))
        .set({ Authorization: `Bearer ${key.body.key}` }),
    );

    await call('GET /api/v1/me', api().get(v1('/me')).set(auth));
    const user = await call(
      'POST /api/v1/users',
      api()
        .post(v1('/users'))
        .set(auth)
        .send({ email: 'lea@example.com', name: 'Léa', role: 'agent' }),
    );
    await call(
      'POST /api/v1/users',
      api()
        .post(v1('/users'))
        .set(auth)
        .send({ email: 'lea@example.com', name: 'Léa', role: 'agent' }),
    );
    await call('GET /api/v1/users', api().get(v1('/users')).set(auth));
    await call(
      'GET /api/v1/users/{id}',
      api()
        .get(v1(`/users/${user.body.id}`))
        .set(auth),
    );
    await call(
      'PATCH /api/v1/users/{id}',
      api()
        .patch(v1(`/users/${user.body.id}`))
        .set(auth)
        .send({ teams: ['support'] }),
    );
    await call('GET /api/v1/openapi.json', api().get(v1('/openapi.json')));
  });

  it('every answer matched its documented schema, and every documented operation was driven', () => {
    expect(failures).toEqual([]);
    const undriven = [...routes.keys()].filter((op) => !checked.has(op) && !NOT_DRIVEN[op]);
    expect(undriven).toEqual([]);
    const noSuccess = [...checked]
      .filter(([op, got]) => ![...got].some((status) => status < 300) && !REFUSALS_ONLY[op])
      .map(([op, got]) => `${op}: ${[...got].join(', ')}`);
    expect(noSuccess).toEqual([]);
    const statuses = [...checked.values()].flatMap((s) => [...s]);
    for (const status of [200, 201, 202, 204, 400, 401, 403, 404, 409]) {
      expect(statuses).toContain(status);
    }
  });
});
