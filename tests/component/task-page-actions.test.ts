import { taskModel } from '../../src/tasks/task.model';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { createUser, csrfFrom, FAST_HASHING, nextIp, signIn } from './auth-helpers';
import { detractorTask } from './inbox-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('task-page-actions', FAST_HASHING);
});
afterAll(() => ctx.close());

const OUTCOME = { reachedCustomer: 'yes', problemFixed: 'yes', sentiment: 'positive' };

async function queueTask() {
  const ws = await createTestWorkspace(ctx);
  const alice = await createUser(ctx, ws, { role: 'agent', teams: ['billing'], name: 'Alice' });
  const { task } = await detractorTask(ctx, ws.workspaceId, { team: 'billing' });
  const { agent } = await signIn(ctx, alice.email, undefined, nextIp());
  return { ws, alice, task, agent };
}

describe('the task page offers what the state allows', () => {
  it('when a queue task is not claimed yet, then the state and claim come first and resolve is not offered', async () => {
    const { task, agent } = await queueTask();
    const page = await agent.get(`/app/tasks/${task.id}`).expect(200);
    expect(page.text).toContain('<h2 id="now-h">Next: claim this task to work on it</h2>');
    expect(page.text).toContain('Claim this task');
    expect(page.text).not.toContain('Resolve task');
    expect(page.text).not.toContain(`/app/tasks/${task.id}/resolve`);
    // State and next action come before the answer and the customer.
    const now = page.text.indexOf('data-testid="task-now"');
    expect(now).toBeGreaterThan(0);
    expect(now).toBeLessThan(page.text.indexOf('id="answer-h"'));
  });

  it('when a resolve is posted before the claim, then 409, nothing changes and the error sits where the action is', async () => {
    const { task, agent } = await queueTask();
    const csrf = csrfFrom((await agent.get(`/app/tasks/${task.id}`)).text);
    const res = await agent
      .post(`/app/tasks/${task.id}/resolve`)
      .type('form')
      .send({ _csrf: csrf, ...OUTCOME })
      .expect(409);
    // Next to the claim button, the step that unlocks resolving.
    expect(res.text).toMatch(
      /Claim this task<\/button>\s*<p class="err" id="claim-err" role="alert">Claim the task before resolving it/,
    );
    expect(res.text.indexOf('id="claim-err"')).toBeLessThan(res.text.indexOf('id="answer-h"'));
    const doc = await taskModel(ctx.container.mongo).findById(task.id).lean();
    expect([doc?.status, doc?.outcome]).toEqual(['open', null]);
  });

  it('when claimed, then resolve is the next step; an incomplete outcome shows its error just above the resolve button', async () => {
    const { task, agent } = await queueTask();
    const csrf = csrfFrom((await agent.get(`/app/tasks/${task.id}`)).text);
    await agent.post(`/app/tasks/${task.id}/claim`).type('form').send({ _csrf: csrf }).expect(303);
    const claimed = await agent.get(`/app/tasks/${task.id}`).expect(200);
    expect(claimed.text).toContain('Next: reach the customer, then resolve with the outcome');
    expect(claimed.text).not.toContain('Claim this task');
    const bad = await agent
      .post(`/app/tasks/${task.id}/resolve`)
      .type('form')
      .send({ _csrf: csrf, reachedCustomer: 'yes' })
      .expect(400);
    const error = bad.text.indexOf('id="outcome-err"');
    const button = bad.text.indexOf('>Resolve task</button>');
    expect(error).toBeGreaterThan(bad.text.indexOf('name="outcomeComment"'));
    expect(error).toBeLessThan(button);
    await agent
      .post(`/app/tasks/${task.id}/resolve`)
      .type('form')
      .send({ _csrf: csrf, ...OUTCOME })
      .expect(303);
    const done = await agent.get(`/app/tasks/${task.id}`).expect(200);
    expect(done.text).toContain('This task is resolved');
    expect(done.text).not.toContain('Claim this task');
    expect(done.text).not.toContain('>Resolve task</button>');
  });

  it('when a second resolve comes from a stale page, then the conflict shows on top as the form is gone', async () => {
    const { task, agent } = await queueTask();
    const csrf = csrfFrom((await agent.get(`/app/tasks/${task.id}`)).text);
    await agent.post(`/app/tasks/${task.id}/claim`).type('form').send({ _csrf: csrf }).expect(303);
    const post = () =>
      agent
        .post(`/app/tasks/${task.id}/resolve`)
        .type('form')
        .send({ _csrf: csrf, ...OUTCOME });
    await post().expect(303);
    const again = await post().expect(409);
    expect(again.text).toMatch(/<p class="err" role="alert">The task is already resolved\.<\/p>/);
  });
});
