import pino from 'pino';
import { loadConfig } from '../../config';
import { buildChannelAdapters } from '../../src/channels/build-adapters';
import { PermanentSendError, type OutgoingMessage } from '../../src/channels/channel';
import { routeChannels } from '../../src/channels/channel-routes';
import { createDevOutbox } from '../../src/channels/dev-outbox';
import { createLinkAdapter } from '../../src/channels/link.adapter';
import { startFakeTwilio } from '../support/fake-twilio';

const silent = pino({ level: 'silent' });
const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'token' };
const PROD = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'x'.repeat(40),
  PUBLIC_URL: 'https://feedback.example.com',
  SECRETS_KEY: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
};

const sms: OutgoingMessage = {
  channel: 'sms',
  to: '+33612345678',
  text: 'Acme: how did we do? http://retour.test/s/tok1',
  link: 'http://retour.test/s/tok1',
  meta: { workspaceId: 'w1', invitationId: 'inv1', surveyType: 'nps', locale: 'en' },
};

describe('choosing channel adapters', () => {
  test.each([
    ['development, nothing configured', {}, { sms: 'dev-outbox', email: 'dev-outbox' }],
    ['development with Twilio', TWILIO, { sms: 'twilio', whatsapp: 'twilio' }],
    ['development with an SMTP server', { SMTP_URL: 'smtp://mail.test:587' }, { email: 'smtp' }],
    ['test, nothing configured', { NODE_ENV: 'test' }, { sms: 'dev-outbox', email: 'smtp' }],
    [
      'production without Twilio',
      PROD,
      { sms: 'not-configured', whatsapp: 'not-configured', email: 'smtp' },
    ],
    ['production with Twilio', { ...PROD, ...TWILIO }, { sms: 'twilio' }],
  ])('when %s, then the routes are as expected', (_case, env, expected) => {
    const routes = routeChannels(loadConfig(env as NodeJS.ProcessEnv));

    expect(routes).toMatchObject({ chat: 'webhook', link: 'link', ...expected });
  });

  test('when Twilio is configured with TWILIO_API_URL, then SMS reach that server', async () => {
    const fake = await startFakeTwilio();
    try {
      const config = loadConfig({
        TWILIO_ACCOUNT_SID: fake.accountSid,
        TWILIO_AUTH_TOKEN: fake.authToken,
        TWILIO_API_URL: fake.url,
        TWILIO_FROM: '+15005550006',
      });

      const adapters = buildChannelAdapters(config, silent);
      const result = await adapters.sms.send(sms);

      expect(fake.messages).toEqual([
        expect.objectContaining({ sid: result.providerId, from: '+15005550006' }),
      ]);
    } finally {
      await fake.close();
    }
  });

  test('when in development without Twilio, then SMS land in the given dev outbox', async () => {
    const outbox = createDevOutbox();
    const adapters = buildChannelAdapters(loadConfig({}), silent, outbox);

    const result = await adapters.sms.send(sms);

    expect(outbox.list()).toEqual([
      expect.objectContaining({ id: result.providerId, channel: 'sms' }),
    ]);
  });

  test('when in production without Twilio, then sending SMS fails permanently', async () => {
    const adapters = buildChannelAdapters(loadConfig(PROD), silent);

    const err = await adapters.whatsapp
      .send({ ...sms, channel: 'whatsapp' })
      .catch((e: unknown) => e);

    expect(err).toBeInstanceOf(PermanentSendError);
    expect((err as Error).message).toMatch(/channel not configured/);
  });

  test('when the channel is link, then nothing is sent and the provider id is empty', async () => {
    await expect(createLinkAdapter().send({ ...sms, channel: 'link', to: '' })).resolves.toEqual({
      providerId: '',
    });
  });
});
