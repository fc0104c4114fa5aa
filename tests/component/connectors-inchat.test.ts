import { createTestConnector, type TestConnector } from '../support/connectors/test-connector';
import { buildProcessors } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/run-workers';
import { dispatchQueueName } from '../../src/shared/queues';
import { postDelivery } from '../support/connectors/delivery';
import {
  acmeChatwootAccount,
  startChatwootApi,
  type ChatwootApi,
} from '../support/connectors/chatwoot-api';
import {
  CHATWOOT_WEBHOOK_SECRET,
  chatwootConversation,
  chatwootDelivery,
} from '../support/connectors/chatwoot-webhooks';
import {
  acmeIntercomAccount,
  startIntercomApi,
  type IntercomApi,
} from '../support/connectors/intercom-api';
import {
  INTERCOM_CLIENT_SECRET,
  intercomConversation,
  intercomDelivery,
} from '../support/connectors/intercom-webhooks';
import { startTestContext, type TestContext } from '../support/harness';
import { waitFor } from '../support/wait-for';

let ctx: TestContext;
let workers: RunningWorkers;
let intercom: IntercomApi;
let chatwoot: ChatwootApi;

const WAIT_MS = 30_000;
const nowSeconds = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  ctx = await startTestContext('connectors-inchat');
  workers = startWorkers(ctx.container, buildProcessors(ctx.container));
  intercom = await startIntercomApi(acmeIntercomAccount('en'));
  chatwoot = await startChatwootApi(acmeChatwootAccount());
});
afterAll(async () => {
  await workers.close();
  await ctx.close();
  await Promise.all([intercom.close(), chatwoot.close()]);
});

const db = () => ctx.container.mongo;

/** The one invitation of the interaction the connector recorded, with its survey link. */
async function recorded(c: TestConnector): Promise<{ id: string; url: string }> {
  const interaction = await waitFor(
    () =>
      db()
        .collection('interactions')
        .findOne({ workspaceId: c.ws.workspaceId, result: { $ne: null } }),
    'the interaction',
    WAIT_MS,
  );
  return (interaction.result as { invitations: { id: string; url: string }[] }).invitations[0]!;
}

const invitationOnceIn = (c: TestConnector, statuses: string[]) =>
  waitFor(
    () =>
      db()
        .collection('invitations')
        .findOne({ workspaceId: c.ws.workspaceId, status: { $in: statuses } }),
    `an invitation ${statuses.join(' or ')}`,
    WAIT_MS,
  );

const intercomConnector = (survey: Record<string, unknown>, api: boolean): Promise<TestConnector> =>
  createTestConnector(ctx, {
    provider: 'intercom',
    signingSecret: INTERCOM_CLIENT_SECRET,
    survey,
    ...(api ? { api: { baseUrl: intercom.baseUrl, token: intercom.token } } : {}),
  });

/** Closed just now: the fixture's January close would have the link expire at once. */
async function intercomClosed(c: TestConnector, id: string): Promise<void> {
  const item = intercomConversation({ id, updated_at: nowSeconds() });
  (item.statistics as Record<string, unknown>).last_close_at = nowSeconds();
  await postDelivery(ctx.app, c.url, intercomDelivery({ item })).expect(202);
}

describe('in-chat delivery', () => {
  it('when an Intercom conversation closes with a chat survey, then the survey link is one public reply in that conversation and the invitation is sent with its part id', async () => {
    const c = await intercomConnector({ type: 'nps', channels: ['chat'] }, true);
    await intercomClosed(c, '601');
    const { url } = await recorded(c);

    const inv = await invitationOnceIn(c, ['sent', 'failed', 'suppressed']);
    const replies = intercom.replies.filter((r) => r.conversationId === '601');
    expect(replies).toEqual([
      {
        conversationId: '601',
        messageType: 'comment',
        adminId: '991267715',
        body: `<p>How did we do? Tell us in one tap: ${url}</p>`,
      },
    ]);
    expect(inv).toMatchObject({ status: 'sent', channel: 'chat', to: 'intercom:601' });
    expect(inv.providerId).toMatch(/^310000\d\d$/);
  });

  it('when a Chatwoot conversation resolves with a chat survey, then the survey link is one public outgoing message there and the invitation is sent with its message id', async () => {
    const c = await createTestConnector(ctx, {
      provider: 'chatwoot',
      signingSecret: CHATWOOT_WEBHOOK_SECRET,
      survey: { type: 'nps', channels: ['chat'] },
      api: { baseUrl: chatwoot.baseUrl, token: chatwoot.token, accountId: chatwoot.accountId },
    });
    const delivery = chatwootDelivery({
      conversation: chatwootConversation({ id: 4401, updated_at: nowSeconds() }),
    });
    await postDelivery(ctx.app, c.url, delivery).expect(202);
    const { url } = await recorded(c);

    const inv = await invitationOnceIn(c, ['sent', 'failed', 'suppressed']);
    const messages = chatwoot.messages.filter((m) => m.conversationId === '4401');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ private: false, messageType: 'outgoing' });
    expect(messages[0]!.content).toContain(url);
    expect(inv).toMatchObject({ status: 'sent', channel: 'chat', to: 'chatwoot:4401' });
    expect(inv.providerId).toBe(String(chatwoot.messages.indexOf(messages[0]!) + 1));
  });

  it('when Chatwoot answers the message with 429 once, then the send is retried and the conversation still gets exactly one public message', async () => {
    const c = await createTestConnector(ctx, {
      provider: 'chatwoot',
      signingSecret: CHATWOOT_WEBHOOK_SECRET,
      survey: { type: 'nps', channels: ['chat'] },
      api: { baseUrl: chatwoot.baseUrl, token: chatwoot.token, accountId: chatwoot.accountId },
    });
    chatwoot.rateLimitNext(/\/conversations\/4402\/messages$/, 1, { error: 'Too many requests' });
    const delivery = chatwootDelivery({
      conversation: chatwootConversation({ id: 4402, updated_at: nowSeconds() }),
    });
    await postDelivery(ctx.app, c.url, delivery).expect(202);
    await recorded(c);

    const inv = await invitationOnceIn(c, ['sent', 'failed', 'suppressed']);
    expect(inv).toMatchObject({ status: 'sent', channel: 'chat', to: 'chatwoot:4402' });
    const posts = chatwoot.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/conversations/4402/messages'),
    );
    expect(posts).toHaveLength(2);
    expect(chatwoot.messages.filter((m) => m.conversationId === '4402')).toHaveLength(1);
  });

  it('when Intercom refuses the reply (a revoked token, 401), then the invitation fails as provider_401 and is not retried', async () => {
    const c = await createTestConnector(ctx, {
      provider: 'intercom',
      signingSecret: INTERCOM_CLIENT_SECRET,
      survey: { type: 'nps', channels: ['chat'] },
      api: {
        baseUrl: intercom.baseUrl,
        token: 'revoked-intercom-token-000',
        accountId: '991267715',
      },
    });
    await intercomClosed(c, '605');
    await recorded(c);

    const inv = await invitationOnceIn(c, ['failed', 'sent', 'suppressed']);
    expect(inv).toMatchObject({ status: 'failed', reason: 'provider_401' });
    const posts = intercom.requests.filter(
      (r) => r.method === 'POST' && r.path === '/conversations/605/reply',
    );
    expect(posts).toHaveLength(1);
    expect(intercom.replies.filter((r) => r.conversationId === '605')).toEqual([]);
  });

  it('when the Intercom connector has no API token and no chat webhook is set, then a chat-only invitation is suppressed as no_address and nothing is posted', async () => {
    const c = await intercomConnector({ type: 'nps', channels: ['chat'] }, false);
    await intercomClosed(c, '602');
    await recorded(c);

    const inv = await invitationOnceIn(c, ['suppressed', 'scheduled', 'sent', 'failed']);
    expect(inv).toMatchObject({ status: 'suppressed', reason: 'no_address', channel: null });
    expect(inv.history[0].detail).toBe('chat: no_address');
    expect(intercom.replies.filter((r) => r.conversationId === '602')).toEqual([]);
  });

  it('when the Intercom connector has no API token but the survey lists link after chat, then it falls back to the link', async () => {
    const c = await intercomConnector({ type: 'nps', channels: ['chat', 'link'] }, false);
    await intercomClosed(c, '603');
    await recorded(c);

    const inv = await invitationOnceIn(c, ['sent', 'suppressed', 'failed']);
    expect(inv).toMatchObject({ status: 'sent', channel: 'link' });
    expect(intercom.replies.filter((r) => r.conversationId === '603')).toEqual([]);
  });

  it('when a worker died after claiming the in-chat send, then the retry does not post a second reply', async () => {
    const c = await intercomConnector({ type: 'nps', channels: ['chat'], delay: 'PT1H' }, true);
    await intercomClosed(c, '604');
    const { id } = await recorded(c);
    const scheduled = await invitationOnceIn(c, ['scheduled']);
    expect(scheduled).toMatchObject({ channel: 'chat', to: 'intercom:604' });

    // As a worker that crashed a minute ago leaves it (its job's lock has long expired):
    // claimed, the provider's answer never recorded.
    await db()
      .collection('invitations')
      .updateOne(
        { _id: scheduled._id },
        { $set: { status: 'sending', sendingAt: new Date(Date.now() - 60_000) } },
      );
    const job = await ctx.container.queues[dispatchQueueName('chat')].getJob(id);
    await job!.promote();

    const inv = await invitationOnceIn(c, ['failed', 'sent']);
    expect(inv).toMatchObject({ status: 'failed', reason: 'send_outcome_unknown' });
    expect(intercom.replies.filter((r) => r.conversationId === '604')).toEqual([]);
  });
});
