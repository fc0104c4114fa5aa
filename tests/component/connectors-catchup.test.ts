import { Job } from 'bullmq';
import { Types } from 'mongoose';
import pino from 'pino';
import request from 'supertest';
import { CATCH_UP_MAX_PAGES, CATCH_UP_SCHEDULER_ID } from '../../src/connectors/catch-up';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import {
  startChatwootApi,
  type ChatwootApi,
  type ChatwootConversations,
} from '../support/connectors/chatwoot-api';
import {
  CHATWOOT_WEBHOOK_SECRET,
  chatwootConversation,
  chatwootDelivery,
} from '../support/connectors/chatwoot-webhooks';
import { postDelivery } from '../support/connectors/delivery';
import {
  createAnyTimeWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { waitFor } from '../support/wait-for';

const TOKEN = 'chatwoot-user-access-token-xyz';
const EVERY_MS = 120_000;

let ctx: TestContext;
let workers: RunningWorkers;
const logLines: string[] = [];

beforeAll(async () => {
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  ctx = await startTestContext(
    'connectors-catchup',
    { CONNECTOR_CATCHUP_MS: String(EVERY_MS) },
    { logger },
  );
  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
});
afterAll(async () => {
  await workers.close();
  await ctx.close();
});

const db = () => ctx.container.mongo;
const catchUp = () => ctx.container.services.connectorCatchUp;
const queue = () => ctx.container.queues['connector-catchup'];

/** Each test gets its own Chatwoot account (a fake of its API) and connector. */
interface Setup {
  ws: TestWorkspace;
  id: string;
  url: string;
  chatwoot: ChatwootApi;
  conversations: ChatwootConversations;
  /** Unix seconds of the connector's creation: where its catch-up starts. */
  createdAt: number;
}
let open: Setup[] = [];
afterEach(async () => {
  // A deleted connector is left out of later runs, so each test sees its own only.
  for (const s of open) {
    await request(ctx.app).delete(`/api/v1/connectors/${s.id}`).set(s.ws.auth).expect(204);
    await s.chatwoot.close();
  }
  open = [];
});

async function setup(token = TOKEN): Promise<Setup> {
  const conversations: ChatwootConversations = { items: [], perPage: 2 };
  const chatwoot = await startChatwootApi({
    token: TOKEN,
    accountId: '1',
    agents: [],
    inboxes: [],
    conversations,
  });
  const ws = await createAnyTimeWorkspace(ctx, 'Acme');
  const res = await request(ctx.app)
    .post('/api/v1/connectors')
    .set(ws.auth)
    .send({
      provider: 'chatwoot',
      name: 'Chatwoot',
      signingSecret: CHATWOOT_WEBHOOK_SECRET,
      api: { baseUrl: chatwoot.baseUrl, token, accountId: '1' },
      survey: { type: 'csat', channels: ['email'] },
    })
    .expect(201);
  const s: Setup = {
    ws,
    id: res.body.id,
    url: `/webhooks/connectors/${res.body.id}`,
    chatwoot,
    conversations,
    createdAt: Math.floor(Date.parse(res.body.createdAt) / 1000),
  };
  open.push(s);
  return s;
}

/**
 * A conversation as the conversations list gives it: the webhook's shape, with the assignee
 * from the agent partial (which has an email and no `type`).
 */
function listed(id: number, lastActivityAt: number, status = 'resolved') {
  const base = chatwootConversation();
  return chatwootConversation({
    id,
    status,
    last_activity_at: lastActivityAt,
    timestamp: lastActivityAt,
    updated_at: lastActivityAt + 0.25,
    meta: {
      ...(base.meta as Record<string, unknown>),
      sender: {
        ...((base.meta as Record<string, unknown>).sender as Record<string, unknown>),
        email: `customer-${id}@example.com`,
      },
      assignee: {
        id: 2,
        account_id: 1,
        availability_status: 'online',
        email: 'ben@acme.test',
        available_name: 'Ben',
        name: 'Benjamin Martin',
        role: 'agent',
        thumbnail: '',
      },
    },
  });
}

const rowsOf = (s: Setup) =>
  db()
    .collection('connector_deliveries')
    .find({ connectorId: new Types.ObjectId(s.id) })
    .toArray();

/** The connector's log once no delivery is waiting for its job. */
const settled = (s: Setup, count: number) =>
  waitFor(
    async () => {
      const rows = await rowsOf(s);
      return rows.length === count && rows.every((r) => r.outcome !== 'queued') ? rows : null;
    },
    `${count} settled deliveries`,
    30_000,
  );

const interactionsOf = (s: Setup) =>
  db().collection('interactions').find({ workspaceId: s.ws.workspaceId }).toArray();
const invitationsOf = (s: Setup) =>
  db().collection('invitations').find({ workspaceId: s.ws.workspaceId }).toArray();
const stateOf = (s: Setup) =>
  db()
    .collection('connector_catchup')
    .findOne({ workspaceId: s.ws.workspaceId, connectorId: new Types.ObjectId(s.id) });
const outcomeOf = async (s: Setup) =>
  (await catchUp().runAll()).find((o) => o.connectorId === s.id);

describe('Chatwoot catch-up (conversations resolved while the webhook was missed)', () => {
  it('when two conversations were resolved while the webhook was down, then one run (through the workers) records two interactions and two surveys, and another run nothing new', async () => {
    const s = await setup();
    s.conversations.items.push(
      listed(41, s.createdAt + 5),
      listed(42, s.createdAt + 3),
      listed(43, s.createdAt + 4, 'open'),
      // Resolved long before the connector existed: never surveyed.
      listed(40, s.createdAt - 3600),
    );

    const job = await catchUp().trigger();
    const done = await waitFor(
      async () => ((await job.isCompleted()) ? Job.fromId(queue(), job.id!) : null),
      'the catch-up job',
      30_000,
    );
    expect(done.returnvalue).toContainEqual({
      connectorId: s.id,
      workspaceId: String(s.ws.workspaceId),
      queued: 2,
      known: 0,
      pages: 2,
      error: null,
    });
    const lists = s.chatwoot.requests.filter((r) => r.path.includes('/conversations'));
    expect(lists.map((r) => r.path)).toEqual([
      '/api/v1/accounts/1/conversations?status=resolved&sort_by=last_activity_at_desc&page=1',
      '/api/v1/accounts/1/conversations?status=resolved&sort_by=last_activity_at_desc&page=2',
    ]);
    expect(lists[0]!.headers.api_access_token).toBe(TOKEN);

    const rows = await settled(s, 2);
    expect(rows.map((r) => [r.externalId, r.event, r.outcome]).sort()).toEqual([
      ['41', 'catch-up', 'accepted'],
      ['42', 'catch-up', 'accepted'],
    ]);
    // The webhook path's fallback key (no X-Chatwoot-Delivery): id, status, update time.
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual([
      `41:resolved:${s.createdAt + 5.25}`,
      `42:resolved:${s.createdAt + 3.25}`,
    ]);
    const interactions = await interactionsOf(s);
    expect(interactions.map((i) => i.externalId).sort()).toEqual(['chatwoot:41', 'chatwoot:42']);
    expect(interactions.find((i) => i.externalId === 'chatwoot:41')).toMatchObject({
      type: 'conversation.closed',
      customer: { email: 'customer-41@example.com' },
      team: 'Support',
    });
    expect(await invitationsOf(s)).toHaveLength(2);
    expect(await stateOf(s)).toMatchObject({ until: s.createdAt + 5, lastError: null });

    expect(await outcomeOf(s)).toMatchObject({ queued: 0, known: 2, error: null });
    expect(await rowsOf(s)).toHaveLength(2);
    expect(await interactionsOf(s)).toHaveLength(2);
    expect(await invitationsOf(s)).toHaveLength(2);
  });

  it('when a conversation already came by webhook, then the catch-up leaves it alone and it is one interaction', async () => {
    const s = await setup();
    const both = listed(51, s.createdAt + 2);
    await postDelivery(ctx.app, s.url, chatwootDelivery({ conversation: both })).expect(202);
    await settled(s, 1);
    s.conversations.items.push(both, listed(52, s.createdAt + 3));

    expect(await outcomeOf(s)).toMatchObject({ queued: 1, known: 1, error: null });
    const rows = await settled(s, 2);
    expect(rows.map((r) => [r.externalId, r.event]).sort()).toEqual([
      ['51', 'conversation_status_changed'],
      ['52', 'catch-up'],
    ]);
    expect((await interactionsOf(s)).map((i) => i.externalId).sort()).toEqual([
      'chatwoot:51',
      'chatwoot:52',
    ]);
    expect(await invitationsOf(s)).toHaveLength(2);
  });

  it('when the webhook arrives after the catch-up took the conversation, then its delivery is logged and still makes no second interaction or survey', async () => {
    const s = await setup();
    const late = listed(53, s.createdAt + 2);
    s.conversations.items.push(late);
    expect(await outcomeOf(s)).toMatchObject({ queued: 1, known: 0 });
    const [first] = await settled(s, 1);

    // X-Chatwoot-Delivery is a key the API never gives, so this is a new delivery in the log;
    // the interaction id chatwoot:53 is what keeps it one interaction.
    await postDelivery(ctx.app, s.url, chatwootDelivery({ conversation: late })).expect(202);
    const rows = await settled(s, 2);
    expect(rows.map((r) => [r.event, r.outcome, r.interactionId]).sort()).toEqual([
      ['catch-up', 'accepted', first!.interactionId],
      ['conversation_status_changed', 'accepted', first!.interactionId],
    ]);
    expect(await interactionsOf(s)).toHaveLength(1);
    expect(await invitationsOf(s)).toHaveLength(1);
  });

  it('when the API answers 401, then the run is logged, the watermark stays, and the run after the token is fixed catches up', async () => {
    const s = await setup('a-token-chatwoot-does-not-know');
    s.conversations.items.push(listed(61, s.createdAt + 2));

    expect(await outcomeOf(s)).toMatchObject({
      queued: 0,
      known: 0,
      error: 'chatwoot answered 401',
    });
    expect(await stateOf(s)).toMatchObject({
      until: s.createdAt,
      lastError: 'chatwoot answered 401',
    });
    const logged = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.connectorId === s.id && l.msg === 'chatwoot catch-up failed; watermark kept');
    expect(logged).toMatchObject({ level: 40, reason: 'chatwoot answered 401' });
    expect(await rowsOf(s)).toHaveLength(0);
    // Another failed run still keeps it.
    await outcomeOf(s);
    expect(await stateOf(s)).toMatchObject({ until: s.createdAt });

    await request(ctx.app)
      .patch(`/api/v1/connectors/${s.id}`)
      .set(s.ws.auth)
      .send({ api: { baseUrl: s.chatwoot.baseUrl, token: TOKEN, accountId: '1' } })
      .expect(200);
    expect(await outcomeOf(s)).toMatchObject({ queued: 1, error: null });
    const [row] = await settled(s, 1);
    expect(row).toMatchObject({ externalId: '61', event: 'catch-up', outcome: 'accepted' });
    expect(await interactionsOf(s)).toHaveLength(1);
    expect(await stateOf(s)).toMatchObject({ until: s.createdAt + 2, lastError: null });
  });

  it('when more was missed than a run reads, then the run stops at its page bound, keeps the watermark and the next run goes on from there', async () => {
    const s = await setup();
    s.conversations.perPage = 1;
    const missed = CATCH_UP_MAX_PAGES + 2;
    for (let i = 0; i < missed; i += 1)
      s.conversations.items.push(listed(100 + i, s.createdAt + i));

    expect(await outcomeOf(s)).toMatchObject({
      queued: CATCH_UP_MAX_PAGES,
      pages: CATCH_UP_MAX_PAGES,
    });
    expect(await stateOf(s)).toMatchObject({
      until: s.createdAt,
      resumePage: CATCH_UP_MAX_PAGES + 1,
      resumeNewest: s.createdAt + missed - 1,
    });
    // Pages 21 and 22, then the empty page 23 ends the list.
    expect(await outcomeOf(s)).toMatchObject({ queued: 2, pages: 3, error: null });
    expect(await stateOf(s)).toMatchObject({
      until: s.createdAt + missed - 1,
      resumePage: null,
      resumeNewest: null,
    });
    await settled(s, missed);
    expect(await interactionsOf(s)).toHaveLength(missed);
    expect(await invitationsOf(s)).toHaveLength(missed);
  });

  it('when the API answers 429, then the run records nothing, keeps the watermark, and the next run catches up', async () => {
    const s = await setup();
    s.conversations.items.push(listed(71, s.createdAt + 1));
    s.chatwoot.rateLimitNext(/\/conversations\?/, 30, { error: 'Too many requests' });

    expect(await outcomeOf(s)).toMatchObject({ queued: 0, error: 'chatwoot answered 429' });
    expect(await stateOf(s)).toMatchObject({
      until: s.createdAt,
      lastError: 'chatwoot answered 429',
    });
    expect(await outcomeOf(s)).toMatchObject({ queued: 1, error: null });
    await settled(s, 1);
    expect(await interactionsOf(s)).toHaveLength(1);
  });

  it('when one connector cannot be opened, then the others are still caught up', async () => {
    const broken = await setup();
    const s = await setup();
    s.conversations.items.push(listed(81, s.createdAt + 1));
    // A token encrypted under a key SECRETS_KEY no longer lists.
    await db()
      .collection('connectors')
      .updateOne(
        { _id: new Types.ObjectId(broken.id), workspaceId: broken.ws.workspaceId },
        { $set: { 'api.token': 'enc:v1:gone:AAAA:AAAA:AAAA' } },
      );

    const outcomes = await catchUp().runAll();
    expect(outcomes.find((o) => o.connectorId === broken.id)?.error).toEqual(expect.any(String));
    expect(outcomes.find((o) => o.connectorId === s.id)).toMatchObject({ queued: 1, error: null });
    await settled(s, 1);
    expect(await interactionsOf(s)).toHaveLength(1);
  });

  it('when the workers start, then the catch-up is scheduled every CONNECTOR_CATCHUP_MS and runs once right away', async () => {
    const s = await setup();
    s.conversations.items.push(listed(91, s.createdAt + 1));
    await catchUp().schedule();
    try {
      expect(await queue().getJobScheduler(CATCH_UP_SCHEDULER_ID)).toMatchObject({
        every: EVERY_MS,
        name: 'connector-catch-up',
      });
      const [row] = await settled(s, 1);
      expect(row).toMatchObject({ externalId: '91', event: 'catch-up', outcome: 'accepted' });
    } finally {
      await queue().removeJobScheduler(CATCH_UP_SCHEDULER_ID);
    }
    // Let the runs it started finish before the connector is deleted.
    await waitFor(async () => {
      const counts = await queue().getJobCounts('active', 'waiting');
      return (counts.active ?? 0) + (counts.waiting ?? 0) === 0;
    }, 'the catch-up runs');
  });
});
