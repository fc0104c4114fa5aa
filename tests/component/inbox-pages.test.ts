import { Types } from 'mongoose';
import request from 'supertest';
import { taskModel } from '../../src/tasks/task.model';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { createUser, csrfFrom, FAST_HASHING, nextIp, signIn } from './auth-helpers';
import { detractorTask } from './inbox-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('inbox-pages', FAST_HASHING);
});
afterAll(() => ctx.close());

const HOUR = 3600_000;
const later = (hours: number) => new Date(Date.now() + hours * HOUR);

/** A workspace with Alice (agent, billing), Bob (agent, support) and Maud (manager). */
async function team() {
  const ws = await createTestWorkspace(ctx);
  const alice = await createUser(ctx, ws, { role: 'agent', teams: ['billing'], name: 'Alice' });
  const bob = await createUser(ctx, ws, { role: 'agent', teams: ['support'], name: 'Bob' });
  const maud = await createUser(ctx, ws, { role: 'manager', teams: [], name: 'Maud' });
  const as = async (user: { email: string }) => signIn(ctx, user.email, undefined, nextIp());
  return { ws, alice, bob, maud, as };
}

const taskDoc = (id: string) => taskModel(ctx.container.mongo).findById(id).lean();

describe('inbox tabs', () => {
  it('when an agent opens the inbox, then each tab shows its count and its tasks by due time', async () => {
    const { ws, alice, bob, as } = await team();
    const soon = await detractorTask(ctx, ws.workspaceId, {
      userId: alice.id,
      dueAt: later(2),
      comment: 'Billed twice',
    });
    const late = await detractorTask(ctx, ws.workspaceId, {
      userId: alice.id,
      dueAt: later(-3),
      overdue: true,
      comment: 'Nobody called me',
    });
    await detractorTask(ctx, ws.workspaceId, { team: 'billing', dueAt: later(30) });
    await detractorTask(ctx, ws.workspaceId, { team: 'support', comment: 'Support queue only' });
    await detractorTask(ctx, ws.workspaceId, { userId: bob.id, team: 'support' });
    const { agent } = await as(alice);

    const mine = await agent.get('/app/inbox').expect(200);
    expect(mine.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(mine.text).toMatch(/Mine <span class="count">2</);
    expect(mine.text).toMatch(/My teams&#x27; queue <span class="count">1</);
    expect(mine.text).toMatch(/Overdue <span class="count alert">1</);
    const order = [late.task.id, soon.task.id].map((id) => mine.text.indexOf(`/app/tasks/${id}`));
    expect(order[0]).toBeGreaterThan(0);
    expect(order[0]).toBeLessThan(order[1]!);
    expect(mine.text).toContain('Overdue by 3 h');
    expect(mine.text).toContain('Due soon: in 1 h');
    expect(mine.text).toContain('Alice');
    expect(mine.text).not.toContain('Support queue only');

    const queue = await agent.get('/app/inbox?tab=team').expect(200);
    expect(queue.text).toContain('Unassigned · billing');
    expect(queue.text).not.toContain('Support queue only');
    const overdue = await agent.get('/app/inbox?tab=overdue').expect(200);
    expect(overdue.text).toContain('Nobody called me');
    expect(overdue.text).not.toContain('Billed twice');
  });

  it('when a tab is empty, then it says so; when more than a page, then "More" pages on', async () => {
    const { ws, alice, as } = await team();
    const { agent } = await as(alice);
    expect((await agent.get('/app/inbox?tab=overdue').expect(200)).text).toContain(
      'Nothing overdue.',
    );
    const { task } = await detractorTask(ctx, ws.workspaceId, { userId: alice.id });
    const base = await taskModel(ctx.container.mongo).findById(task.id).lean();
    await taskModel(ctx.container.mongo).insertMany(
      Array.from({ length: 25 }, (_, i) => ({
        ...base,
        _id: undefined,
        originKey: `${task.id}:copy:${i}`,
        dueAt: later(48 + i),
      })),
    );
    const first = await agent.get('/app/inbox').expect(200);
    expect(first.text.match(/class="task-row"/g)).toHaveLength(25);
    const more = /href="([^"]+)">More</.exec(first.text)?.[1];
    const next = more?.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    expect(next).toMatch(/^\/app\/inbox\?tab=mine&cursor=/);
    const second = await agent.get(next!).expect(200);
    expect(second.text.match(/class="task-row"/g)).toHaveLength(1);
    expect(second.text).not.toContain('>More<');
  });

  it('when nobody is signed in, then the inbox redirects to sign-in', async () => {
    await request(ctx.app)
      .get('/app/inbox?tab=team')
      .expect(303)
      .expect('Location', '/login?next=%2Fapp%2Finbox%3Ftab%3Dteam');
  });
});

describe('task page access', () => {
  it("when an agent opens another team's task, then 404 and nothing of it shows", async () => {
    const { ws, alice, bob, as } = await team();
    const theirs = await detractorTask(ctx, ws.workspaceId, {
      userId: bob.id,
      team: 'support',
      comment: 'Secret of support',
    });
    const { agent, csrf } = await as(alice);
    const res = await agent.get(`/app/tasks/${theirs.task.id}`).expect(404);
    expect(res.type).toMatch(/html/);
    expect(res.text).not.toContain('Secret of support');
    await agent
      .post(`/app/tasks/${theirs.task.id}/claim`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(404);
    await agent.get('/app/tasks/not-an-id').expect(404);
  });

  it('when an agent of another workspace opens a task, then 404', async () => {
    const { ws, alice } = await team();
    const { task } = await detractorTask(ctx, ws.workspaceId, { userId: alice.id });
    const other = await createTestWorkspace(ctx);
    const stranger = await createUser(ctx, other, { role: 'admin' });
    const { agent } = await signIn(ctx, stranger.email, undefined, nextIp());
    await agent.get(`/app/tasks/${task.id}`).expect(404);
  });

  it('when an agent tries to reassign, then 403 and the task stays theirs', async () => {
    const { ws, alice, bob, as } = await team();
    const { task } = await detractorTask(ctx, ws.workspaceId, { userId: alice.id });
    const { agent, csrf } = await as(alice);
    const page = await agent.get(`/app/tasks/${task.id}`).expect(200);
    expect(page.text).not.toContain('Reassign to');
    const res = await agent
      .post(`/app/tasks/${task.id}/reassign`)
      .type('form')
      .send({ _csrf: csrf, to: `user:${bob.id}` })
      .expect(403);
    expect(res.text).toContain('Only managers and admins can reassign tasks.');
    expect(String((await taskDoc(task.id))?.assigneeId)).toBe(alice.id);
  });

  it('when a manager reassigns, then the task moves to that person, then to a team queue', async () => {
    const { ws, alice, bob, maud, as } = await team();
    const { task } = await detractorTask(ctx, ws.workspaceId, { userId: alice.id });
    const { agent, csrf } = await as(maud);
    const page = await agent.get(`/app/tasks/${task.id}`).expect(200);
    expect(page.text).toContain(`<option value="user:${bob.id}">Bob (support)</option>`);
    expect(page.text).toContain('<option value="team:support">support team queue</option>');
    await agent
      .post(`/app/tasks/${task.id}/reassign`)
      .type('form')
      .send({ _csrf: csrf, to: `user:${bob.id}` })
      .expect(303)
      .expect('Location', `/app/tasks/${task.id}?done=reassigned`);
    expect(String((await taskDoc(task.id))?.assigneeId)).toBe(bob.id);
    await agent
      .post(`/app/tasks/${task.id}/reassign`)
      .type('form')
      .send({ _csrf: csrf, to: 'team:support' })
      .expect(303);
    const doc = await taskDoc(task.id);
    expect([doc?.assigneeId, doc?.team]).toEqual([null, 'support']);
  });

  it('when a form is posted without its CSRF token, then 403 and nothing changes', async () => {
    const { ws, alice, as } = await team();
    const { task } = await detractorTask(ctx, ws.workspaceId, { team: 'billing' });
    const { agent } = await as(alice);
    for (const [path, body] of [
      ['claim', {}],
      ['notes', { note: 'sneaky' }],
      ['resolve', { reachedCustomer: 'yes', problemFixed: 'yes', sentiment: 'positive' }],
    ] as const) {
      const res = await agent.post(`/app/tasks/${task.id}/${path}`).type('form').send(body);
      expect(res.status).toBe(403);
    }
    const doc = await taskDoc(task.id);
    expect([doc?.assigneeId, doc?.status, doc?.notes]).toEqual([null, 'open', []]);
  });
});

describe('working a task', () => {
  it('when an agent claims, adds a note and resolves, then each step shows on the task page', async () => {
    const { ws, alice, as } = await team();
    const { task, phone } = await detractorTask(ctx, ws.workspaceId, { team: 'billing' });
    const { agent, csrf } = await as(alice);

    const page = await agent.get(`/app/tasks/${task.id}`).expect(200);
    expect(page.text).toContain(`href="tel:${phone}"`);
    expect(page.text).toContain('The technician never came');
    expect(page.text).toContain('<dt>tier</dt><dd>gold</dd>');
    expect(csrfFrom(page.text)).toBe(csrf);

    await agent
      .post(`/app/tasks/${task.id}/claim`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303)
      .expect('Location', `/app/tasks/${task.id}?done=claimed`);
    const claimed = await agent.get(`/app/tasks/${task.id}?done=claimed`).expect(200);
    expect(claimed.text).toContain('You have this task now.');
    expect(claimed.text).toContain('In progress · Alice');

    await agent
      .post(`/app/tasks/${task.id}/notes`)
      .type('form')
      .send({ _csrf: csrf, note: 'Called, will call back at 5' })
      .expect(303);
    await agent
      .post(`/app/tasks/${task.id}/resolve`)
      .type('form')
      .send({
        _csrf: csrf,
        reachedCustomer: 'yes',
        problemFixed: 'partly',
        sentiment: 'neutral',
        outcomeComment: 'Refund promised',
      })
      .expect(303);
    const doc = await taskDoc(task.id);
    expect(doc?.status).toBe('resolved');
    expect(doc?.outcome).toEqual({
      reachedCustomer: true,
      problemFixed: 'partly',
      sentiment: 'neutral',
      comment: 'Refund promised',
    });
    const resolved = await agent.get(`/app/tasks/${task.id}`).expect(200);
    expect(resolved.text).toContain('Called, will call back at 5');
    expect(resolved.text).toContain('<dt>Problem fixed</dt><dd>Partly</dd>');
    expect(resolved.text).not.toContain('Resolve task');
  });

  it('when the outcome or the note is incomplete, then 400 with a message and the typed text kept', async () => {
    const { ws, alice, as } = await team();
    const { task } = await detractorTask(ctx, ws.workspaceId, { userId: alice.id });
    const { agent, csrf } = await as(alice);
    const res = await agent
      .post(`/app/tasks/${task.id}/resolve`)
      .type('form')
      .send({ _csrf: csrf, reachedCustomer: 'no', outcomeComment: 'Voicemail twice' })
      .expect(400);
    expect(res.text).toContain('To resolve, answer whether the problem is fixed');
    expect(res.text).toContain('>Voicemail twice</textarea>');
    expect(res.text).toMatch(/value="no" required checked/);
    const blank = await agent
      .post(`/app/tasks/${task.id}/notes`)
      .type('form')
      .send({ _csrf: csrf, note: '   ' })
      .expect(400);
    expect(blank.text).toContain('Write the note before adding it.');
    expect((await taskDoc(task.id))?.status).toBe('open');
  });

  it('when a comment or a note carries HTML, then the pages show it as text', async () => {
    const { ws, alice, as } = await team();
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const { task } = await detractorTask(ctx, ws.workspaceId, { userId: alice.id, comment: evil });
    const { agent, csrf } = await as(alice);
    await agent
      .post(`/app/tasks/${task.id}/notes`)
      .type('form')
      .send({ _csrf: csrf, note: `note ${evil}` })
      .expect(303);
    for (const path of ['/app/inbox', `/app/tasks/${task.id}`]) {
      const res = await agent.get(path).expect(200);
      expect(res.text).not.toContain('<script>alert');
      expect(res.text).not.toContain('<img src=x');
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });
});

describe('the inbox and task pages in French', () => {
  it('when an agent who chose French works a task, then the pages, badges, dates and errors are French', async () => {
    const { ws, alice, as } = await team();
    await ctx.container.services.users.setLocale(
      ws.workspaceId,
      new Types.ObjectId(alice.id),
      'fr',
    );
    const { task } = await detractorTask(ctx, ws.workspaceId, {
      userId: alice.id,
      dueAt: later(-3),
      overdue: true,
    });
    const { agent } = await as(alice);

    const inbox = await agent.get('/app/inbox').set('Accept-Language', 'en').expect(200);
    expect(inbox.text).toMatch(/<html lang="fr">/);
    expect(inbox.text).toContain('<h1>Boîte de suivi</h1>');
    expect(inbox.text).toContain('Les miennes');
    expect(inbox.text).toContain('En retard de 3 h');
    expect(inbox.text).toContain('Détracteur');

    const page = await agent.get(`/app/tasks/${task.id}`).expect(200);
    expect(page.text).toContain('<h2 id="answer-h">Réponse</h2>');
    expect(page.text).toContain('Résoudre la tâche');
    expect(page.text).toContain('priorité normale');
    expect(page.text).toMatch(/échéance \d{1,2} [a-zéû]+\.? \d{4}, \d{2}:\d{2}/);
    const csrf = csrfFrom(page.text);

    const bad = await agent
      .post(`/app/tasks/${task.id}/resolve`)
      .type('form')
      .send({ _csrf: csrf, reachedCustomer: 'yes' })
      .expect(400);
    expect(bad.text).toContain(
      'Pour résoudre, indiquez si le problème est réglé, le ressenti du client.',
    );
  });
});
