/**
 * Retention through the real app and a real BullMQ worker: answers collected through the survey
 * flow, then dated back; the dry run counts what a run removes and writes nothing; the run (as
 * the daily job runs it) removes exactly that, keeps every report total, records itself in the
 * run log and the audit trail, and a second run finds nothing left.
 */
import { Types } from 'mongoose';
import request from 'supertest';
import { webhookDeliveryModel } from '../../src/rules/action-log.model';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { waitFor } from '../support/wait-for';
import { answer, linkInvitation } from './landing-helpers';

let ctx: TestContext;
let workers: RunningWorkers;
beforeAll(async () => {
  ctx = await startTestContext('retention');
  const processors = buildProcessors(ctx.container);
  workers = startWorkers(ctx.container, { privacy: processors.privacy });
});
afterAll(async () => {
  await workers.close();
  await ctx.close();
});

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

const api = (ws: TestWorkspace) => ({
  get: (path: string) => request(ctx.app).get(`/api/v1${path}`).set(ws.auth),
  post: (path: string, body?: object) =>
    request(ctx.app).post(`/api/v1${path}`).set(ws.auth).send(body),
  patch: (path: string, body: object) =>
    request(ctx.app).patch(`/api/v1${path}`).set(ws.auth).send(body),
});

const db = () => ctx.container.mongo.db!;

/** An answered link survey with a comment, moved `age` days into the past everywhere. */
async function answered(ws: TestWorkspace, score: number, comment: string, age: number) {
  const inv = await linkInvitation(ctx, ws, {
    extra: {
      customer: {
        id: `cust-${new Types.ObjectId()}`,
        name: `Person ${comment}`,
        email: `${comment.replace(/\W/g, '')}@example.org`,
      },
    },
  });
  await answer(ctx, inv, { score: String(score), comment }, 303);
  const at = daysAgo(age);
  const invitation = await db()
    .collection('invitations')
    .findOne({ _id: new Types.ObjectId(inv.id) });
  const workspaceId = ws.workspaceId;
  await db()
    .collection('invitations')
    .updateOne(
      { _id: invitation!._id, workspaceId },
      { $set: { sentAt: at, createdAt: at, answeredAt: at } },
    );
  await db()
    .collection('interactions')
    .updateOne(
      { _id: invitation!.interactionId, workspaceId },
      { $set: { occurredAt: at, createdAt: at, updatedAt: at } },
    );
  await db()
    .collection('responses')
    .updateOne(
      { invitationId: invitation!._id, workspaceId },
      { $set: { answeredAt: at, createdAt: at, updatedAt: at } },
    );
  await db()
    .collection('contacts')
    .updateOne({ _id: invitation!.contactId, workspaceId }, { $set: { updatedAt: at } });
  return invitation!;
}

const summary = async (ws: TestWorkspace) =>
  (
    await api(ws)
      .get(`/reports/summary?type=nps&from=${daysAgo(600).toISOString().slice(0, 10)}`)
      .expect(200)
  ).body;

describe('retention', () => {
  it('when the settings are bad, then 400 names the field; fields given merge with the rest', async () => {
    const ws = await createTestWorkspace(ctx);
    expect((await api(ws).get('/workspace').expect(200)).body.retention).toEqual({
      contactsInactiveDays: null,
      commentsDays: null,
      interactionsDays: null,
      deliveryLogsDays: null,
      auditDays: 365,
    });
    const bad = await api(ws)
      .patch('/workspace', { retention: { commentsDays: 5, auditDays: 10, other: 1 } })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'retention',
      'retention.auditDays',
      'retention.commentsDays',
    ]);
    await api(ws)
      .patch('/workspace', { retention: { commentsDays: 400 } })
      .expect(200);
    const merged = await api(ws)
      .patch('/workspace', { retention: { deliveryLogsDays: 30 } })
      .expect(200);
    expect(merged.body.retention).toMatchObject({
      commentsDays: 400,
      deliveryLogsDays: 30,
      auditDays: 365,
    });
    const [entry] = (await api(ws).get('/audit?action=workspace.settings-updated').expect(200)).body
      .entries;
    expect(entry.before.retention).toMatchObject({ deliveryLogsDays: null });
    expect(entry.after.retention).toMatchObject({ deliveryLogsDays: 30 });
  });

  it('when the dry run and then the daily job run, then the job removes what the dry run counted and report totals stay', async () => {
    const ws = await createTestWorkspace(ctx);
    const old = [
      await answered(ws, 2, 'slow refund zqxold', 400),
      await answered(ws, 9, 'nice agent wvkold', 400),
      await answered(ws, 10, 'perfect fix jhyold', 400),
    ];
    await answered(ws, 6, 'recent issue recentkept', 10);
    // An interaction that surveyed nobody, long ago: nothing joins it, so it goes entirely.
    await db()
      .collection('interactions')
      .insertOne({
        workspaceId: ws.workspaceId,
        externalId: 'orphan-1',
        type: 'ticket_closed',
        occurredAt: daysAgo(300),
        customer: { id: 'orphan-customer', email: 'orphan@example.org' },
        attributes: {},
      });
    const Deliveries = webhookDeliveryModel(ctx.container.mongo);
    await Deliveries.create([
      {
        workspaceId: ws.workspaceId,
        actionLogId: new Types.ObjectId(),
        url: 'https://x',
        at: daysAgo(200),
      },
      {
        workspaceId: ws.workspaceId,
        actionLogId: new Types.ObjectId(),
        url: 'https://x',
        at: daysAgo(1),
      },
    ]);
    // The harness's api-key.created entry, dated back past the trail's default year.
    await db()
      .collection('audit_entries')
      .updateMany({ workspaceId: ws.workspaceId }, { $set: { at: daysAgo(500) } });
    await api(ws)
      .patch('/workspace', {
        retention: {
          contactsInactiveDays: 365,
          commentsDays: 180,
          interactionsDays: 180,
          deliveryLogsDays: 90,
        },
      })
      .expect(200);
    const before = await summary(ws);
    expect(before.overall.n).toBe(4);

    const snapshot = async () =>
      JSON.stringify(
        await Promise.all(
          ['contacts', 'responses', 'interactions', 'webhook_deliveries'].map((c) =>
            db().collection(c).find({ workspaceId: ws.workspaceId }).sort({ _id: 1 }).toArray(),
          ),
        ),
      );
    const untouched = await snapshot();
    const plan = await api(ws).post('/privacy/retention/dry-run').expect(200);
    const expected = {
      contacts: 3,
      comments: 3,
      interactions: 4,
      deliveryLogs: 1,
      auditEntries: 1,
    };
    expect(plan.body.wouldRemove).toEqual(expected);
    expect(await snapshot()).toBe(untouched);
    const preview = await api(ws)
      .post('/privacy/retention/dry-run', {
        retention: { commentsDays: null, contactsInactiveDays: 500 },
      })
      .expect(200);
    expect(preview.body.wouldRemove).toMatchObject({ comments: 0, contacts: 0 });
    const badPreview = await api(ws)
      .post('/privacy/retention/dry-run', { retention: { commentsDays: 'x' } })
      .expect(400);
    expect(badPreview.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'retention.commentsDays',
    ]);

    await ctx.container.services.retentionSchedule.trigger();
    const runs = await waitFor(async () => {
      const res = await api(ws).get('/privacy/retention/runs').expect(200);
      return res.body.runs.length ? res.body.runs : null;
    }, 'the daily retention run');
    expect(runs[0]).toMatchObject({ removed: expected, incomplete: false });

    expect({ ...(await summary(ws)), to: null }).toEqual({ ...before, to: null });
    const text = JSON.stringify(
      await Promise.all(
        ['contacts', 'responses', 'interactions', 'invitations'].map((c) =>
          db().collection(c).find({ workspaceId: ws.workspaceId }).toArray(),
        ),
      ),
    );
    for (const gone of ['zqxold', 'wvkold', 'jhyold', 'orphan@example.org'])
      expect(text).not.toContain(gone);
    expect(text).toContain('recentkept');
    expect(
      await db().collection('interactions').countDocuments({ workspaceId: ws.workspaceId }),
    ).toBe(4);
    for (const inv of old) {
      const ix = await db().collection('interactions').findOne({ _id: inv.interactionId });
      expect(ix).toMatchObject({ customer: { erased: true }, type: 'ticket_closed' });
    }
    expect(await Deliveries.countDocuments({ workspaceId: ws.workspaceId })).toBe(1);

    const trail = (await api(ws).get('/audit?actor=retention&limit=200').expect(200)).body.entries;
    expect(trail.filter((e: { action: string }) => e.action === 'contact.erased')).toHaveLength(3);
    expect(trail.find((e: { action: string }) => e.action === 'retention.applied')).toMatchObject({
      actor: { kind: 'system', id: null, label: 'retention' },
      details: { removed: expected },
    });

    const again = await ctx.container.services.retention.run(ws.workspaceId);
    expect(again.removed).toEqual({
      contacts: 0,
      comments: 0,
      interactions: 0,
      deliveryLogs: 0,
      auditEntries: 0,
    });
    const nothing = await api(ws).post('/privacy/retention/dry-run').expect(200);
    expect(nothing.body.wouldRemove).toEqual(again.removed);
  });

  it('when the workers start, then the daily run is a repeatable job on the privacy queue', async () => {
    await ctx.container.services.retentionSchedule.schedule();
    await ctx.container.services.retentionSchedule.schedule();
    const schedulers = await ctx.container.queues.privacy.getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({ key: 'retention-daily', pattern: '15 3 * * *', tz: 'UTC' }),
    ]);
  });
});
