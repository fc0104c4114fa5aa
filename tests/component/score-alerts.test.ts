import { DateTime } from 'luxon';
import { buildContainer, type Container } from '../../src/composition-root';
import { ALERTS_SCHEDULER_ID } from '../../src/alerts';
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
import { createUser, FAST_HASHING, signIn } from './auth-helpers';
import { many, seedAnswers, type SeedAnswer } from './reports-helpers';

let fakes: DeliveryFakes;
let ctx: TestContext;
/** A second process's worth of workers: same database, queues and SMTP sink. */
let other: Container;
let workers: RunningWorkers[];
let acme: TestWorkspace;
let bistro: TestWorkspace;

/** Wednesday 18 November 2026, 16:00 in Paris: the run looks at the 18th so far and the 17th. */
const NOW = new Date('2026-11-18T15:00:00Z');
const BOB = { agentId: 'b2', agentName: 'Bob' };
const CARL = { agentId: 'c3', agentName: 'Carl' };
const ACME_RECIPIENTS = ['ada@acme.test', 'marc@acme.test', 'maya@acme.test'];
const BISTRO_RECIPIENTS = ['chef@bistro.test', 'gerant@bistro.test'];

/** Each local day from `from` for `days` days, at 11:00 Paris time (10:00 UTC in winter). */
function daily(from: string, days: number, answers: (at: string) => SeedAnswer[]) {
  const start = DateTime.fromISO(`${from}T11:00:00`, { zone: 'Europe/Paris' });
  return Array.from({ length: days }, (_, i) =>
    answers(start.plus({ days: i }).toUTC().toISO()!),
  ).flat();
}

async function addUsers(ws: TestWorkspace, people: [string, string, string, boolean][]) {
  await userModel(ctx.container.mongo).insertMany(
    people.map(([email, name, role, active]) => ({
      workspaceId: ws.workspaceId,
      email,
      name,
      role,
      active,
      teams: [],
    })),
  );
}

beforeAll(async () => {
  fakes = await startDeliveryFakes();
  ctx = await startTestContext('score-alerts', { ...fakes.env, ...FAST_HASHING });
  other = await buildContainer(ctx.container.config);
  workers = [ctx.container, other].map((c) => startWorkers(c, buildProcessors(c)));

  acme = await createTestWorkspace(ctx, 'Acme');
  await createUser(ctx, acme, { role: 'manager', email: 'maya@acme.test', name: 'Maya' });
  await addUsers(acme, [
    ['ada@acme.test', 'Ada', 'admin', true],
    ['marc@acme.test', 'Marc', 'manager', true],
    ['gone@acme.test', 'Gone', 'manager', false],
    ['alice@acme.test', 'Alice', 'agent', true],
  ]);
  await seedAnswers(ctx, acme, [
    // Four good weeks (21 October – 17 November). Alice: 8 promoters, 2 passives, 1 detractor a
    // day; Bob: 3 promoters and 1 passive a day (NPS 75); Carl: 2 promoters a day.
    ...daily('2026-10-21', 28, (at) => [
      ...many(8, 9, at),
      ...many(2, 7, at),
      ...many(1, 3, at),
      ...many(3, 10, at, { segment: BOB }),
      ...many(1, 8, at, { segment: BOB }),
      ...many(2, 10, at, { segment: CARL }),
    ]),
    // Today, by 16:00: Bob collapses on 30 answers (NPS −47); Carl on only 29; Alice has a very
    // good day, so all answers together (and every team, channel… they share) are not worse.
    ...many(6, 10, '2026-11-18T09:00:00Z', { segment: BOB }),
    ...many(4, 8, '2026-11-18T09:00:00Z', { segment: BOB }),
    ...many(20, 2, '2026-11-18T09:00:00Z', { segment: BOB }),
    ...many(29, 1, '2026-11-18T09:00:00Z', { segment: CARL }),
    ...many(300, 10, '2026-11-18T09:30:00Z'),
  ]);

  bistro = await createTestWorkspace(ctx, 'Bistro');
  await ctx.container.services.workspaces.updateSettings(bistro.workspaceId, {
    defaultLocale: 'fr',
  });
  await addUsers(bistro, [
    ['gerant@bistro.test', 'Gérard', 'manager', true],
    ['chef@bistro.test', 'Chloé', 'admin', true],
    ['serveur@bistro.test', 'Sam', 'agent', true],
  ]);
  // Same agent id as Acme's Bob, on the same days: it must never count in Acme's figures.
  const BRUNO = {
    agentId: 'b2',
    agentName: 'Bruno',
    team: null,
    interactionChannel: null,
    product: null,
    region: null,
    reason: null,
  };
  await seedAnswers(ctx, bistro, [
    ...daily('2026-10-20', 28, (at) => many(5, 10, at, { segment: BRUNO })),
    // Yesterday at 22:30 Paris, after what would have been the day's last run.
    ...many(5, 10, '2026-11-17T21:30:00Z', { segment: BRUNO }),
    ...many(30, 0, '2026-11-17T21:30:00Z', { segment: BRUNO }),
  ]);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await other.close();
  await ctx.close();
  await fakes.close();
});

const alertMails = () =>
  fakes.smtp.messages.filter((m) => /alert|alerte/.test(m.subject) && !/digest/.test(m.subject));

/** Each run reads every workspace's reports for two days: seconds on the in-process test server. */
async function finished(id: string) {
  await waitFor(
    async () => {
      const state = await ctx.container.queues.alerts.getJobState(id);
      return state === 'completed' || state === 'failed';
    },
    `alerts job ${id}`,
    60_000,
  );
  return (await ctx.container.queues.alerts.getJob(id))!;
}

describe('significant-drop alerts', () => {
  it('when workers start, then one hourly alerts scheduler exists', async () => {
    await ctx.container.services.alertsSchedule.schedule();
    await other.services.alertsSchedule.schedule();
    const schedulers = await ctx.container.queues.alerts.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern])).toEqual([[ALERTS_SCHEDULER_ID, '0 * * * *']]);
  });

  it('when the run is triggered four times across two worker sets, then each active manager and admin gets one e-mail per dropped segment, agents none', async () => {
    const jobs = await Promise.all([
      ctx.container.services.alertsSchedule.trigger(NOW),
      other.services.alertsSchedule.trigger(NOW),
      ctx.container.services.alertsSchedule.trigger(NOW),
      other.services.alertsSchedule.trigger(NOW),
    ]);
    const done = await Promise.all(jobs.map((j) => finished(j.id!)));
    expect(done.map((j) => j.failedReason ?? null)).toEqual([null, null, null, null]);
    const total = (key: 'alerts' | 'emails') =>
      done.reduce((sum, j) => sum + (j.returnvalue as Record<string, number>)[key]!, 0);
    // Acme: Bob. Bistro: all answers and Bruno.
    expect(total('alerts')).toBe(3);
    expect(total('emails')).toBe(3 + 2 * 2);

    // An hour later the same days are looked at again: nothing new goes out.
    const later = await ctx.container.services.alertsSchedule.trigger(
      new Date(NOW.getTime() + 3600_000),
    );
    expect((await finished(later.id!)).returnvalue).toEqual({
      workspaces: 2,
      alerts: 0,
      emails: 0,
    });
    // Give a stray duplicate time to arrive before counting.
    await new Promise((r) => setTimeout(r, 300));

    const mails = alertMails();
    const acmeMails = mails.filter((m) => m.subject.startsWith('Acme'));
    expect(acmeMails.flatMap((m) => m.to).sort()).toEqual(ACME_RECIPIENTS);
    expect(new Set(acmeMails.map((m) => m.subject))).toEqual(
      new Set(['Acme — NPS alert: agent Bob, Nov 18, 2026']),
    );
    const bistroMails = mails.filter((m) => m.subject.startsWith('Bistro'));
    expect(bistroMails.flatMap((m) => m.to).sort()).toEqual(
      [...BISTRO_RECIPIENTS, ...BISTRO_RECIPIENTS].sort(),
    );
    expect(mails.flatMap((m) => m.to)).not.toContain('alice@acme.test');
    expect(mails.flatMap((m) => m.to)).not.toContain('serveur@bistro.test');
    expect(mails.flatMap((m) => m.to)).not.toContain('gone@acme.test');
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(mails.length);

    const logs = await ctx.container.mongo.collection('alertlogs').find({}).toArray();
    expect(
      logs
        .map(
          (l) =>
            `${String(l.workspaceId) === acme.workspace.id ? 'acme' : 'bistro'} ${l.surveyType} ${l.dimension}=${l.value} ${l.day}`,
        )
        .sort(),
    ).toEqual([
      'acme nps agent=b2 2026-11-18',
      'bistro nps agent=b2 2026-11-17',
      'bistro nps overall= 2026-11-17',
    ]);
    expect(logs.every((l) => l.completedAt instanceof Date)).toBe(true);
  }, 120_000);

  it('when the alert arrives, then it gives the day with its interval and n, the 4-week level, the difference and a dashboard link', async () => {
    const mail = alertMails().find((m) => m.to.includes('maya@acme.test'))!;
    const text = mail.text!;
    expect(text).toContain('NPS dropped: agent Bob');
    expect(text).toContain(
      'NPS on Wednesday, November 18, 2026 is significantly worse than its level over the previous 4 weeks.',
    );
    expect(text).toContain('The day is not over: figures at 16:00 (Europe/Paris).');
    // Day: 6 promoters, 4 passives, 20 detractors. Bob's 4 weeks: 84 promoters, 28 passives
    // (none of Bistro's Bruno, who has the same agent id). Hand-computed in the unit tests.
    expect(text).toContain('That day: -47 (95% interval -75.5 to -17.8), 30 answers');
    expect(text).toContain(
      'Previous 4 weeks (Oct 21, 2026 – Nov 17, 2026): 75 (95% interval 67 to 83), 112 answers',
    );
    expect(text).toMatch(/Difference: -121\.7 \(95% interval -151\.6 to -91\.[78]\)/);
    expect(text).toContain('NPS scale 0–10, higher is better.');
    const link = `${TEST_PUBLIC_URL}/app/reports?type=nps&from=2026-11-18&to=2026-11-18&by=channel&filter%5Bagent%5D=b2`;
    expect(text).toContain(link);
    const href = /<a href="([^"]+)"/.exec(mail.html!)![1]!;
    expect(href.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).toBe(link);
    expect(mail.html).toContain('<strong>-47 (95% interval -75.5 to -17.8), 30 answers</strong>');

    // The link opens the dashboard on that day, filtered to Bob: his 30 answers, by channel.
    const { agent } = await signIn(ctx, 'maya@acme.test');
    const page = await agent.get(link.slice(TEST_PUBLIC_URL.length)).expect(200);
    expect(page.text).toContain('data-testid="n">30<');
    expect(page.text).toContain('<th scope="col">Interaction channel</th>');
    expect(page.text.replace(/<[^>]+>/g, '')).toContain('Agent: b2');
  });

  it('when a segment has only 29 answers that day, then it raises no alert however bad', () => {
    expect(alertMails().filter((m) => m.subject.includes('Carl'))).toEqual([]);
  });

  it('when the workspace speaks French, then its alerts are in French, for the previous day whose drop came late in the evening', () => {
    const mails = alertMails().filter((m) => m.to.includes('gerant@bistro.test'));
    expect(mails.map((m) => m.subject).sort()).toEqual([
      'Bistro — alerte NPS : agent Bruno, 17 nov. 2026',
      'Bistro — alerte NPS : toutes les réponses, 17 nov. 2026',
    ]);
    const text = mails.find((m) => m.subject.includes('Bruno'))!.text!;
    expect(text).toContain('NPS en baisse : agent Bruno');
    expect(text).toContain(
      'Le NPS du mardi 17 novembre 2026 est significativement moins bon que son niveau des 4 semaines précédentes.',
    );
    expect(text).not.toContain('La journée n’est pas finie');
    expect(text).toContain('Ce jour-là : -71 (intervalle à 95 % de');
    expect(text).toContain('35 réponses');
    expect(text).toContain('4 semaines précédentes (20 oct. 2026 – 16 nov. 2026) : 100');
    expect(text).toContain('140 réponses');
    expect(text).toContain('Échelle NPS de 0 à 10, plus haut = mieux.');
    expect(mails[0]!.html).toContain('<html lang="fr">');
  });

  it('when a claim was left unfinished by a job that gave up, then a later run takes it over and e-mails only the recipients still missing; a fresh claim of another job is left alone', async () => {
    const logs = ctx.container.mongo.collection('alertlogs');
    const key = {
      workspaceId: acme.workspaceId,
      dimension: 'agent',
      value: 'b2',
      day: '2026-11-18',
    };
    const before = alertMails().length;
    // As if the claiming job had reached Ada, then failed every attempt (its SMTP was down).
    await logs.updateOne(key, {
      $set: {
        jobId: 'gave-up',
        completedAt: null,
        sentTo: ['ada@acme.test'],
        updatedAt: new Date(Date.now() - 2 * 3600_000),
      },
    });
    const run = await ctx.container.services.alertsSchedule.trigger(NOW);
    expect(((await finished(run.id!)).returnvalue as { emails: number }).emails).toBe(2);
    const resent = alertMails().slice(before);
    expect(resent.flatMap((m) => m.to).sort()).toEqual(['marc@acme.test', 'maya@acme.test']);
    expect((await logs.findOne(key))?.completedAt).toBeInstanceOf(Date);

    // Still being worked on by another job (moved a minute ago): not taken over.
    await logs.updateOne(key, {
      $set: { jobId: 'busy', completedAt: null, updatedAt: new Date(Date.now() - 60_000) },
    });
    const again = await ctx.container.services.alertsSchedule.trigger(NOW);
    expect(((await finished(again.id!)).returnvalue as { emails: number }).emails).toBe(0);
    expect(alertMails().length).toBe(before + 2);
  }, 120_000);
});
