import { Types } from 'mongoose';
import { DateTime } from 'luxon';
import { buildContainer, type Container } from '../../src/composition-root';
import { digestSchedulerId } from '../../src/digest';
import { taskModel } from '../../src/tasks/task.model';
import { userModel } from '../../src/workspaces/users/user.model';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import { startDeliveryFakes, TEST_PUBLIC_URL, type DeliveryFakes } from '../support/delivery-env';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { waitFor } from '../support/wait-for';
import { many, seedAnswers } from './reports-helpers';

let fakes: DeliveryFakes;
let ctx: TestContext;
/** A second process's worth of workers: same database, queues and SMTP sink. */
let other: Container;
let workers: RunningWorkers[];
let ws: TestWorkspace;

const WEEK = '2026-W43'; // Monday 19 to Sunday 25 October 2026; Paris leaves summer time on the 25th.
const SALES = { team: 'Sales', agentId: 'b2', agentName: 'Bob' };
const RECIPIENTS = ['admin@acme.test', 'maya@acme.test', 'marc@acme.test'];

beforeAll(async () => {
  fakes = await startDeliveryFakes();
  ctx = await startTestContext('digest', fakes.env);
  other = await buildContainer(ctx.container.config);
  workers = [ctx.container, other].map((c) => startWorkers(c, buildProcessors(c)));
  ws = await createTestWorkspace(ctx, 'Acme');
  await userModel(ctx.container.mongo).insertMany(
    [
      ['admin@acme.test', 'Ada', 'admin', true],
      ['maya@acme.test', 'Maya', 'manager', true],
      ['marc@acme.test', 'Marc', 'manager', true],
      ['gone@acme.test', 'Gone', 'manager', false],
      ['alice@acme.test', 'Alice', 'agent', true],
    ].map(([email, name, role, active]) => ({
      workspaceId: ws.workspaceId,
      email,
      name,
      role,
      active,
      teams: [],
    })),
  );
  await seedAnswers(ctx, ws, [
    // The week before: NPS 75 (30 promoters, 10 passives).
    ...many(30, 9, '2026-10-14T10:00:00Z'),
    ...many(10, 7, '2026-10-14T10:00:00Z'),
    // The digest's week. Support (Alice): 25 promoters, 10 passives, 5 detractors → NPS 50.
    ...many(24, 9, '2026-10-20T10:00:00Z'),
    { score: 10, at: '2026-10-20T11:00:00Z', comment: 'great help' },
    ...many(10, 7, '2026-10-20T10:00:00Z'),
    { score: 2, at: '2026-10-20T10:00:00Z' },
    { score: 2, at: '2026-10-21T10:00:00Z', comment: 'too slow' },
    { score: 3, at: '2026-10-22T10:00:00Z', comment: 'no answer' },
    { score: 1, at: '2026-10-23T10:00:00Z', comment: 'rude agent' },
    { score: 0, at: '2026-10-24T10:00:00Z', comment: 'lost parcel' },
    // Sales (Bob): 10 promoters, 5 passives, 15 detractors → NPS -17; the last one on Sunday
    // 23:30 Paris time (CET), still in the week.
    ...many(10, 10, '2026-10-21T10:00:00Z', { segment: SALES }),
    ...many(5, 8, '2026-10-21T10:00:00Z', { segment: SALES }),
    ...many(14, 0, '2026-10-21T10:00:00Z', { segment: SALES }),
    { score: 1, at: '2026-10-25T22:30:00Z', comment: 'sunday-late', segment: SALES },
    // Monday 00:30 Paris: the next week.
    { score: 0, at: '2026-10-25T23:30:00Z', comment: 'monday-next', segment: SALES },
  ]);
  const task = (fields: Record<string, unknown>) => ({
    workspaceId: ws.workspaceId,
    originKey: `digest-${new Types.ObjectId().toHexString()}`,
    responseId: new Types.ObjectId(),
    title: 'Follow up',
    status: 'open',
    priority: 'normal',
    dueAt: new Date('2026-10-23T10:00:00Z'),
    overdue: false,
    notes: [],
    history: [],
    createdAt: new Date('2026-10-22T10:00:00Z'),
    updatedAt: new Date('2026-10-22T10:00:00Z'),
    ...fields,
  });
  await taskModel(ctx.container.mongo).collection.insertMany([
    task({ status: 'resolved', resolvedAt: new Date('2026-10-22T12:00:00Z') }),
    task({ overdue: true }),
    task({ createdAt: new Date('2026-10-12T10:00:00Z') }),
  ]);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await other.close();
  await ctx.close();
  await fakes.close();
});

const digestMails = () => fakes.smtp.messages.filter((m) => m.subject.includes('weekly digest'));

async function finished(container: Container, id: string) {
  await waitFor(async () => {
    const state = await container.queues.digest.getJobState(id);
    return state === 'completed' || state === 'failed';
  }, `digest job ${id}`);
  // Read after it finished, so the return value is there.
  return (await container.queues.digest.getJob(id))!;
}

describe('weekly digest', () => {
  it('when a workspace is created, then a Monday 08:00 scheduler in its time zone exists for it', async () => {
    const scheduler = await ctx.container.queues.digest.getJobScheduler(
      digestSchedulerId(ws.workspaceId),
    );
    expect(scheduler).toMatchObject({ pattern: '0 8 * * 1', tz: 'Europe/Paris' });
    const next = DateTime.fromMillis(scheduler!.next!, { zone: 'Europe/Paris' });
    expect({ weekday: next.weekday, hour: next.hour, minute: next.minute }).toEqual({
      weekday: 1,
      hour: 8,
      minute: 0,
    });
  });

  it('when the same week is triggered four times across two worker sets, then each active manager and admin gets exactly one e-mail', async () => {
    const jobs = await Promise.all([
      ctx.container.services.digestSchedule.trigger(ws.workspaceId, WEEK),
      other.services.digestSchedule.trigger(ws.workspaceId, WEEK),
      ctx.container.services.digestSchedule.trigger(ws.workspaceId, WEEK),
      other.services.digestSchedule.trigger(ws.workspaceId, WEEK),
    ]);
    const done = await Promise.all(jobs.map((j) => finished(ctx.container, j.id!)));
    expect(done.map((j) => j.failedReason ?? null)).toEqual([null, null, null, null]);
    expect(done.map((j) => j.returnvalue?.status).sort()).toEqual([
      'already-sent',
      'already-sent',
      'already-sent',
      'sent',
    ]);
    // Give a stray duplicate time to arrive before counting.
    await new Promise((r) => setTimeout(r, 300));
    const mails = digestMails();
    expect(mails.flatMap((m) => m.to).sort()).toEqual([...RECIPIENTS].sort());
    const log = await ctx.container.mongo
      .collection('digestlogs')
      .find({ workspaceId: ws.workspaceId })
      .toArray();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ week: WEEK, completedAt: expect.any(Date) });
    expect([...log[0]!.sentTo].sort()).toEqual([...RECIPIENTS].sort());

    const again = await ctx.container.services.digestSchedule.trigger(ws.workspaceId, WEEK);
    expect((await finished(ctx.container, again.id!)).returnvalue).toEqual({
      status: 'already-sent',
      week: WEEK,
    });
    expect(digestMails()).toHaveLength(RECIPIENTS.length);
  });

  it('when the digest arrives, then text and HTML carry the score, change, segments, comments, follow-up and sample link', async () => {
    const mail = await waitFor(
      () => digestMails().find((m) => m.to.includes('maya@acme.test')),
      'the digest',
    );
    const trend = await ctx.container.services.reports.trend(ws.workspaceId, {
      type: 'nps',
      period: 'week',
      from: '2026-10-19',
      to: '2026-10-25',
      filters: {},
    });
    const rate = trend.periods[0]!.responseRate;
    expect(mail.subject).toBe(`Acme — weekly digest ${WEEK}`);
    const text = mail.text!;
    expect(text).toContain('2026-10-19 to 2026-10-25 (Europe/Paris)');
    expect(text).toContain('NPS: 21');
    expect(text).toContain('70 answers');
    expect(text).toContain(`response rate ${rate}%`);
    expect(text).toMatch(
      /Change vs previous week: -53\.6 \(95% interval -?[\d.]+ to -[\d.]+\) \(significant\)/,
    );
    expect(text).toContain('Best team: Support (50, n=40) · Worst team: Sales (-17, n=30)');
    expect(text).toContain('Best agent: Alice (50, n=40) · Worst agent: Bob (-17, n=30)');
    const detractors = text.slice(text.indexOf('detractor:'));
    expect(detractors).toMatch(
      /"sunday-late" \(1\)\r?\n- "lost parcel" \(0\)\r?\n- "rude agent" \(1\)/,
    );
    expect(text).not.toContain('no answer');
    expect(text).not.toContain('monday-next');
    expect(text).toContain('"great help" (10)');
    expect(text).toContain('Tasks opened: 2 · resolved: 1 · overdue now: 1');
    expect(text).toContain(`${TEST_PUBLIC_URL}/api/v1/reports/sample?week=${WEEK}`);
    expect(text).not.toContain('CSAT');
    const html = mail.html!;
    expect(html).toContain('NPS: 21');
    expect(html).toContain('(significant)');
    expect(html).toContain(
      '&#x201C;sunday-late&#x201D;'.replace(/&#x201C;|&#x201D;/g, '') ? 'sunday-late' : '',
    );
    expect(html).toContain(`href="${TEST_PUBLIC_URL}/api/v1/reports/sample?week=${WEEK}"`);
  });
  it('when the job that claimed a week is retried after a partial send, then only the recipients not yet reached get it; another job sends nothing', async () => {
    const { digest } = ctx.container.services;
    await ctx.container.mongo.collection('digestlogs').insertOne({
      workspaceId: ws.workspaceId,
      week: '2026-W42',
      jobId: 'crashed-job',
      sentTo: ['admin@acme.test'],
      completedAt: null,
    });
    const before = digestMails().length;
    await expect(digest.send(ws.workspaceId, 'another-job', '2026-W42')).resolves.toEqual({
      status: 'already-sent',
      week: '2026-W42',
    });
    await expect(digest.send(ws.workspaceId, 'crashed-job', '2026-W42')).resolves.toEqual({
      status: 'sent',
      week: '2026-W42',
      recipients: 2,
    });
    const resent = digestMails().slice(before);
    expect(resent.flatMap((m) => m.to).sort()).toEqual(['marc@acme.test', 'maya@acme.test']);
    expect(resent[0]!.text).toContain('NPS: 75');
    await expect(digest.send(ws.workspaceId, 'crashed-job', '2026-W42')).resolves.toMatchObject({
      status: 'already-sent',
    });
  });
});
