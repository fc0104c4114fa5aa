import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PermanentSendError,
  TransientSendError,
  type OutgoingMessage,
} from '../../src/channels/channel';
import { createChatWebhookAdapter } from '../../src/channels/chat-webhook.adapter';
import { verifyWebhookSignature } from '../../src/channels/webhook-signature';
import { createOutboundClient } from '../../src/shared/outbound';

const SECRET = 'chat-signing-secret';
const LINK = 'http://retour.test/s/tok123';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = (res: ServerResponse) => void;

/** A chat platform's receiving end: records requests and answers as the test says. */
async function startReceiver() {
  const received: Received[] = [];
  let answer: Answer = (res) => res.writeHead(204).end();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/retour`,
    received,
    answerWith(next: Answer) {
      answer = next;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('Chat webhook adapter', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  // The receiver listens on 127.0.0.1, which only an allow-listed host name may reach.
  const adapter = createChatWebhookAdapter({
    outbound: createOutboundClient({ allowHosts: ['127.0.0.1'] }),
    timeoutMs: 300,
  });

  const message = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
    channel: 'chat',
    to: receiver.url,
    text: `How did we do? ${LINK}`,
    link: LINK,
    signingSecret: SECRET,
    meta: { workspaceId: 'w1', invitationId: 'inv42', surveyType: 'csat', locale: 'en' },
    ...overrides,
  });

  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(() => receiver.close());

  test('when posted, then the receiver gets the signed invitation and a delivery id', async () => {
    const result = await adapter.send(message());

    expect(receiver.received).toHaveLength(1);
    const [{ headers, body }] = receiver.received as [Received];
    expect(JSON.parse(body)).toEqual({
      type: 'survey.invitation',
      invitationId: 'inv42',
      workspaceId: 'w1',
      surveyType: 'csat',
      locale: 'en',
      text: `How did we do? ${LINK}`,
      link: LINK,
    });
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-retour-delivery']).toBe('inv42');
    const signature = headers['x-retour-signature'] as string;
    const timestamp = headers['x-retour-timestamp'] as string;
    expect(verifyWebhookSignature(SECRET, signature, timestamp, body)).toBe(true);
    expect(result.providerId).toBe('inv42');
  });

  test('when the receiver answers JSON with an id, then that id is the provider id', async () => {
    receiver.answerWith((res) =>
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":"msg-981"}'),
    );

    await expect(adapter.send(message())).resolves.toEqual({ providerId: 'msg-981' });
  });

  test.each([500, 503, 429, 408])(
    'when the receiver answers %i, then the error is transient',
    async (status) => {
      receiver.answerWith((res) => res.writeHead(status, { 'Retry-After': '7' }).end());

      const err = await adapter.send(message()).catch((e: unknown) => e);

      expect(err).toBeInstanceOf(TransientSendError);
      expect(err).toMatchObject({ code: status, retryAfterMs: 7000 });
    },
  );

  test.each([400, 404, 410, 301])(
    'when the receiver answers %i, then the error is permanent',
    async (status) => {
      receiver.answerWith((res) =>
        res.writeHead(status, { Location: 'http://elsewhere.test/' }).end(),
      );

      await expect(adapter.send(message())).rejects.toBeInstanceOf(PermanentSendError);
    },
  );

  test('when the receiver does not answer in time, then the error is transient', async () => {
    receiver.answerWith(() => undefined);

    await expect(adapter.send(message())).rejects.toBeInstanceOf(TransientSendError);
  });

  test('when nobody listens, then the error is transient', async () => {
    const url = receiver.url;
    await receiver.close();

    await expect(adapter.send(message({ to: url }))).rejects.toBeInstanceOf(TransientSendError);
    receiver = await startReceiver();
  });

  test.each([
    ['the URL is not http(s)', { to: 'ftp://chat.test/hook' }],
    ['there is no signing secret', { signingSecret: undefined }],
  ])('when %s, then the error is permanent and nothing is posted', async (_case, overrides) => {
    await expect(adapter.send(message(overrides))).rejects.toBeInstanceOf(PermanentSendError);
    expect(receiver.received).toHaveLength(0);
  });

  test('when the URL is an internal address nobody allowed, then the error is permanent and nothing is posted', async () => {
    const strict = createChatWebhookAdapter({ outbound: createOutboundClient({ allowHosts: [] }) });
    const port = new URL(receiver.url).port;

    for (const to of [receiver.url, `http://localhost:${port}/hooks/retour`]) {
      const err = await strict.send(message({ to })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PermanentSendError);
      expect(err).toMatchObject({ code: 'blocked_address' });
    }
    expect(receiver.received).toHaveLength(0);
  });
});
