import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { startDeliveryFakes, type DeliveryFakes } from '../support/delivery-env';
import { createAnyTimeWorkspace, startTestContext, type TestContext } from '../support/harness';
import { testEnv } from '../support/test-env';
import { waitFor } from '../support/wait-for';
import { killHard, spawnWorkerProcess } from '../support/worker-process';

/**
 * 300 SMS surveys go out while worker processes are killed with SIGKILL mid-dispatch and
 * replaced: every customer gets exactly one SMS, and every invitation ends "sent".
 */
const SENDS = 300;
jest.setTimeout(180_000);

let fakes: DeliveryFakes;
let ctx: TestContext;
let env: Record<string, string>;
const children = new Set<ChildProcess>();
beforeAll(async () => {
  fakes = await startDeliveryFakes({ JOB_LOCK_MS: '1000', SEND_RATE_SMS: '40' });
  env = testEnv('workers-killed', fakes.env);
  ctx = await startTestContext('workers-killed', env);
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await ctx.close();
  await fakes.close();
});

function spawnWorkers(): ChildProcess {
  const child = spawnWorkerProcess(env);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

const phoneOf = (i: number) => `+3367${String(i).padStart(7, '0')}`;

it(`when worker processes are killed with SIGKILL while ${SENDS} SMS surveys go out, then each customer gets exactly one`, async () => {
  const ws = await createAnyTimeWorkspace(ctx);
  let first = spawnWorkers();
  let second = spawnWorkers();

  for (let start = 0; start < SENDS; start += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, SENDS - start) }, (_, k) => {
        const i = start + k;
        return request(ctx.app)
          .post('/api/v1/interactions')
          .set(ws.auth)
          .send({
            id: `kill-${i}`,
            type: 'ticket.solved',
            customer: { id: `kill-${i}`, phone: phoneOf(i), locale: 'en' },
            survey: { type: 'nps', channels: ['sms'] },
          })
          .expect(202);
      }),
    );
  }

  const sent = () => fakes.twilio.messages.length;
  await waitFor(() => sent() >= SENDS / 5, 'a fifth of the SMS to go out', 60_000);
  await killHard(first);
  first = spawnWorkers();
  await waitFor(() => sent() >= SENDS / 2, 'half of the SMS to go out', 60_000);
  await killHard(second);
  second = spawnWorkers();
  await waitFor(() => sent() >= (SENDS * 4) / 5, 'four fifths of the SMS to go out', 60_000);
  await killHard(first);

  const invitations = ctx.container.mongo.collection('invitations');
  await waitFor(
    async () =>
      (await invitations.countDocuments({ workspaceId: ws.workspaceId, status: 'sent' })) === SENDS,
    'every invitation to be sent',
    90_000,
  );
  // Let a stalled job that would send a second time show itself.
  await new Promise((r) => setTimeout(r, 2500));

  const perPhone = new Map<string, number>();
  for (const m of fakes.twilio.messages) perPhone.set(m.to, (perPhone.get(m.to) ?? 0) + 1);
  const expected = Array.from({ length: SENDS }, (_, i) => phoneOf(i));
  expect([...perPhone.keys()].sort()).toEqual(expected.sort());
  expect([...perPhone.values()].filter((n) => n !== 1)).toEqual([]);
  const docs = await invitations.find({ workspaceId: ws.workspaceId }).toArray();
  expect(new Set(docs.map((d) => d.providerId as string)).size).toBe(SENDS);
  await killHard(second);
});
