import request from 'supertest';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import { postDelivery } from '../support/connectors/delivery';
import { startFreshdeskApi, type FreshdeskApi } from '../support/connectors/freshdesk-api';
import { freshdeskWebhook } from '../support/connectors/freshdesk-webhooks';
import { startZendeskApi, type ZendeskApi } from '../support/connectors/zendesk-api';
import {
  signedZendeskDelivery,
  zendeskStatusChangedBody,
} from '../support/connectors/zendesk-webhooks';
import {
  createAnyTimeWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { waitFor } from '../support/wait-for';
import { answer, type TestInvitation } from './landing-helpers';

let ctx: TestContext;
let workers: RunningWorkers;
let zendesk: ZendeskApi;
let freshdesk: FreshdeskApi;

const ZENDESK_SECRET = 'zendesk-webhook-signing-secret-revealed-in-admin-center';
const WAIT_MS = 30_000;

beforeAll(async () => {
  ctx = await startTestContext('connectors-writeback');
  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
  zendesk = await startZendeskApi({
    email: 'retour-bot@acme.test',
    token: 'zendesk-api-token-0123456789abcdef',
    users: [
      {
        id: 8447388090494,
        name: 'Rhea Park',
        email: 'rhea@example.com',
        phone: null,
        locale: 'en-US',
        role: 'end-user',
      },
      {
        id: 8447388090496,
        name: 'Ada Lovelace',
        email: 'ada@acme.test',
        phone: null,
        locale: 'en-US',
        role: 'agent',
      },
    ],
    groups: [{ id: 8447320466430, name: 'Billing' }],
  });
  freshdesk = await startFreshdeskApi({
    apiKey: 'freshdesk-agent-api-key-abc',
    contacts: [
      {
        id: 103000456789,
        name: 'Rhea Park',
        email: 'rhea@example.com',
        phone: null,
        mobile: null,
        language: 'en',
      },
    ],
  });
});
afterAll(async () => {
  await workers.close();
  await ctx.close();
  await Promise.all([zendesk.close(), freshdesk.close()]);
});

const db = () => ctx.container.mongo;
const queue = () => ctx.container.queues['connector-writeback'];

interface Connector {
  ws: TestWorkspace;
  id: string;
  url: string;
  secret?: string;
}

async function connector(body: Record<string, unknown>): Promise<Connector> {
  const ws = await createAnyTimeWorkspace(ctx, 'Acme');
  const res = await request(ctx.app)
    .post('/api/v1/connectors')
    .set(ws.auth)
    .send({ name: 'Helpdesk', survey: { type: 'nps', channels: ['link'] }, ...body })
    .expect(201);
  return {
    ws,
    id: res.body.id,
    url: `/webhooks/connectors/${res.body.id}`,
    secret: res.body.secret,
  };
}

const ON = { note: true, tags: true };

/** `false`: no writeBack setting at all. */
const zendeskConnector = (writeBack: Record<string, boolean> | false = ON) =>
  connector({
    provider: 'zendesk',
    signingSecret: ZENDESK_SECRET,
    api: { baseUrl: zendesk.baseUrl, email: zendesk.email, token: zendesk.token },
    ...(writeBack ? { writeBack } : {}),
  });

const freshdeskConnector = (writeBack: Record<string, boolean> = ON) =>
  connector({
    provider: 'freshdesk',
    api: { baseUrl: freshdesk.baseUrl, token: freshdesk.apiKey },
    writeBack,
  });

/** The one survey link of the interaction the connector's delivery recorded. */
async function surveyLink(c: Connector): Promise<TestInvitation> {
  const interaction = await waitFor(
    () =>
      db()
        .collection('interactions')
        .findOne({ workspaceId: c.ws.workspaceId, result: { $ne: null } }),
    'the interaction',
    WAIT_MS,
  );
  const invitation = (interaction.result as { invitations: { id: string; url: string }[] })
    .invitations[0]!;
  const path = new URL(invitation.url).pathname;
  return { id: invitation.id, token: path.split('/')[2]!, path };
}

let ticket = 7000;
async function zendeskSolved(c: Connector): Promise<{ ticketId: string; inv: TestInvitation }> {
  ticket += 1;
  const body = zendeskStatusChangedBody({ ticketId: ticket, status: 'SOLVED' });
  await postDelivery(
    ctx.app,
    c.url,
    signedZendeskDelivery(body, { secret: ZENDESK_SECRET }),
  ).expect(202);
  return { ticketId: String(ticket), inv: await surveyLink(c) };
}

let fdTicket = 900;
async function freshdeskResolved(c: Connector): Promise<{ ticketId: string; inv: TestInvitation }> {
  fdTicket += 1;
  const delivery = freshdeskWebhook({
    token: c.secret!,
    placeholders: { 'ticket.id': String(fdTicket) },
  });
  await postDelivery(ctx.app, c.url, delivery).expect(202);
  return { ticketId: String(fdTicket), inv: await surveyLink(c) };
}

const updatesOf = (ticketId: string) =>
  zendesk.ticketUpdates.filter((u) => u.ticketId === ticketId);
const notesOf = (ticketId: string) => freshdesk.notes.filter((n) => n.ticketId === ticketId);

interface Entry {
  state: string;
  outcome: string;
  status: number | null;
  detail: string | null;
}
async function writeBackLog(c: Connector): Promise<Entry[]> {
  const res = await request(ctx.app)
    .get(`/api/v1/connectors/${c.id}/deliveries`)
    .set(c.ws.auth)
    .expect(200);
  return (res.body.deliveries as { writeBack: Entry[] }[]).flatMap((d) => d.writeBack);
}
const settledLog = (c: Connector, what: string, done: (log: Entry[]) => boolean) =>
  waitFor(
    async () => {
      const log = await writeBackLog(c);
      return done(log) ? log : null;
    },
    what,
    WAIT_MS,
  );

async function theTask(c: Connector) {
  return waitFor(
    () => db().collection('tasks').findOne({ workspaceId: c.ws.workspaceId }),
    'the follow-up task',
    WAIT_MS,
  );
}

async function resolve(c: Connector, taskId: string) {
  await request(ctx.app)
    .patch(`/api/v1/tasks/${taskId}`)
    .set(c.ws.auth)
    .send({
      status: 'resolved',
      outcome: {
        reachedCustomer: true,
        problemFixed: 'yes',
        sentiment: 'positive',
        comment: 'Refund sent',
      },
    })
    .expect(200);
}

/** Waits for a write-back job to finish and answers what it returned. */
async function jobResult(jobId: string): Promise<unknown> {
  return waitFor(
    async () => {
      const job = await queue().getJob(jobId);
      if (!job) return null;
      const state = await job.getState();
      return state === 'completed' ? { value: job.returnvalue as unknown } : null;
    },
    `write-back job ${jobId}`,
    WAIT_MS,
  ).then((r) => r.value);
}

async function responseOf(c: Connector) {
  return waitFor(
    () => db().collection('responses').findOne({ workspaceId: c.ws.workspaceId }),
    'the response',
  );
}

describe('write-back to Zendesk', () => {
  it('when a detractor answers, then one private note per state (answered, task created, task resolved) lands on the ticket, with tags', async () => {
    const c = await zendeskConnector();
    const { ticketId, inv } = await zendeskSolved(c);
    await answer(ctx, inv, { score: '3', comment: 'The refund took three weeks' }, 303);

    const task = await theTask(c);
    await waitFor(() => updatesOf(ticketId).length >= 2, 'the answer and task notes', WAIT_MS);
    const [answered, created] = updatesOf(ticketId);
    expect(answered!.comment).toEqual({
      body: 'Retour survey answer: NPS 3/10 (detractor)\nComment: “The refund took three weeks”',
      public: false,
    });
    expect(answered!.additionalTags).toEqual(['retour', 'retour-nps-detractor']);
    expect(created!.comment!.public).toBe(false);
    expect(created!.comment!.body).toContain('follow-up task created for NPS 3/10 (detractor)');
    expect(created!.comment!.body).toContain(
      `${ctx.container.config.PUBLIC_URL}/app/tasks/${String(task._id)}`,
    );

    await resolve(c, String(task._id));
    await waitFor(() => updatesOf(ticketId).length >= 3, 'the resolution note', WAIT_MS);
    const resolved = updatesOf(ticketId)[2]!;
    expect(resolved.comment!.public).toBe(false);
    expect(resolved.comment!.body).toContain('follow-up task resolved');
    expect(resolved.comment!.body).toContain('Customer reached: yes. Problem fixed: yes.');
    expect(resolved.comment!.body).toContain('“Refund sent”');

    const log = await settledLog(c, 'three written entries', (l) => l.length >= 3);
    expect(log.map((e) => [e.state, e.outcome, e.status])).toEqual([
      ['answered', 'written', 200],
      ['task_created', 'written', 200],
      ['task_resolved', 'written', 200],
    ]);

    // The same jobs again (a retried or duplicated job): nothing more is written.
    const response = await responseOf(c);
    const data = { workspaceId: String(c.ws.workspaceId), responseId: String(response._id) };
    await queue().add('write-back', { ...data, state: 'answered', version: 1 }, { jobId: 'dup-a' });
    await queue().add(
      'write-back',
      { ...data, state: 'task_resolved', taskId: String(task._id) },
      { jobId: 'dup-r' },
    );
    expect(await jobResult('dup-a')).toBe('already');
    expect(await jobResult('dup-r')).toBe('already');
    expect(updatesOf(ticketId)).toHaveLength(3);
    expect(await writeBackLog(c)).toHaveLength(3);
  });

  it('when Zendesk answers 429 once, then the note is retried after Retry-After and written once', async () => {
    const c = await zendeskConnector();
    const { ticketId, inv } = await zendeskSolved(c);
    zendesk.rateLimitTicketUpdates(1, 1);
    await answer(ctx, inv, { score: '9', comment: 'Quick and kind' }, 303);

    const log = await settledLog(c, 'the written note', (l) =>
      l.some((e) => e.outcome === 'written'),
    );
    expect(log.map((e) => [e.state, e.outcome, e.status])).toEqual([
      ['answered', 'retrying', 429],
      ['answered', 'written', 200],
    ]);
    const puts = zendesk.requests.filter(
      (r) => r.method === 'PUT' && r.path === `/api/v2/tickets/${ticketId}.json`,
    );
    expect(puts).toHaveLength(2);
    expect(puts[1]!.at - puts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(updatesOf(ticketId)).toHaveLength(1);
    expect(updatesOf(ticketId)[0]!.additionalTags).toEqual(['retour', 'retour-nps-promoter']);
  });

  it('when the ticket is closed, then the 422 is recorded as refused with Zendesk’s message and not retried', async () => {
    const c = await zendeskConnector();
    const { ticketId, inv } = await zendeskSolved(c);
    zendesk.closeTicket(ticketId);
    await answer(ctx, inv, { score: '10' }, 303);

    const response = await responseOf(c);
    expect(await jobResult(`wb-${String(response._id)}-answered-v1`)).toBe('refused');
    const log = await writeBackLog(c);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ state: 'answered', outcome: 'refused', status: 422 });
    expect(log[0]!.detail).toContain('Status: closed prevents ticket update');
    expect(
      zendesk.requests.filter((r) => r.path === `/api/v2/tickets/${ticketId}.json`),
    ).toHaveLength(1);
    expect(updatesOf(ticketId)).toHaveLength(0);
  });

  it('when the connector has write-back off, then Zendesk is never called', async () => {
    const c = await zendeskConnector(false);
    const { ticketId, inv } = await zendeskSolved(c);
    await answer(ctx, inv, { score: '9' }, 303);

    const response = await responseOf(c);
    expect(await jobResult(`wb-${String(response._id)}-answered-v1`)).toBe('off');
    expect(
      zendesk.requests.filter((r) => r.path.startsWith(`/api/v2/tickets/${ticketId}`)),
    ).toEqual([]);
    expect(await writeBackLog(c)).toEqual([]);
  });

  it('when only tags are on, then the update adds the tags and carries no comment', async () => {
    const c = await zendeskConnector({ note: false, tags: true });
    const { ticketId, inv } = await zendeskSolved(c);
    await answer(ctx, inv, { score: '7' }, 303);

    await waitFor(() => updatesOf(ticketId).length === 1, 'the tags update', WAIT_MS);
    expect(updatesOf(ticketId)[0]).toEqual({
      ticketId,
      comment: null,
      additionalTags: ['retour', 'retour-nps-passive'],
    });
  });
});

describe('write-back to Freshdesk', () => {
  it('when a detractor answers, then private notes per state, and the retour tags merged into the ticket’s own', async () => {
    const c = await freshdeskConnector();
    const { ticketId, inv } = await freshdeskResolved(c);
    await answer(ctx, inv, { score: '2', comment: 'Nobody <b>listened</b>' }, 303);

    const task = await theTask(c);
    await waitFor(() => notesOf(ticketId).length >= 2, 'the answer and task notes', WAIT_MS);
    const [answered, created] = notesOf(ticketId);
    expect(answered).toEqual({
      ticketId,
      body: '<p>Retour survey answer: NPS 2/10 (detractor)</p><p>Comment: “Nobody &lt;b&gt;listened&lt;/b&gt;”</p>',
      private: true,
    });
    expect(created!.private).toBe(true);
    expect(created!.body).toContain(`/app/tasks/${String(task._id)}`);
    expect(freshdesk.tagsOf(ticketId)).toEqual(['refund', 'vip', 'retour', 'retour-nps-detractor']);

    await resolve(c, String(task._id));
    await waitFor(() => notesOf(ticketId).length >= 3, 'the resolution note', WAIT_MS);
    expect(notesOf(ticketId)[2]!.body).toContain('follow-up task resolved');

    const log = await settledLog(c, 'three written entries', (l) => l.length >= 3);
    expect(log.map((e) => [e.state, e.outcome])).toEqual([
      ['answered', 'written'],
      ['task_created', 'written'],
      ['task_resolved', 'written'],
    ]);
    // Tags already there: the task states read the ticket and skip the PUT.
    const puts = freshdesk.requests.filter(
      (r) => r.method === 'PUT' && r.path === `/api/v2/tickets/${ticketId}`,
    );
    expect(puts).toHaveLength(1);

    const response = await responseOf(c);
    await queue().add(
      'write-back',
      {
        workspaceId: String(c.ws.workspaceId),
        responseId: String(response._id),
        state: 'answered',
        version: 1,
      },
      { jobId: 'fd-dup-a' },
    );
    expect(await jobResult('fd-dup-a')).toBe('already');
    expect(notesOf(ticketId)).toHaveLength(3);
  });

  it('when the note is rate limited after the tags were written, then the retry writes only the note', async () => {
    const c = await freshdeskConnector();
    const { ticketId, inv } = await freshdeskResolved(c);
    freshdesk.rateLimitNotes(1, 1);
    await answer(ctx, inv, { score: '10', comment: 'Great' }, 303);

    const log = await settledLog(c, 'the written note', (l) =>
      l.some((e) => e.outcome === 'written'),
    );
    expect(log.map((e) => [e.outcome, e.status])).toEqual([
      ['retrying', 429],
      // The last call of the retry: the note's 201.
      ['written', 201],
    ]);
    expect(notesOf(ticketId)).toHaveLength(1);
    expect(freshdesk.tagsOf(ticketId)).toEqual(['refund', 'vip', 'retour', 'retour-nps-promoter']);
    const tagWrites = freshdesk.requests.filter(
      (r) => r.path === `/api/v2/tickets/${ticketId}` && r.method !== 'POST',
    );
    expect(tagWrites.map((r) => r.method)).toEqual(['GET', 'PUT']);
  });

  it('when Freshdesk answers 429 on the note once, then it is retried and written once', async () => {
    const c = await freshdeskConnector({ note: true, tags: false });
    const { ticketId, inv } = await freshdeskResolved(c);
    freshdesk.rateLimitNotes(1, 1);
    await answer(ctx, inv, { score: '9' }, 303);

    await settledLog(c, 'the written note', (l) => l.some((e) => e.outcome === 'written'));
    expect(notesOf(ticketId)).toHaveLength(1);
    expect(notesOf(ticketId)[0]!.body).toBe(
      '<p>Retour survey answer: NPS 9/10 (promoter)</p><p>No comment.</p>',
    );
    expect(freshdesk.tagsOf(ticketId)).toEqual(['refund', 'vip']);
  });

  it('when the ticket is gone, then the 404 is recorded as refused and not retried', async () => {
    const c = await freshdeskConnector();
    const { ticketId, inv } = await freshdeskResolved(c);
    freshdesk.deleteTicket(ticketId);
    await answer(ctx, inv, { score: '8' }, 303);

    const response = await responseOf(c);
    expect(await jobResult(`wb-${String(response._id)}-answered-v1`)).toBe('refused');
    const log = await writeBackLog(c);
    expect(log).toEqual([
      expect.objectContaining({ state: 'answered', outcome: 'refused', status: 404 }),
    ]);
    expect(
      freshdesk.requests.filter((r) => r.path.startsWith(`/api/v2/tickets/${ticketId}`)),
    ).toHaveLength(1);
  });

  it('when write-back is off, then Freshdesk is never called', async () => {
    const c = await freshdeskConnector({ note: false, tags: false });
    const { ticketId, inv } = await freshdeskResolved(c);
    await answer(ctx, inv, { score: '9' }, 303);

    const response = await responseOf(c);
    expect(await jobResult(`wb-${String(response._id)}-answered-v1`)).toBe('off');
    expect(
      freshdesk.requests.filter((r) => r.path.startsWith(`/api/v2/tickets/${ticketId}`)),
    ).toEqual([]);
  });
});
