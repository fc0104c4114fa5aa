import { Types } from 'mongoose';
import request from 'supertest';
import { postTwilioWebhook } from '../support/fake-twilio';
import { TEST_PUBLIC_URL, TWILIO_FROM, useDeliveryApp } from '../support/delivery-env';
import { createAnyTimeWorkspace, type TestWorkspace } from '../support/harness';
import { waitFor } from '../support/wait-for';

/**
 * A permanent failure after the send (an undelivered receipt, a bounced email) moves the
 * invitation to its next channel once, with the same link; WhatsApp quick replies answer.
 */
const WHATSAPP_FROM = '+33700000019';
const app = useDeliveryApp('channel-fallback', {
  workers: true,
  env: { TWILIO_WHATSAPP_FROM: WHATSAPP_FROM },
});
beforeEach(() => {
  app.fakes.twilio.reset();
  app.fakes.smtp.reset();
});

const HOUR = 3600_000;
let seq = 0;
const nextPhone = () => `+3361600${String(1000 + ++seq).padStart(4, '0')}`;
const twilioAuth = () => ({ token: app.fakes.twilio.authToken, publicUrl: TEST_PUBLIC_URL });

async function trigger(
  ws: TestWorkspace,
  customer: { phone?: string; email?: string },
  survey: { type: string; channels: string[] },
) {
  seq += 1;
  const res = await request(app.ctx.app)
    .post('/api/v1/interactions')
    .set(ws.auth)
    .send({
      id: `fb-${seq}`,
      type: 'ticket.solved',
      customer: { id: `c-${seq}`, name: 'Inès', locale: 'fr', ...customer },
      survey,
    })
    .expect(202);
  return res.body.invitations[0] as { id: string; url: string };
}

const invitation = (id: string) =>
  app.ctx.container.mongo.collection('invitations').findOne({ _id: new Types.ObjectId(id) });
const reaches = (id: string, match: (doc: Record<string, unknown>) => boolean, what: string) =>
  waitFor(async () => {
    const doc = await invitation(id);
    return doc && match(doc) ? doc : null;
  }, what);
const sentOn = (id: string, channel: string) =>
  reaches(id, (d) => d.status === 'sent' && d.channel === channel, `${id} sent on ${channel}`);
const details = (doc: Record<string, unknown>) =>
  (doc.history as { status: string; detail: string | null }[]).map((h) => h.detail ?? h.status);

/** Retour hears the contact now; Twilio's own record of the window says 25 hours ago. */
async function windowOpenOnlyForRetour(phone: string) {
  await postTwilioWebhook(
    app.ctx.app,
    twilioAuth(),
    '/webhooks/twilio/inbound',
    app.fakes.twilio.inbound({
      from: `whatsapp:${phone}`,
      to: `whatsapp:${WHATSAPP_FROM}`,
      body: 'bonjour',
      at: new Date(Date.now() - 25 * HOUR),
    }),
  );
}

const receipt = (messageSid: string, status = 'delivered') => {
  const message = app.fakes.twilio.messages.find((m) => m.sid === messageSid)!;
  return postTwilioWebhook(app.ctx.app, twilioAuth(), '/webhooks/twilio/status', {
    ...app.fakes.twilio.statusCallbackParams(message),
    ...(status === 'delivered' ? { MessageStatus: 'delivered' } : {}),
  });
};

describe('fallback after a late permanent failure', () => {
  it('when WhatsApp fails with 63016 in the status callback, then the SMS goes out once with the same link, the history shows both attempts, and the invitation stays one invitation on sms', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const phone = nextPhone();
    // A first survey on WhatsApp, so the contact's message there is routed to this workspace.
    await request(app.ctx.app)
      .patch(`/api/v1/surveys/${await surveyId(ws, 'csat')}`)
      .set(ws.auth)
      .send({ whatsappContent: { fr: { contentSid: `HX${'ef56'.repeat(8)}`, variables: {} } } })
      .expect(200);
    const first = await trigger(ws, { phone }, { type: 'csat', channels: ['whatsapp'] });
    await sentOn(first.id, 'whatsapp');
    await windowOpenOnlyForRetour(phone);

    const inv = await trigger(
      ws,
      { phone },
      { type: 'nps', channels: ['whatsapp', 'sms', 'email'] },
    );
    await sentOn(inv.id, 'whatsapp');
    const whatsapp = app.fakes.twilio.messages.find(
      (m) => m.to === `whatsapp:${phone}` && m.body.includes(inv.url),
    )!;
    expect(whatsapp).toMatchObject({ status: 'failed', errorCode: 63016 });
    await receipt(whatsapp.sid, 'failed');

    const resent = await sentOn(inv.id, 'sms');
    const sms = app.fakes.twilio.messages.filter((m) => m.to === phone && m.body.includes(inv.url));
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ from: TWILIO_FROM });
    expect(resent).toMatchObject({ to: phone, fallback: { from: 'whatsapp' }, reason: null });
    expect(details(resent)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('twilio failed 63016'),
        expect.stringContaining('falling back from whatsapp (twilio failed 63016) to sms or email'),
        expect.stringContaining('fell back from whatsapp to sms'),
      ]),
    );

    // A second permanent failure (on SMS) does not move it again.
    await receipt(sms[0]!.sid, 'delivered');
    const failedSms = {
      ...app.fakes.twilio.statusCallbackParams(sms[0]!),
      MessageStatus: 'undelivered',
      ErrorCode: '30005',
    };
    await postTwilioWebhook(app.ctx.app, twilioAuth(), '/webhooks/twilio/status', failedSms);
    const final = await invitation(inv.id);
    expect(final).toMatchObject({ status: 'delivered', channel: 'sms' });
    expect(app.fakes.smtp.messages).toHaveLength(0);
    const all = await app.ctx.container.mongo
      .collection('invitations')
      .countDocuments({ workspaceId: ws.workspaceId, surveyType: 'nps' });
    expect(all).toBe(1);
    // Reports count it once, on the channel that delivered it.
    const volume = await request(app.ctx.app)
      .get('/api/v1/reports/volume?type=nps')
      .set(ws.auth)
      .expect(200);
    expect(volume.body.byChannel).toEqual([{ channel: 'sms', sent: 1, answers: 0 }]);
  });

  it('when an SMS is undelivered for good and email is next, then only once: a second failure leaves it failed', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const phone = nextPhone();
    const inv = await trigger(
      ws,
      { phone, email: `ines${seq}@example.com` },
      { type: 'nps', channels: ['sms', 'email'] },
    );
    await sentOn(inv.id, 'sms');
    const sms = app.fakes.twilio.messages.find((m) => m.to === phone)!;
    await postTwilioWebhook(app.ctx.app, twilioAuth(), '/webhooks/twilio/status', {
      ...app.fakes.twilio.statusCallbackParams(sms),
      MessageStatus: 'undelivered',
      ErrorCode: '30005',
    });
    const emailed = await sentOn(inv.id, 'email');
    expect(app.fakes.smtp.messages).toHaveLength(1);
    expect(app.fakes.smtp.messages[0]!.text).toContain(inv.url);

    const bounced = await request(app.ctx.app)
      .post('/api/v1/email-bounces')
      .set(ws.auth)
      .send({ messageId: emailed.providerId, status: '5.1.1' })
      .expect(200);
    expect(bounced.body).toEqual({
      invitationId: inv.id,
      status: 'failed',
      permanent: true,
      fellBack: false,
    });
  });

  it('when an email bounces (5.1.1), then the invitation moves to SMS with the same link; a passing bounce (4.2.2) is only noted', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const phone = nextPhone();
    const inv = await trigger(
      ws,
      { phone, email: `ines${seq}@example.com` },
      { type: 'csat', channels: ['email', 'sms'] },
    );
    const emailed = await sentOn(inv.id, 'email');

    const passing = await request(app.ctx.app)
      .post('/api/v1/email-bounces')
      .set(ws.auth)
      .send({ messageId: String(emailed.providerId).replace(/^<|>$/g, ''), status: '4.2.2' })
      .expect(200);
    expect(passing.body).toMatchObject({ status: 'sent', permanent: false, fellBack: false });

    const bounce = await request(app.ctx.app)
      .post('/api/v1/email-bounces')
      .set(ws.auth)
      .send({ messageId: emailed.providerId, status: '5.1.1', diagnostic: '550 mailbox unknown' })
      .expect(200);
    expect(bounce.body).toMatchObject({ status: 'scheduled', permanent: true, fellBack: true });
    const resent = await sentOn(inv.id, 'sms');
    const sms = app.fakes.twilio.messages.filter((m) => m.to === phone);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain(inv.url);
    expect(details(resent)).toEqual(
      expect.arrayContaining([
        'email bounced 4.2.2',
        'email bounced 5.1.1: 550 mailbox unknown',
        expect.stringContaining('falling back from email'),
      ]),
    );

    // Another workspace cannot report it, and an unknown Message-ID is a 404.
    const other = await createAnyTimeWorkspace(app.ctx, 'Other');
    await request(app.ctx.app)
      .post('/api/v1/email-bounces')
      .set(other.auth)
      .send({ messageId: emailed.providerId })
      .expect(404);
    const bad = await request(app.ctx.app)
      .post('/api/v1/email-bounces')
      .set(ws.auth)
      .send({ messageId: emailed.providerId, status: 'bounced' })
      .expect(400);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ path: 'status' }));
  });

  it('when the contact opted out of the next channel, then the fallback is suppressed and nothing more is sent', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const phone = nextPhone();
    const inv = await trigger(
      ws,
      { phone, email: `ines${seq}@example.com` },
      { type: 'csat', channels: ['email', 'sms'] },
    );
    const emailed = await sentOn(inv.id, 'email');
    await app.ctx.container.services.contacts.setOptOut(
      ws.workspaceId,
      emailed.contactId as Types.ObjectId,
      ['sms'],
      true,
      'test',
    );
    await request(app.ctx.app)
      .post('/api/v1/email-bounces')
      .set(ws.auth)
      .send({ messageId: emailed.providerId })
      .expect(200);
    const done = await reaches(inv.id, (d) => d.status === 'suppressed', 'suppressed');
    expect(done.reason).toBe('opted_out');
    expect(app.fakes.twilio.postCount()).toBe(0);
  });

  it('when the fallback falls in quiet hours, then it waits for them to end', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const hh = (offset: number) =>
      `${String((new Date().getUTCHours() + 24 + offset) % 24).padStart(2, '0')}:00`;
    await request(app.ctx.app)
      .patch('/api/v1/workspace')
      .set(ws.auth)
      .send({ timezone: 'UTC', quietHours: { start: hh(-1), end: hh(2) } })
      .expect(200);
    const phone = nextPhone();
    const customer = { id: `quiet-${seq}`, phone, email: `quiet${seq}@example.com` };
    const post = (id: string, timezone: string, survey: object) =>
      request(app.ctx.app)
        .post('/api/v1/interactions')
        .set(ws.auth)
        .send({ id, type: 'ticket.solved', customer: { ...customer, timezone }, survey })
        .expect(202);
    // Twelve hours ahead, the contact is outside the quiet hours: the email goes at once.
    const first = await post(`q1-${seq}`, 'Etc/GMT-12', {
      type: 'csat',
      channels: ['email', 'sms'],
    });
    const inv = first.body.invitations[0] as { id: string };
    const emailed = await sentOn(inv.id, 'email');
    // Then the contact turns out to live in UTC, where it is quiet now.
    await post(`q2-${seq}`, 'UTC', { type: 'ces', channels: ['link'] });
    await request(app.ctx.app)
      .post('/api/v1/email-bounces')
      .set(ws.auth)
      .send({ messageId: emailed.providerId })
      .expect(200);
    const waiting = await reaches(
      inv.id,
      (d) => d.deferredByQuietHours === true,
      'the fallback deferred by quiet hours',
    );
    expect(waiting.status).toBe('scheduled');
    expect((waiting.scheduledFor as Date).getTime()).toBeGreaterThan(Date.now());
    expect(app.fakes.twilio.postCount()).toBe(0);
  });
});

describe('WhatsApp quick-reply answers', () => {
  it('when a CSAT quick-reply button is tapped, then its payload is recorded as the score and the follow-up question comes back in the window it opened', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const phone = nextPhone();
    await request(app.ctx.app)
      .patch(`/api/v1/surveys/${await surveyId(ws, 'csat')}`)
      .set(ws.auth)
      .send({
        whatsappContent: {
          fr: { contentSid: `HX${'cd34'.repeat(8)}`, variables: { '1': '{{link}}' } },
        },
      })
      .expect(200);
    const inv = await trigger(ws, { phone }, { type: 'csat', channels: ['whatsapp'] });
    await sentOn(inv.id, 'whatsapp');
    const tap = {
      ...app.fakes.twilio.inbound({
        from: `whatsapp:${phone}`,
        to: `whatsapp:${WHATSAPP_FROM}`,
        body: 'Satisfait',
      }),
      ButtonPayload: '4',
      ButtonText: 'Satisfait',
    };
    const reply = await postTwilioWebhook(
      app.ctx.app,
      twilioAuth(),
      '/webhooks/twilio/inbound',
      tap,
    );
    expect(reply.text).toContain('<Message>Qu’aurions-nous pu mieux faire ?</Message>');
    const response = await app.ctx.container.mongo
      .collection('responses')
      .findOne({ workspaceId: ws.workspaceId, invitationId: new Types.ObjectId(inv.id) });
    expect(response).toMatchObject({ score: 4, source: 'sms-reply', channel: 'whatsapp' });
    const session = await app.ctx.container.mongo
      .collection('whatsappsessions')
      .findOne({ workspaceId: ws.workspaceId, phone });
    expect(session?.lastInboundAt).toEqual(expect.any(Date));

    // The comment typed next is kept as the comment, not re-asked.
    await postTwilioWebhook(
      app.ctx.app,
      twilioAuth(),
      '/webhooks/twilio/inbound',
      app.fakes.twilio.inbound({
        from: `whatsapp:${phone}`,
        to: `whatsapp:${WHATSAPP_FROM}`,
        body: 'Plus rapide',
      }),
    );
    const commented = await app.ctx.container.mongo
      .collection('responses')
      .findOne({ workspaceId: ws.workspaceId, invitationId: new Types.ObjectId(inv.id) });
    expect(commented).toMatchObject({ score: 4, comment: 'Plus rapide' });
  });

  it('when an NPS survey gets a button payload, then it is not taken as the score (NPS answers by link or number)', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const phone = nextPhone();
    const inv = await trigger(ws, { phone }, { type: 'nps', channels: ['sms'] });
    await sentOn(inv.id, 'sms');
    await postTwilioWebhook(app.ctx.app, twilioAuth(), '/webhooks/twilio/inbound', {
      ...app.fakes.twilio.inbound({ from: phone, to: TWILIO_FROM, body: 'Oui' }),
      ButtonPayload: '9',
    });
    const response = await app.ctx.container.mongo
      .collection('responses')
      .findOne({ workspaceId: ws.workspaceId, invitationId: new Types.ObjectId(inv.id) });
    expect(response).toBeNull();
  });
});

async function surveyId(ws: TestWorkspace, key: string): Promise<string> {
  const list = await request(app.ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
  return (list.body.surveys as { key: string; id: string }[]).find((s) => s.key === key)!.id;
}
