import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  PermanentSendError,
  TransientSendError,
  type OutgoingMessage,
} from '../../src/channels/channel';
import { createEmailAdapter } from '../../src/channels/email.adapter';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

const LINK = 'http://retour.test/s/tok123';

function email(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    channel: 'email',
    to: 'alice@example.com',
    subject: 'Une question rapide, Alice ? — Acme',
    text: `Bonjour Alice, recommanderiez-vous Acme ? Répondez ici : ${LINK}`,
    html: `<p>Bonjour Alice, recommanderiez-vous Acme&nbsp;?</p><a href="${LINK}?score=10">10</a>`,
    headers: {
      'List-Unsubscribe': '<http://retour.test/u/tok123>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    link: LINK,
    meta: { workspaceId: 'w1', invitationId: 'inv42', surveyType: 'nps', locale: 'fr' },
    ...overrides,
  };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Email adapter over real SMTP', () => {
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterEach(() => sink.reset());
  afterAll(() => sink.close());

  const adapter = () =>
    createEmailAdapter({
      smtpUrl: sink.url,
      from: 'Acme <surveys@acme.test>',
      messageIdDomain: 'retour.test',
    });

  test('when an email is sent, then the sink receives text, html, subject and unsubscribe headers', async () => {
    const result = await adapter().send(email());

    expect(sink.messages).toHaveLength(1);
    const [mail] = sink.messages;
    expect(mail!.from).toBe('surveys@acme.test');
    expect(mail!.to).toEqual(['alice@example.com']);
    expect(mail!.subject).toBe('Une question rapide, Alice ? — Acme');
    expect(mail!.text).toContain(`Répondez ici : ${LINK}`);
    expect(mail!.html).toContain(`<a href="${LINK}?score=10">10</a>`);
    expect(mail!.headers['list-unsubscribe']).toBe('<http://retour.test/u/tok123>');
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail!.messageId).toBe('<invitation-inv42@retour.test>');
    expect(result.providerId).toBe('<invitation-inv42@retour.test>');
  });

  test('when the caller sets a Message-ID header, then it replaces the invitation one', async () => {
    const reminder = email({ headers: { 'Message-ID': '<reminder-inv42@retour.test>' } });

    const result = await adapter().send(reminder);

    expect(sink.messages[0]!.messageId).toBe('<reminder-inv42@retour.test>');
    expect(result.providerId).toBe('<reminder-inv42@retour.test>');
  });

  test('when the server answers 550 for the mailbox, then the error is permanent', async () => {
    sink.rejectNext(550, 'Mailbox unavailable');

    const err = await adapter()
      .send(email())
      .catch((e: unknown) => e);

    expect(err).toBeInstanceOf(PermanentSendError);
    expect(err).toMatchObject({ code: 550 });
    expect(sink.messages).toHaveLength(0);
  });

  test('when the server answers 451 after DATA, then the error is transient', async () => {
    sink.rejectNext(451, 'Try again later', 'data');

    const err = await adapter()
      .send(email())
      .catch((e: unknown) => e);

    expect(err).toBeInstanceOf(TransientSendError);
    expect(err).toMatchObject({ code: 451 });
  });

  test('when no SMTP server listens, then the error is transient', async () => {
    const port = await closedPort();
    const down = createEmailAdapter({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'a@acme.test' });

    await expect(down.send(email())).rejects.toBeInstanceOf(TransientSendError);
  });

  test('when asked whether an email went out, then it cannot tell', async () => {
    await expect(
      adapter().findSent!('alice@example.com', LINK, new Date()),
    ).resolves.toBeUndefined();
  });
});
