import { Types } from 'mongoose';
import request from 'supertest';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import { signGenericDelivery } from '../support/connectors/generic-signer';
import {
  createAnyTimeWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { waitFor } from '../support/wait-for';

let ctx: TestContext;
let workers: RunningWorkers;

beforeAll(async () => {
  ctx = await startTestContext('connectors-inbound');
  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
});
afterAll(async () => {
  await workers.close();
  await ctx.close();
});

const db = () => ctx.container.mongo;

interface Generic {
  ws: TestWorkspace;
  id: string;
  secret: string;
  url: string;
}

async function genericConnector(): Promise<Generic> {
  const ws = await createAnyTimeWorkspace(ctx, 'Acme');
  const res = await request(ctx.app)
    .post('/api/v1/connectors')
    .set(ws.auth)
    .send({
      provider: 'generic',
      name: 'In-house CRM',
      mapping: {
        id: 'ticket.id',
        'customer.email': 'ticket.requester.email',
        'customer.name': 'ticket.requester.name',
        'agent.name': 'ticket.assignee',
        'attributes.priority': 'ticket.priority',
      },
      when: { path: 'ticket.status', in: ['solved', 'closed'] },
      survey: { type: 'nps', channels: ['email'] },
    })
    .expect(201);
  return {
    ws,
    id: res.body.id,
    secret: res.body.secret,
    url: `/webhooks/connectors/${res.body.id}`,
  };
}

let tickets = 0;
function ticketBody(status = 'solved', id?: number): string {
  tickets += 1;
  return JSON.stringify({
    ticket: {
      id: id ?? 1000 + tickets,
      status,
      priority: 'high',
      assignee: 'Bruno',
      requester: { email: `customer${tickets}@example.com`, name: 'Alice Martin' },
    },
  });
}

const post = (c: Generic, body: string, headers: Record<string, string>) =>
  request(ctx.app).post(c.url).set(headers).send(body);

const deliveriesOf = (c: Generic) =>
  db()
    .collection('connector_deliveries')
    .find({ connectorId: new Types.ObjectId(c.id) })
    .toArray();
const interactionsOf = (c: Generic) =>
  db().collection('interactions').find({ workspaceId: c.ws.workspaceId }).toArray();

async function settled(c: Generic) {
  return waitFor(async () => {
    const rows = await deliveriesOf(c);
    return rows.length > 0 && rows.every((r) => r.outcome !== 'queued') ? rows : null;
  }, 'the connector jobs');
}

describe('POST /webhooks/connectors/:id (generic)', () => {
  it('when a signed close event arrives, then 202, one interaction and one invitation for it', async () => {
    const c = await genericConnector();
    const body = ticketBody('solved', 42);
    const res = await post(c, body, signGenericDelivery(c.secret, body)).expect(202);
    expect(res.body).toEqual({ accepted: true });

    const [delivery] = await settled(c);
    expect(delivery).toMatchObject({ outcome: 'accepted', externalId: '42' });
    const interactions = await interactionsOf(c);
    expect(interactions).toHaveLength(1);
    expect(interactions[0]).toMatchObject({
      externalId: 'generic:42',
      type: 'ticket.solved',
      customer: { name: 'Alice Martin' },
      attributes: { priority: 'high' },
    });
    expect(String(interactions[0]!._id)).toBe(delivery!.interactionId);
    const invitations = await db()
      .collection('invitations')
      .find({ interactionId: interactions[0]!._id })
      .toArray();
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({ channel: 'email' });
  });

  it('when the same delivery arrives five times, then one interaction, and the repeats answer duplicate', async () => {
    const c = await genericConnector();
    const body = ticketBody();
    const headers = signGenericDelivery(c.secret, body, { deliveryId: 'evt-1' });
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push((await post(c, body, headers)).body);
    expect(answers[0]).toEqual({ accepted: true });
    expect(answers.slice(1)).toEqual(Array(4).fill({ duplicate: true }));

    const rows = await settled(c);
    const original = rows.find((r) => r.outcome === 'accepted')!;
    expect(rows.filter((r) => r.outcome === 'duplicate')).toHaveLength(4);
    expect(
      rows
        .filter((r) => r.outcome === 'duplicate')
        .every((r) => String(r.duplicateOf) === String(original._id)),
    ).toBe(true);
    expect(await interactionsOf(c)).toHaveLength(1);
  });

  it('when five deliveries of the same ticket arrive at once without a delivery id, then one interaction', async () => {
    const c = await genericConnector();
    const body = ticketBody();
    const answers = await Promise.all(
      [0, 1, 2, 3, 4].map(() =>
        post(c, body, signGenericDelivery(c.secret, body, { deliveryId: null })),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 202]);
    await settled(c);
    expect(await interactionsOf(c)).toHaveLength(1);
  });

  it.each([
    [
      'a tampered body',
      (c: Generic, body: string) => ({
        body: body.replace('solved', 'closed'),
        headers: signGenericDelivery(c.secret, body),
      }),
    ],
    [
      'a wrong secret',
      (_c: Generic, body: string) => ({
        body,
        headers: signGenericDelivery('whsec_not-the-secret', body),
      }),
    ],
    [
      'a timestamp six minutes old',
      (c: Generic, body: string) => ({
        body,
        headers: signGenericDelivery(c.secret, body, { at: new Date(Date.now() - 6 * 60_000) }),
      }),
    ],
    [
      'no signature',
      (_c: Generic, body: string) => ({ body, headers: { 'Content-Type': 'application/json' } }),
    ],
  ])(
    'when a delivery comes with %s, then 401 problem+json and nothing is stored',
    async (_what, make) => {
      const c = await genericConnector();
      const { body, headers } = make(c, ticketBody());
      const res = await post(c, body, headers).expect(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(await deliveriesOf(c)).toHaveLength(0);
      expect(await interactionsOf(c)).toHaveLength(0);
    },
  );

  it("when an event does not match the connector's when, then 200 ignored with the reason, logged, no interaction", async () => {
    const c = await genericConnector();
    const body = ticketBody('open');
    const res = await post(c, body, signGenericDelivery(c.secret, body)).expect(200);
    expect(res.body).toEqual({ ignored: 'ticket.status is "open", not "solved" or "closed"' });
    const rows = await deliveriesOf(c);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'ignored', body: null });
    expect(await interactionsOf(c)).toHaveLength(0);
  });

  it('when a signed body is not JSON or lacks the mapped id, then 400 problem+json and nothing is stored', async () => {
    const c = await genericConnector();
    for (const body of ['not json', JSON.stringify({ ticket: { status: 'solved' } })]) {
      const res = await post(c, body, signGenericDelivery(c.secret, body)).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await deliveriesOf(c)).toHaveLength(0);
  });

  it('when the mapped payload is not a valid interaction, then the delivery is rejected with the reason', async () => {
    const c = await genericConnector();
    const body = JSON.stringify({
      ticket: { id: 7, status: 'closed', requester: { email: 'nope' } },
    });
    await post(c, body, signGenericDelivery(c.secret, body)).expect(202);
    const [row] = await settled(c);
    expect(row).toMatchObject({ outcome: 'rejected' });
    expect(row!.reason).toMatch(/customer\.email/);
    expect(await interactionsOf(c)).toHaveLength(0);
  });

  it('when the connector is unknown or deleted, then 404', async () => {
    const c = await genericConnector();
    const body = ticketBody();
    await post(
      { ...c, url: `/webhooks/connectors/${new Types.ObjectId()}` },
      body,
      signGenericDelivery(c.secret, body),
    ).expect(404);
    await post(
      { ...c, url: '/webhooks/connectors/not-an-id' },
      body,
      signGenericDelivery(c.secret, body),
    ).expect(404);
    await request(ctx.app).delete(`/api/v1/connectors/${c.id}`).set(c.ws.auth).expect(204);
    await post(c, body, signGenericDelivery(c.secret, body)).expect(404);
  });

  it('when a body is over 1 MB, then 413 problem+json and nothing is stored', async () => {
    const c = await genericConnector();
    const body = JSON.stringify({
      ticket: { id: 1, status: 'solved', pad: 'x'.repeat(1024 * 1024) },
    });
    const res = await post(c, body, signGenericDelivery(c.secret, body)).expect(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toMatch(/1 MB/);
    expect(await deliveriesOf(c)).toHaveLength(0);
  });

  it('when deliveries are listed, then newest first with outcome, ids and reasons, a page at a time', async () => {
    const c = await genericConnector();
    const accepted = ticketBody('solved', 501);
    const evt = { deliveryId: 'evt-501' };
    await post(c, accepted, signGenericDelivery(c.secret, accepted, evt)).expect(202);
    await settled(c);
    const ignored = ticketBody('pending');
    await post(c, ignored, signGenericDelivery(c.secret, ignored)).expect(200);
    await post(c, accepted, signGenericDelivery(c.secret, accepted, evt)).expect(200);
    await settled(c);

    const list = (q = '') =>
      request(ctx.app).get(`/api/v1/connectors/${c.id}/deliveries${q}`).set(c.ws.auth).expect(200);
    const all = (await list()).body.deliveries;
    expect(all).toHaveLength(3);
    const times = all.map((d: { receivedAt: string }) => Date.parse(d.receivedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const first = all.find((d: { outcome: string }) => d.outcome === 'accepted');
    expect(first).toMatchObject({
      externalId: '501',
      event: 'ticket.status="solved"',
      reason: null,
      writeBack: [],
    });
    expect(first.interactionId).toMatch(/^[0-9a-f]{24}$/);
    expect(all.find((d: { outcome: string }) => d.outcome === 'ignored').reason).toMatch(
      /"pending"/,
    );
    expect(all.find((d: { outcome: string }) => d.outcome === 'duplicate')).toMatchObject({
      externalId: '501',
      duplicateOf: first.id,
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { deliveries: { id: string }[]; nextCursor: string | null } = (
        await list(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).body;
      expect(page.deliveries.length).toBeLessThanOrEqual(1);
      seen.push(...page.deliveries.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((d: { id: string }) => d.id));
  });
});
