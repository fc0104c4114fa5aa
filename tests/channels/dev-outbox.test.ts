import express from 'express';
import request from 'supertest';
import { startTestContext } from '../support/harness';
import type { OutgoingMessage } from '../../src/channels/channel';
import { createDevOutbox } from '../../src/channels/dev-outbox';
import { devOutboxRoutes } from '../../src/channels/dev-outbox.routes';

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    channel: 'sms',
    to: '+33612345678',
    text: 'Acme: how did we do? http://localhost:3000/s/tok1',
    link: 'http://localhost:3000/s/tok1',
    meta: { workspaceId: 'w1', invitationId: 'inv1', surveyType: 'nps', locale: 'en' },
    ...overrides,
  };
}

describe('dev outbox', () => {
  test('when a message is sent through it, then it is kept, listed newest first and findable', async () => {
    const outbox = createDevOutbox();
    const sms = outbox.adapterFor('sms');
    const since = new Date(Date.now() - 1000);

    const first = await sms.send(message());
    const second = await outbox
      .adapterFor('email')
      .send(message({ channel: 'email', to: 'alice@example.com', subject: 'Quick question' }));

    expect(outbox.list().map((e) => e.id)).toEqual([second.providerId, first.providerId]);
    expect(outbox.list()[1]).toMatchObject({ channel: 'sms', to: '+33612345678' });
    await expect(
      sms.findSent!('+33612345678', 'http://localhost:3000/s/tok1', since),
    ).resolves.toBe(first.providerId);
    await expect(
      sms.findSent!('+33600000000', 'http://localhost:3000/s/tok1', since),
    ).resolves.toBeNull();
  });

  test('when more than the limit arrive, then only the newest are kept', async () => {
    const outbox = createDevOutbox(undefined, 3);
    const sms = outbox.adapterFor('sms');

    for (let i = 1; i <= 5; i++) await sms.send(message({ text: `message ${i}` }));

    expect(outbox.list().map((e) => e.text)).toEqual(['message 5', 'message 4', 'message 3']);
    outbox.clear();
    expect(outbox.list()).toEqual([]);
  });

  test('when listed as HTML, then everything is escaped and http links are clickable', async () => {
    const outbox = createDevOutbox();
    await outbox.adapterFor('email').send(
      message({
        channel: 'email',
        to: 'alice@example.com',
        subject: '<script>alert(1)</script>',
        text: 'Hi "Alice" & <b>team</b>',
        link: 'http://localhost:3000/s/tok1?score=9&x="y"',
      }),
    );
    await outbox.adapterFor('chat').send(message({ channel: 'chat', link: 'javascript:alert(1)' }));
    const app = express().use(devOutboxRoutes(outbox));

    const res = await request(app).get('/dev/outbox');

    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(res.text).toContain('Hi &#34;Alice&#34; &#38; &#60;b&#62;team&#60;/b&#62;');
    expect(res.text).toContain('<a href="http://localhost:3000/s/tok1?score=9&#38;x=&#34;y&#34;">');
    expect(res.text).not.toContain('href="javascript:');
  });

  test('when listed as JSON, then the entries come back newest first', async () => {
    const outbox = createDevOutbox();
    await outbox.adapterFor('whatsapp').send(message({ channel: 'whatsapp' }));
    const app = express().use(devOutboxRoutes(outbox));

    const res = await request(app).get('/dev/outbox.json');

    expect(res.status).toBe(200);
    expect(res.body.messages).toHaveLength(1);
    expect(res.body.messages[0]).toMatchObject({
      channel: 'whatsapp',
      to: '+33612345678',
      link: 'http://localhost:3000/s/tok1',
      meta: { invitationId: 'inv1' },
    });
  });
});

describe('the dev outbox route outside development', () => {
  test.each(['test', 'production'])(
    'when NODE_ENV is %s, then /dev/outbox does not exist',
    async (env) => {
      const extra: Record<string, string> =
        env === 'production'
          ? {
              NODE_ENV: env,
              SESSION_SECRET: 'p'.repeat(40),
              PUBLIC_URL: 'https://feedback.example.com',
              SECRETS_KEY: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
            }
          : {};
      // A fresh database: its indexes are built here, as sync-indexes does before a deployment.
      const ctx = await startTestContext(`dev-outbox-${env}`, extra, { indexes: 'build' });
      try {
        await request(ctx.app).get('/dev/outbox').expect(404);
        await request(ctx.app).get('/dev/outbox.json').expect(404);
      } finally {
        await ctx.close();
      }
    },
  );
});
