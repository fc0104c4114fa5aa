import {
  PermanentSendError,
  TransientSendError,
  type OutgoingMessage,
} from '../../src/channels/channel';
import { createTwilioAdapter } from '../../src/channels/twilio.adapter';
import { createTwilioClient, type TwilioClient } from '../../src/channels/twilio-http-client';
import { startFakeTwilio, type FakeTwilio } from '../support/fake-twilio';

const LINK = 'http://retour.test/s/tok123';

function smsTo(to: string, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    channel: 'sms',
    to,
    text: `Acme: how likely are you to recommend us? ${LINK}`,
    link: LINK,
    statusCallback: 'http://retour.test/webhooks/twilio/status',
    meta: { workspaceId: 'w1', invitationId: 'i1', surveyType: 'nps', locale: 'en' },
    ...overrides,
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

describe('Twilio adapter against the fake Twilio API', () => {
  let fake: FakeTwilio;
  let client: TwilioClient;

  beforeAll(async () => {
    fake = await startFakeTwilio();
    client = createTwilioClient({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      apiUrl: fake.url,
    });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  test('when an SMS is sent, then Twilio receives To, From, Body and StatusCallback', async () => {
    const sms = createTwilioAdapter('sms', { client, from: '+15005550006' });

    const result = await sms.send(smsTo('+33612345678'));

    expect(fake.messages).toHaveLength(1);
    const [received] = fake.messages;
    expect(received).toMatchObject({
      to: '+33612345678',
      from: '+15005550006',
      body: expect.stringContaining(LINK),
      statusCallback: 'http://retour.test/webhooks/twilio/status',
    });
    expect(result.providerId).toBe(received!.sid);
    expect(result.providerId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(result).toMatchObject({ segments: 1, encoding: 'GSM-7' });
  });

  test('when only a messaging service is configured, then it is used instead of From', async () => {
    const sms = createTwilioAdapter('sms', { client, messagingServiceSid: 'MG123' });

    await sms.send(smsTo('+33612345678'));

    expect(fake.messages[0]).toMatchObject({ messagingServiceSid: 'MG123', from: undefined });
  });

  test('when a WhatsApp message is sent, then both addresses carry the whatsapp: prefix', async () => {
    const whatsapp = createTwilioAdapter('whatsapp', {
      client,
      from: '+15005550006',
      whatsappFrom: '+14155238886',
    });

    await whatsapp.send(smsTo('+33612345678', { channel: 'whatsapp' }));

    expect(fake.messages[0]).toMatchObject({
      to: 'whatsapp:+33612345678',
      from: 'whatsapp:+14155238886',
    });
  });

  test('when no sender is configured, then sending fails permanently without calling Twilio', async () => {
    const whatsapp = createTwilioAdapter('whatsapp', { client, from: '+15005550006' });

    const err = await rejectionOf(whatsapp.send(smsTo('+33612345678', { channel: 'whatsapp' })));

    expect(err).toBeInstanceOf(PermanentSendError);
    expect(fake.postCount()).toBe(0);
  });

  test('when Twilio answers 429 with Retry-After, then the error is transient and carries the delay', async () => {
    const sms = createTwilioAdapter('sms', { client, from: '+15005550006' });
    fake.failNext(1, { status: 429, code: 20429, message: 'Too Many Requests', retryAfter: 3 });

    const err = await rejectionOf(sms.send(smsTo('+33612345678')));

    expect(err).toBeInstanceOf(TransientSendError);
    expect(err).toMatchObject({ code: 20429, retryAfterMs: 3000 });
    expect(fake.messages).toHaveLength(0);
    await sms.send(smsTo('+33612345678'));
    expect(fake.messages).toHaveLength(1);
  });

  test('when Twilio answers 503, then the error is transient', async () => {
    const sms = createTwilioAdapter('sms', { client, from: '+15005550006' });
    fake.failNext(1, { status: 503, code: 20503, message: 'Service Unavailable' });

    await expect(sms.send(smsTo('+33612345678'))).rejects.toBeInstanceOf(TransientSendError);
  });

  test('when Twilio answers 400 with a code known as passing (63018, WhatsApp rate limit), then the error is transient', async () => {
    const wa = createTwilioAdapter('whatsapp', { client, whatsappFrom: '+15005550006' });
    fake.failNext(1, { status: 400, code: 63018, message: 'Rate limit exceeded' });

    await expect(wa.send(smsTo('+33612345678'))).rejects.toMatchObject({
      name: 'TransientSendError',
      code: 63018,
    });
  });

  test('when the recipient unsubscribed (21610), then the error is permanent and says opted out', async () => {
    const sms = createTwilioAdapter('sms', { client, from: '+15005550006' });
    fake.failNext(1, {
      status: 400,
      code: 21610,
      message: 'Attempt to send to unsubscribed recipient',
    });

    const err = await rejectionOf(sms.send(smsTo('+33612345678')));

    expect(err).toBeInstanceOf(PermanentSendError);
    expect(err).toMatchObject({ code: 21610, optedOut: true });
  });

  test('when the number is invalid (21211), then the error is permanent, not an opt-out', async () => {
    const sms = createTwilioAdapter('sms', { client, from: '+15005550006' });
    fake.failNext(1, { status: 400, code: 21211, message: "Invalid 'To' Phone Number" });

    const err = await rejectionOf(sms.send(smsTo('+33612345678')));

    expect(err).toBeInstanceOf(PermanentSendError);
    expect(err).toMatchObject({ code: 21211, optedOut: false });
  });

  test('when Twilio cannot be reached, then the error is transient', async () => {
    const closed = await startFakeTwilio();
    await closed.close();
    const unreachable = createTwilioClient({
      accountSid: closed.accountSid,
      authToken: closed.authToken,
      apiUrl: closed.url,
    });
    const sms = createTwilioAdapter('sms', { client: unreachable, from: '+15005550006' });

    await expect(sms.send(smsTo('+33612345678'))).rejects.toBeInstanceOf(TransientSendError);
  });

  test('when Twilio answers too slowly, then the timeout is a transient error', async () => {
    const slow = createTwilioClient({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      apiUrl: fake.url,
      timeoutMs: 200,
    });
    const sms = createTwilioAdapter('sms', { client: slow, from: '+15005550006' });
    const hold = fake.holdNext();

    const err = await rejectionOf(sms.send(smsTo('+33612345678')));
    hold.release();

    expect(err).toBeInstanceOf(TransientSendError);
    // Twilio took the message even though its answer never arrived: the case findSent exists for.
    expect(fake.messages).toHaveLength(1);
  });

  test('when a message with the link went out, then findSent returns its sid', async () => {
    const sms = createTwilioAdapter('sms', { client, from: '+15005550006' });
    const since = new Date();
    await sms.send(
      smsTo('+33612345678', { text: 'Other survey http://retour.test/s/other', link: 'x' }),
    );
    const { providerId } = await sms.send(smsTo('+33612345678'));

    await expect(sms.findSent!('+33612345678', LINK, since)).resolves.toBe(providerId);
    await expect(sms.findSent!('+33699999999', LINK, since)).resolves.toBeNull();
    await expect(
      sms.findSent!('+33612345678', 'http://retour.test/s/never', since),
    ).resolves.toBeNull();
  });

  test('when looking for a WhatsApp send, then the prefixed address is searched', async () => {
    const whatsapp = createTwilioAdapter('whatsapp', { client, whatsappFrom: '+14155238886' });
    const { providerId } = await whatsapp.send(smsTo('+33612345678', { channel: 'whatsapp' }));

    await expect(
      whatsapp.findSent!('+33612345678', LINK, new Date(Date.now() - 1000)),
    ).resolves.toBe(providerId);
  });
});
