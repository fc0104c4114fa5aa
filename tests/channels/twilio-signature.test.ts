import express, { type Express } from 'express';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import request from 'supertest';
import { requireTwilioSignature, twilioFormBody } from '../../src/channels/twilio-signature';
import { errorHandler } from '../../src/shared/error-handler';
import { signTwilioRequest } from '../support/fake-twilio';

const PUBLIC_URL = 'http://retour.test';
const TOKEN = 'twilio-auth-token-for-tests';
const STATUS = { MessageSid: 'SM0123', MessageStatus: 'delivered', To: '+33612345678' };

function webhookApp(authToken: string | undefined): Express {
  const app = express();
  app.use(pinoHttp({ logger: pino({ level: 'silent' }) }));
  app.post(
    '/webhooks/twilio/status',
    twilioFormBody,
    requireTwilioSignature(authToken, PUBLIC_URL),
    (req, res) => {
      res.json({ received: req.body as unknown });
    },
  );
  app.use(errorHandler);
  return app;
}

describe('requireTwilioSignature', () => {
  test('when the signature matches PUBLIC_URL + path and the form, then the handler runs', async () => {
    const signature = signTwilioRequest(TOKEN, `${PUBLIC_URL}/webhooks/twilio/status?x=1`, STATUS);

    const res = await request(webhookApp(TOKEN))
      .post('/webhooks/twilio/status?x=1')
      .set('X-Twilio-Signature', signature)
      .type('form')
      .send(STATUS);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: STATUS });
  });

  test('when a parameter was changed after signing, then 403 problem+json', async () => {
    const signature = signTwilioRequest(TOKEN, `${PUBLIC_URL}/webhooks/twilio/status`, STATUS);

    const res = await request(webhookApp(TOKEN))
      .post('/webhooks/twilio/status')
      .set('X-Twilio-Signature', signature)
      .type('form')
      .send({ ...STATUS, MessageStatus: 'failed' });

    expect(res.status).toBe(403);
    expect(res.type).toBe('application/problem+json');
    expect(JSON.parse(res.text)).toMatchObject({ status: 403, title: 'Forbidden' });
  });

  test('when signed for another host, then 403', async () => {
    const signature = signTwilioRequest(TOKEN, 'http://evil.test/webhooks/twilio/status', STATUS);

    const res = await request(webhookApp(TOKEN))
      .post('/webhooks/twilio/status')
      .set('X-Twilio-Signature', signature)
      .type('form')
      .send(STATUS);

    expect(res.status).toBe(403);
  });

  test('when the header is missing, then 403 saying so', async () => {
    const res = await request(webhookApp(TOKEN))
      .post('/webhooks/twilio/status')
      .type('form')
      .send(STATUS);

    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).detail).toMatch(/X-Twilio-Signature/);
  });

  test('when no auth token is configured, then 403 explaining TWILIO_AUTH_TOKEN is needed', async () => {
    const signature = signTwilioRequest(TOKEN, `${PUBLIC_URL}/webhooks/twilio/status`, STATUS);

    const res = await request(webhookApp(undefined))
      .post('/webhooks/twilio/status')
      .set('X-Twilio-Signature', signature)
      .type('form')
      .send(STATUS);

    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).detail).toMatch(/TWILIO_AUTH_TOKEN/);
  });
});
