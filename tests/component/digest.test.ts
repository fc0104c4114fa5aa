import { Types } from 'mongoose';
import { DateTime } from 'luxon';
import { buildContainer, type Container } from '../../src/composition-root';
import { digestSchedulerId } from '../../src/digest';
import { responseModel } from '../../src/responses/response.model';
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
const MANAGERS = ['admin@acme.test', 'maya@acme.test', 'marc@acme.test'];
const AGENTS = ['alice@acme.test', 'bob@acme.test', 'nina@acme.test'];
// The helpdesk names Alice by her e-mail, Bob by his Retour user id (set once he exists).
const ALICE = { team: 'Support', agentId: 'alice@acme.test', agentName: 'Alice' };
const SALES = { team: 'Sales', agentId: '', agentName: 'Bob' };
// Carol answers for Support but has no Retour account: she gets no card.
const CAROL = { team: 'Support', agentId: 'c3', agentName: 'Carol' };
let aliceId: Types.ObjectId;

/** What a reader sees: the no-break spaces of the formatted figures shown as spaces. */
const seen = (s: string | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

beforeAll(async () => {
  fakes = await startDeliveryFakes();
  ctx = await startTestContext('digest', fakes.env);
  other = await buildContainer(ctx.container.config);
  workers = [ctx.container, other].map((c) => startWorkers(c, buildProcessors(c)));
  ws = await createTestWorkspace(ctx, 'Acme');
  const users = await userModel(ctx.container.mongo).insertMany(
    (
      [
        ['admin@acme.test', 'Ada', 'admin', true, []],
        ['maya@acme.test', 'Maya', 'manager', true, []],
        ['marc@acme.test', 'Marc', 'manager', true, []],
        ['gone@acme.test', 'Gone', 'manager', false, []],
        ['alice@acme.test', 'Alice', 'agent', true, ['Support']],
        ['bob@acme.test', 'Bob', 'agent', true, ['Sales']],
        ['nina@acme.test', 'Nina', 'agent', true, ['Support']],
        ['left@acme.test', 'Left', 'agent', false, ['Support']],
      ] as const
    ).map(([email, name, role, active, teams]) => ({
      workspaceId: ws.workspaceId,
      email,
      name,
      role,
      active,
      teams,
    })),
  );
  aliceId = users.find((u) => u.email === 'alice@acme.test')!._id;
  SALES.agentId = String(users.find((u) => u.email === 'bob@acme.test')!._id);
  const support = { segment: ALICE };
  await seedAnswers(ctx, ws, [
    // The week before: NPS 75 (30 promoters, 10 passives).
    ...many(30, 9, '2026-10-14T10:00:00Z', support),
    ...many(10, 7, '2026-10-14T10:00:00Z', support),
    // The digest's week. Alice: 25 promoters, 10 passives, 5 detractors → NPS 50.
    ...many(24, 9, '2026-10-20T10:00:00Z', support),
    { score: 10, at: '2026-10-20T11:00:00Z', comment: 'great help', ...support },
    ...many(10, 7, '2026-10-20T10:00:00Z', support),
    { score: 2, at: '2026-10-20T10:00:00Z', ...support },
    { score: 2, at: '2026-10-21T10:00:00Z', comment: 'too slow', ...support },
    { score: 3, at: '2026-10-22T10:00:00Z', comment: 'no answer', ...support },
    { score: 1, at: '2026-10-23T10:00:00Z', comment: 'rude agent', ...support },
    { score: 0, at: '2026-10-24T10:00:00Z', comment: 'lost parcel', ...support },
    // Carol: 3 passives, 7 detractors → NPS -70; Support as a whole: 50 answers, NPS 26.
    ...many(3, 8, '2026-10-22T10:00:00Z', { segment: CAROL }),
    ...many(7, 5, '2026-10-22T10:00:00Z', { segment: CAROL }),
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
  const noAnswer = await responseModel(ctx.container.mongo)
    .findOne({ workspaceId: ws.workspaceId, comment: 'no answer' })
    .lean();
  await taskModel(ctx.container.mongo).collection.insertMany([
    // Alice's follow-up of "no answer": first action after 10 minutes, resolved after 2 hours.
    task({
      responseId: noAnswer!._id,
      assigneeId: aliceId,
      assigneeName: 'Alice',
      team: 'Support',
      status: 'resolved',
      firstActionAt: new Date('2026-10-22T10:10:00Z'),
      resolvedAt: new Date('2026-10-22T12:00:00Z'),
    }),
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
const cardMails = () => fakes.smtp.messages.filter((m) => m.subject.includes('report card'));
const cardOf = (email: string) =>
  waitFor(() => cardMails().find((m) => m.to.includes(email)), `the report card of ${email}`);

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

  it('when the same week is triggered four times across two worker sets, then each active manager and admin gets one digest and each active agent one report card', async () => {
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
    expect(done.find((j) => j.returnvalue?.status === 'sent')!.returnvalue.recipients).toBe(6);
    // Give a stray duplicate time to arrive before counting.
    await new Promise((r) => setTimeout(r, 300));
    expect(
      digestMails()
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual([...MANAGERS].sort());
    expect(
      cardMails()
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual([...AGENTS].sort());
    expect(fakes.smtp.messages).toHaveLength(MANAGERS.length + AGENTS.length);
    const log = await ctx.container.mongo
      .collection('digestlogs')
      .find({ workspaceId: ws.workspaceId })
      .toArray();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ week: WEEK, completedAt: expect.any(Date) });
    expect([...log[0]!.sentTo].sort()).toEqual([...MANAGERS, ...AGENTS].sort());

    const again = await ctx.container.services.digestSchedule.trigger(ws.workspaceId, WEEK);
    expect((await finished(ctx.container, again.id!)).returnvalue).toEqual({
      status: 'already-sent',
      week: WEEK,
    });
    expect(fakes.smtp.messages).toHaveLength(MANAGERS.length + AGENTS.length);
  });

  it('when the digest arrives, then text and HTML carry the score, change, segments, comments, follow-up and links', async () => {
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
    const text = seen(mail.text);
    expect(text).toContain('19 October 2026 to 25 October 2026 (Europe/Paris)');
    expect(text).toMatch(/NPS \+10 \(95% interval: -?\d+ to \+\d+\)/);
    expect(text).toContain(`80 answers · response rate ${rate}% · scale 0–10, higher is better`);
    expect(text).toMatch(
      /Change vs previous week: -65 \(95% interval: -[\d.]+ to -[\d.]+\), significant/,
    );
    expect(text).toContain('Best team: Support (+26, n = 50) · Worst team: Sales (-17, n = 30)');
    // Carol (10 answers) is below the 30 answers a segment needs to be named.
    expect(text).toContain('Best agent: Alice (+50, n = 40) · Worst agent: Bob (-17, n = 30)');
    expect(text).toContain(
      'Follow-up of 27 detractors: 3.7% with a task · 3.7% contacted · 3.7% resolved · first action median 10 min (p90 10 min) · resolution median 2 h (p90 2 h) · 0 SLA breaches',
    );
    const detractors = text.slice(text.indexOf('Detractors'));
    expect(detractors).toMatch(
      /"sunday-late" \(1\)\r?\n- "lost parcel" \(0\)\r?\n- "rude agent" \(1\)/,
    );
    expect(text).not.toContain('no answer');
    expect(text).not.toContain('monday-next');
    expect(text).toContain('"great help" (10)');
    expect(text).toContain('Tasks opened: 2 · resolved: 1 · overdue now: 1');
    expect(text).toContain(
      `Dashboard for the week: ${TEST_PUBLIC_URL}/app/reports?type=nps&from=2026-10-19&to=2026-10-25`,
    );
    expect(text).toContain(`Spot-check sample: ${TEST_PUBLIC_URL}/app/reports/sample?week=${WEEK}`);
    expect(text).not.toContain('CSAT');
    const html = seen(mail.html);
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<strong[^>]*>Change vs previous week: -65 [^<]*, significant<\/strong>/);
    expect(html).toContain('sunday-late');
    expect(html).toContain(`href="${TEST_PUBLIC_URL}/app/reports/sample?week=${WEEK}"`);
    expect(html).toContain(
      `href="${TEST_PUBLIC_URL}/app/reports?type=nps&from=2026-10-19&to=2026-10-25"`,
    );
  });

  it("when Alice reads her report card, then it holds her scores against the rest of her team, her follow-up, her comments and her inbox, and nobody else's figures", async () => {
    const mail = await cardOf('alice@acme.test');
    expect(mail.subject).toBe(`Acme — your weekly report card ${WEEK}`);
    const card = await ctx.container.services.reports.agentCard(ws.workspaceId, 'alice@acme.test', {
      type: 'nps',
      from: '2026-10-19',
      to: '2026-10-25',
      filters: {},
    });
    const text = seen(mail.text);
    expect(text).toContain(`Alice, your week ${WEEK}`);
    expect(text).toMatch(/NPS \+50 \(95% interval: \+\d+ to \+\d+\)/);
    expect(text).toContain(`40 answers · response rate ${card.responseRate}%`);
    expect(text).toMatch(/Rest of team Support: -70 \(95% interval: -\d+ to -\d+\)/);
    expect(text).toMatch(
      /You vs the rest of the team: \+120 \(95% interval: \+[\d.]+ to \+[\d.]+\), significant/,
    );
    expect(text).toContain(
      'Follow-up of 1 detractor: 100% with a task · 100% contacted · 100% resolved · first action median 10 min (p90 10 min) · resolution median 2 h (p90 2 h) · 0 SLA breaches',
    );
    expect(text).toMatch(
      /Your recent comments\r?\n- "lost parcel" \(0, 24 October 2026\)\r?\n- "rude agent" \(1, 23 October 2026\)\r?\n- "no answer" \(3, 22 October 2026\)\r?\n- "too slow" \(2, 21 October 2026\)\r?\n- "great help" \(10, 20 October 2026\)/,
    );
    expect(text).toContain(`Open your follow-up inbox: ${TEST_PUBLIC_URL}/app/inbox`);
    for (const foreign of ['sunday-late', 'Bob', 'Sales', 'Carol', 'NPS +10', 'Best', 'Worst']) {
      expect(text).not.toContain(foreign);
    }
    expect(mail.html).toContain(`href="${TEST_PUBLIC_URL}/app/inbox"`);
  });

  it('when Bob (named by his user id) and Nina (no answers) read their cards, then each sees only their own week', async () => {
    const bob = seen((await cardOf('bob@acme.test')).text);
    expect(bob).toContain(`Bob, your week ${WEEK}`);
    expect(bob).toMatch(/NPS -17 \(95% interval: -\d+ to \+?-?\d+\)/);
    expect(bob).toContain('30 answers');
    expect(bob).toMatch(/Your recent comments\r?\n- "sunday-late" \(1, 25 October 2026\)/);
    // Nobody else answers for Sales: no comparison, and no follow-up was assigned to Bob.
    expect(bob).not.toContain('Rest of team');
    expect(bob).not.toContain('Follow-up of');
    for (const foreign of ['Alice', 'lost parcel', 'great help', 'monday-next', 'Support']) {
      expect(bob).not.toContain(foreign);
    }
    const nina = seen((await cardOf('nina@acme.test')).text);
    expect(nina).toContain(`Nina, your week ${WEEK}`);
    expect(nina).toContain('No answers this week.');
    expect(nina).not.toMatch(/NPS|Alice|Bob|Carol/);
    expect(nina).toContain(`${TEST_PUBLIC_URL}/app/inbox`);
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
    const before = fakes.smtp.messages.length;
    await expect(digest.send(ws.workspaceId, 'another-job', '2026-W42')).resolves.toEqual({
      status: 'already-sent',
      week: '2026-W42',
    });
    await expect(digest.send(ws.workspaceId, 'crashed-job', '2026-W42')).resolves.toEqual({
      status: 'sent',
      week: '2026-W42',
      recipients: 5,
    });
    const resent = fakes.smtp.messages.slice(before);
    expect(resent.flatMap((m) => m.to).sort()).toEqual(
      ['marc@acme.test', 'maya@acme.test', ...AGENTS].sort(),
    );
    expect(seen(resent.find((m) => m.to.includes('maya@acme.test'))!.text)).toContain('NPS +75');
    expect(seen(resent.find((m) => m.to.includes('alice@acme.test'))!.text)).toContain('NPS +75');
    await expect(digest.send(ws.workspaceId, 'crashed-job', '2026-W42')).resolves.toMatchObject({
      status: 'already-sent',
    });
  });
});
