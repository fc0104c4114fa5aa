import { Types } from 'mongoose';
import request from 'supertest';
import { responseModel } from '../../src/responses';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { waitFor } from '../support/wait-for';
import { linkInvitation, nonceOf, type TestInvitation } from './landing-helpers';

const SETTLE_MS = 1500;
let ctx: TestContext;
let workers: RunningWorkers;
beforeAll(async () => {
  ctx = await startTestContext('email-click-scanner', {
    EMAIL_CLICK_SETTLE_MS: String(SETTLE_MS),
  });
  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
});
afterAll(async () => {
  await workers.close();
  await ctx.close();
});

const db = () => ctx.container.mongo;
const oid = (inv: TestInvitation) => new Types.ObjectId(inv.id);
const responsesOf = (inv: TestInvitation) =>
  responseModel(db())
    .find({ invitationId: oid(inv) })
    .lean();
const clicksOf = (inv: TestInvitation) =>
  db()
    .collection('email_clicks')
    .find({ invitationId: oid(inv) })
    .toArray();
const tasksOf = (ws: TestWorkspace) =>
  db().collection('tasks').find({ workspaceId: ws.workspaceId }).toArray();
const settled = async (inv: TestInvitation) => {
  const clicks = await clicksOf(inv);
  return clicks.length > 0 && clicks.every((c) => c.state !== 'pending');
};

describe('one-click score links in a survey e-mail', () => {
  it('when a mail scanner opens every score link within two seconds, then no answer is recorded and no task is created', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws, { locale: 'en', channels: ['link'] });
    // Scanners fetch a mail's links in parallel.
    await Promise.all(
      Array.from({ length: 11 }, (_, score) =>
        request(ctx.app).get(`${inv.path}?score=${score}`).expect(200),
      ),
    );
    await waitFor(() => settled(inv), 'the clicks to settle', SETTLE_MS + 10_000);
    const clicks = await clicksOf(inv);
    expect(clicks).toHaveLength(11);
    expect(clicks.every((c) => c.state === 'discarded')).toBe(true);
    expect(await responsesOf(inv)).toHaveLength(0);
    expect(await tasksOf(ws)).toHaveLength(0);
    const invitation = await db()
      .collection('invitations')
      .findOne({ _id: oid(inv) });
    expect(invitation?.status).not.toBe('answered');
  });

  it('when a customer clicks one score, then the page says it is noted at once and, once settled, the answer is recorded and the rules run', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws, { locale: 'en', channels: ['link'] });
    const page = await request(ctx.app).get(`${inv.path}?score=2`).expect(200);
    expect(page.text).toContain('your score has been recorded');
    expect(page.text).toContain('id="score-2" name="score" value="2" checked');
    expect(await responsesOf(inv)).toHaveLength(0);
    const [response] = await waitFor(
      async () => ((await responsesOf(inv)).length ? responsesOf(inv) : null),
      'the click to become an answer',
      SETTLE_MS + 10_000,
    );
    expect(response).toMatchObject({ score: 2, category: 'detractor', source: 'email-click' });
    const [task] = await waitFor(
      async () => ((await tasksOf(ws)).length ? tasksOf(ws) : null),
      'the detractor follow-up task',
    );
    expect(task).toMatchObject({ status: 'open' });
    expect((await clicksOf(inv)).map((c) => c.state)).toEqual(['recorded']);
  });

  it('when the customer presses Send before the click settles, then their own submit is the answer and the click is superseded', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws, { locale: 'en', channels: ['link'] });
    const page = await request(ctx.app).get(`${inv.path}?score=10`).expect(200);
    await request(ctx.app)
      .post(inv.path)
      .type('form')
      .send({ nonce: nonceOf(page.text), score: '9', comment: 'Quick and kind' })
      .expect(303);
    await waitFor(() => settled(inv), 'the click to settle', SETTLE_MS + 10_000);
    expect((await clicksOf(inv)).map((c) => c.state)).toEqual(['superseded']);
    const responses = await responsesOf(inv);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({
      score: 9,
      comment: 'Quick and kind',
      source: 'web',
      version: 1,
    });
  });

  it('when an answered customer clicks another score in the mail, then the score only changes through their own Send', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws, { locale: 'fr', channels: ['link'] });
    await request(ctx.app).get(`${inv.path}?score=8`).expect(200);
    await waitFor(
      async () => (await responsesOf(inv)).length > 0,
      'the first click to count',
      SETTLE_MS + 10_000,
    );
    const again = await request(ctx.app).get(`${inv.path}?score=3`).expect(200);
    expect(again.text).toContain('Pour remplacer votre note par celle choisie ci-dessous');
    expect(again.text).toContain('id="score-3" name="score" value="3" checked');
    expect(await clicksOf(inv)).toHaveLength(1);
    expect((await responsesOf(inv))[0]).toMatchObject({ score: 8, version: 1 });
    await request(ctx.app)
      .post(inv.path)
      .type('form')
      .send({ nonce: nonceOf(again.text), score: '3' })
      .expect(303);
    expect((await responsesOf(inv))[0]).toMatchObject({ score: 3, source: 'web', version: 2 });
  });

  it('when a scanner burst straddles two settle jobs, then its straggler is discarded too', async () => {
    const ws = await createTestWorkspace(ctx);
    const inv = await linkInvitation(ctx, ws, { locale: 'en', channels: ['link'] });
    await request(ctx.app).get(`${inv.path}?score=0`).expect(200);
    await request(ctx.app).get(`${inv.path}?score=1`).expect(200);
    await waitFor(() => settled(inv), 'the first part of the burst to settle', SETTLE_MS + 10_000);
    // The last link of the burst, opened after the first part was judged (well within 10 s).
    await request(ctx.app).get(`${inv.path}?score=2`).expect(200);
    await waitFor(
      async () => (await clicksOf(inv)).length === 3 && settled(inv),
      'the straggler',
      SETTLE_MS + 10_000,
    );
    expect((await clicksOf(inv)).map((c) => c.state)).toEqual([
      'discarded',
      'discarded',
      'discarded',
    ]);
    expect(await responsesOf(inv)).toHaveLength(0);
  });

  it('when a click job names a malformed invitation, then it fails without retries', async () => {
    const job = await ctx.container.queues.responses.add('settle-email-click', {
      invitationId: 'x',
    });
    await waitFor(async () => (await job.getState()) === 'failed', 'the bad job to fail');
    const failed = await ctx.container.queues.responses.getJob(String(job.id));
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toContain('bad click job');
  });
});
