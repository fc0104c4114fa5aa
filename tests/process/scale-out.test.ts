import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { nonceOf } from '../component/landing-helpers';
import { startDeliveryFakes, type DeliveryFakes } from '../support/delivery-env';
import {
  createAnyTimeWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { spawnServerProcess, stopProcess, type ServerProcess } from '../support/server-process';
import { testEnv } from '../support/test-env';
import { waitFor } from '../support/wait-for';
import { spawnWorkerProcess } from '../support/worker-process';

/**
 * Scale-out as production runs it: two HTTP server processes and three worker processes, all
 * separate OS processes, on one Redis and one MongoDB. Interactions are posted to both HTTP
 * processes (some twice, once to each), the workers share the dispatch; customers answer on the
 * landing pages of both (some twice at once, one POST to each). Every survey goes out once, every
 * answer is stored once and its rules act once.
 */
const INTERACTIONS = 1000;
const ANSWERS = 100;
/** Requests in flight at once, half to each HTTP process. */
const IN_FLIGHT = 20;
/** Posted again to the other process at the same moment as the first post. */
const repeatedAtOnce = (i: number) => i % 10 === 0;
/** Posted again to the other process once everything has been posted. */
const repeatedLater = (i: number) => i % 10 === 5;
/** By index in the answered sample: answered twice at once, one POST to each process. */
const answeredTwice = (k: number) => k % 5 === 0;
jest.setTimeout(420_000);

let fakes: DeliveryFakes;
let ctx: TestContext;
let ws: TestWorkspace;
let servers: ServerProcess[] = [];
const workers: ChildProcess[] = [];

beforeAll(async () => {
  fakes = await startDeliveryFakes({
    // The limiter is per queue across all workers; the default 10/s would take 100 s alone.
    SEND_RATE_SMS: '1000',
    // Every landing request of the test comes from 127.0.0.1, through both processes.
    LANDING_RATE_PER_IP_PER_MINUTE: '100000',
  });
  const env = testEnv('scale-out', fakes.env);
  ctx = await startTestContext('scale-out', env);
  ws = await createAnyTimeWorkspace(ctx, 'Scale-out Inc');
  const started = await Promise.allSettled([spawnServerProcess(env), spawnServerProcess(env)]);
  // Keep the one that started, so that afterAll stops it, before failing on the other.
  servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  for (const s of started) if (s.status === 'rejected') throw s.reason;
  for (let w = 0; w < 3; w++) workers.push(spawnWorkerProcess(env));
});
afterAll(async () => {
  await Promise.all([...servers.map((s) => s.child), ...workers].map((c) => stopProcess(c)));
  await ctx?.close();
  await fakes?.close();
});

const phoneOf = (i: number) => `+3367${String(i).padStart(7, '0')}`;
const serverFor = (i: number) => servers[i % 2]!;
const otherServer = (i: number) => servers[(i + 1) % 2]!;
const db = () => ctx.container.mongo;

function postInteraction(server: ServerProcess, i: number) {
  return request(server.url)
    .post('/api/v1/interactions')
    .set(ws.auth)
    .send({
      id: `scale-${i}`,
      type: 'ticket.solved',
      customer: { id: `scale-${i}`, phone: phoneOf(i), locale: 'en' },
      survey: { type: 'nps', channels: ['sms'] },
    });
}

interface Posted {
  invitationId: string;
  /** The survey link as the API returned it: http://retour.test/s/<token> */
  url: string;
}
/** By interaction index: what the first post answered. */
const posted: Posted[] = [];

function invitationOf(res: request.Response): Posted {
  expect(res.body.invitations).toHaveLength(1);
  const [invitation] = res.body.invitations as { id: string; url: string; status: string }[];
  expect(invitation!.status).not.toBe('suppressed');
  return { invitationId: invitation!.id, url: invitation!.url };
}

/** Runs task(0 … count-1) with at most `limit` of them in flight. */
async function inParallel(count: number, limit: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

const surveySms = () => fakes.twilio.messages.filter((m) => !m.body.startsWith('Thank you'));

describe('two HTTP processes and three worker processes on one Redis and one MongoDB', () => {
  it(`when ${INTERACTIONS} interactions are posted across both HTTP processes, some to both, then each survey SMS is sent exactly once`, async () => {
    await inParallel(INTERACTIONS, IN_FLIGHT, async (i) => {
      const calls = [postInteraction(serverFor(i), i)];
      if (repeatedAtOnce(i)) calls.push(postInteraction(otherServer(i), i));
      const answers = await Promise.all(calls);
      // One of the two posts stored the interaction (202), the other replayed it (200).
      expect(answers.map((a) => a.status).sort()).toEqual(repeatedAtOnce(i) ? [200, 202] : [202]);
      const [first, ...replays] = answers.map(invitationOf);
      for (const replay of replays) expect(replay).toEqual(first);
      posted[i] = first!;
    });
    for (let i = 0; i < INTERACTIONS; i++) {
      if (!repeatedLater(i)) continue;
      const res = await postInteraction(otherServer(i), i).expect(200);
      expect(invitationOf(res)).toEqual(posted[i]);
    }

    const invitations = db().collection('invitations');
    await waitFor(
      async () =>
        (await invitations.countDocuments({ workspaceId: ws.workspaceId, status: 'sent' })) ===
        INTERACTIONS,
      `all ${INTERACTIONS} invitations to be sent`,
      120_000,
    );
    // Let a job that would send a second time (a stalled lock, a double enqueue) show itself.
    await new Promise((r) => setTimeout(r, 2000));

    const docs = await invitations.find({ workspaceId: ws.workspaceId }).toArray();
    expect(docs).toHaveLength(INTERACTIONS);
    const ids = docs.map((d) => String(d._id));
    expect(new Set(ids).size).toBe(INTERACTIONS);
    expect(new Set(posted.map((p) => p.invitationId))).toEqual(new Set(ids));
    expect(new Set(docs.map((d) => String(d.interactionId))).size).toBe(INTERACTIONS);
    for (const d of docs)
      expect((d.history as { status: string }[]).filter((h) => h.status === 'sent')).toHaveLength(
        1,
      );
    expect(
      await db().collection('interactions').countDocuments({ workspaceId: ws.workspaceId }),
    ).toBe(INTERACTIONS);

    // At the provider: one message per invitation link, to that customer, none twice.
    const sms = surveySms();
    expect(sms).toHaveLength(INTERACTIONS);
    const byLink = new Map<string, string[]>();
    for (const m of sms) {
      const link = /http:\/\/retour\.test\/s\/\S+/.exec(m.body)?.[0];
      expect(link).toBeDefined();
      byLink.set(link!, [...(byLink.get(link!) ?? []), m.to]);
    }
    expect(byLink.size).toBe(INTERACTIONS);
    posted.forEach((p, i) => expect(byLink.get(p.url)).toEqual([phoneOf(i)]));
    expect(new Set(docs.map((d) => d.providerId as string)).size).toBe(INTERACTIONS);
  });

  it(`when ${ANSWERS} customers answer on the landing pages of both processes, some twice at once, then each answer is stored once and its rules act once`, async () => {
    expect(posted).toHaveLength(INTERACTIONS);
    const sample = Array.from({ length: ANSWERS }, (_, k) => {
      const i = k * (INTERACTIONS / ANSWERS);
      return { i, score: k % 11, path: new URL(posted[i]!.url).pathname, ...posted[i]! };
    });

    await inParallel(sample.length, IN_FLIGHT / 2, async (k) => {
      const a = sample[k]!;
      // The form from one process, the answer to the other (or to both at once).
      const shown = await request(serverFor(k).url).get(a.path).expect(200);
      const form = { nonce: nonceOf(shown.text), score: String(a.score) };
      const targets = answeredTwice(k) ? [serverFor(k), otherServer(k)] : [otherServer(k)];
      const results = await Promise.all(
        targets.map((s) => request(s.url).post(a.path).type('form').send(form)),
      );
      for (const res of results) {
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe(`${a.path}/thanks`);
      }
    });

    const promoters = sample.filter((a) => a.score >= 9);
    const detractors = sample.filter((a) => a.score <= 6);
    const thanksTo = (phone: string) =>
      fakes.twilio.messages.filter((m) => m.to === phone && m.body.startsWith('Thank you'));
    const actionLog = db().collection('action_log');
    await waitFor(
      async () =>
        (await actionLog.countDocuments({ workspaceId: ws.workspaceId, status: 'done' })) ===
          promoters.length + detractors.length &&
        promoters.every((p) => thanksTo(phoneOf(p.i)).length > 0),
      'the rules of every answer to run',
      60_000,
    );
    // Let a rules job that would act a second time show itself.
    await new Promise((r) => setTimeout(r, 2000));

    const responses = await db()
      .collection('responses')
      .find({ workspaceId: ws.workspaceId })
      .toArray();
    expect(responses).toHaveLength(ANSWERS);
    const byInvitation = new Map(responses.map((r) => [String(r.invitationId), r]));
    expect(byInvitation.size).toBe(ANSWERS);
    for (const a of sample) expect(byInvitation.get(a.invitationId)?.score).toBe(a.score);
    const answered = await db()
      .collection('invitations')
      .find({ workspaceId: ws.workspaceId, status: 'answered' })
      .toArray();
    expect(answered.map((d) => String(d._id)).sort()).toEqual(
      sample.map((a) => a.invitationId).sort(),
    );

    // One log per (response, rule, action): a task per detractor, a thank-you per promoter.
    const logs = await actionLog.find({ workspaceId: ws.workspaceId }).toArray();
    const keys = logs.map((l) => `${String(l.responseId)}:${l.ruleId}:${l.actionIndex}`);
    expect(new Set(keys).size).toBe(logs.length);
    const responseIdOf = (a: (typeof sample)[number]) =>
      String(byInvitation.get(a.invitationId)!._id);
    const logsOf = (type: string) =>
      logs
        .filter((l) => l.type === type)
        .map((l) => String(l.responseId))
        .sort();
    expect(logsOf('create_task')).toEqual(detractors.map(responseIdOf).sort());
    expect(logsOf('send_message')).toEqual(promoters.map(responseIdOf).sort());
    expect(logs.every((l) => l.status === 'done')).toBe(true);

    const tasks = await db().collection('tasks').find({ workspaceId: ws.workspaceId }).toArray();
    expect(tasks.map((t) => String(t.responseId)).sort()).toEqual(
      detractors.map(responseIdOf).sort(),
    );
    for (const p of promoters) expect(thanksTo(phoneOf(p.i))).toHaveLength(1);
    // Answering sent no second survey.
    expect(surveySms()).toHaveLength(INTERACTIONS);
  });
});
