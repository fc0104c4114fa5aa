import { Types } from 'mongoose';
import twilio from 'twilio';
import request from 'supertest';
import { TEST_PUBLIC_URL, TWILIO_FROM, useDeliveryApp } from '../support/delivery-env';
import { createAnyTimeWorkspace, type TestWorkspace } from '../support/harness';
import { waitFor } from '../support/wait-for';

const app = useDeliveryApp('dispatch', { workers: true });
beforeEach(() => app.fakes.twilio.reset());

let seq = 0;
function phoneNumber() {
  seq += 1;
  return `+336${String(12000000 + seq).padStart(8, '0')}`;
}

const workspace = (): Promise<TestWorkspace> => createAnyTimeWorkspace(app.ctx, 'Acme');

async function trigger(ws: TestWorkspace, body: Record<string, unknown>) {
  const res = await request(app.ctx.app)
    .post('/api/v1/interactions')
    .set(ws.auth)
    .send(body)
    .expect(202);
  return res.body.invitations[0] as {
    id: string;
    url: string;
    status: string;
    channel: string;
    reason?: string;
  };
}

function ticket(phone: string, overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    id: `t-${seq}`,
    type: 'ticket.solved',
    customer: {
      id: `cust-${seq}`,
      name: 'Alice',
      phone,
      email: `alice${seq}@example.com`,
      locale: 'en',
    },
    agent: { id: 'a-1', name: 'Bruno' },
    survey: { type: 'nps', channels: ['sms'] },
    ...overrides,
  };
}

const invitation = (id: string) =>
  app.ctx.container.mongo.collection('invitations').findOne({ _id: new Types.ObjectId(id) });
const statusOf = async (id: string) => (await invitation(id))?.status as string | undefined;
const smsTo = (phone: string) => app.fakes.twilio.messages.filter((m) => m.to === phone);

describe('dispatch worker', () => {
  it('when an SMS invitation is due, then Twilio receives To, From, a Body with the link and the StatusCallback, once', async () => {
    const ws = await workspace();
    const phone = phoneNumber();
    const inv = await trigger(ws, ticket(phone));
    await waitFor(async () => (await statusOf(inv.id)) === 'sent', 'the invitation to be sent');
    const sent = smsTo(phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      from: TWILIO_FROM,
      statusCallback: `${TEST_PUBLIC_URL}/webhooks/twilio/status`,
    });
    expect(sent[0]!.body).toContain(inv.url);
    expect(sent[0]!.body).toContain('Acme');
    const stored = await invitation(inv.id);
    expect(stored).toMatchObject({
      providerId: sent[0]!.sid,
      segments: expect.any(Number),
      encoding: 'GSM-7',
    });
    expect(stored?.history.map((h: { status: string }) => h.status)).toEqual([
      'scheduled',
      'sending',
      'sent',
    ]);
  });

  it('when an email invitation is due, then a real SMTP message carries one link per score and List-Unsubscribe', async () => {
    const ws = await workspace();
    const inv = await trigger(
      ws,
      ticket(phoneNumber(), { survey: { type: 'csat', channels: ['email'] } }),
    );
    await waitFor(async () => (await statusOf(inv.id)) === 'sent', 'the email to be sent');
    const mail = await waitFor(
      () => app.fakes.smtp.messages.find((m) => m.text?.includes(inv.url)),
      'the email',
    );
    for (let score = 1; score <= 5; score++)
      expect(mail.html).toContain(`${inv.url}?score=${score}`);
    expect(mail.headers['list-unsubscribe']).toBe(`<${inv.url}/unsubscribe>`);
    expect(mail.subject).toContain('Acme');
  });

  it('when the customer uses the one-click List-Unsubscribe, then email is opted out and no token is needed beyond the link', async () => {
    const ws = await workspace();
    const body = ticket(phoneNumber(), { survey: { type: 'csat', channels: ['email'] } });
    const inv = await trigger(ws, body);
    const path = new URL(inv.url).pathname;
    const confirm = await request(app.ctx.app).get(`${path}/unsubscribe`).expect(200);
    expect(confirm.text).toContain('<form method="post">');
    expect(confirm.headers['content-security-policy']).toContain("default-src 'none'");
    expect(confirm.text).toContain('<style>');
    const done = await request(app.ctx.app)
      .post(`${path}/unsubscribe`)
      .type('form')
      .send({ 'List-Unsubscribe': 'One-Click' })
      .expect(200);
    expect(done.text).toMatch(/will not receive survey emails|ne recevrez plus/);
    const contact = await request(app.ctx.app)
      .get(`/api/v1/contacts/${body.customer.id}`)
      .set(ws.auth)
      .expect(200);
    expect(contact.body.optOut).toMatchObject({ email: true });
    const unknown = await request(app.ctx.app)
      .post('/s/not-a-token/unsubscribe')
      .set('Accept-Language', 'fr-FR')
      .expect(404);
    expect(unknown.text).toContain('Ce lien n’est pas valide.');
  });

  it('when Twilio answers 429 once, then the SMS is retried and sent exactly once', async () => {
    const ws = await workspace();
    const phone = phoneNumber();
    app.fakes.twilio.failNext(1, { status: 429, code: 20429, message: 'Too Many Requests' });
    const inv = await trigger(ws, ticket(phone));
    await waitFor(async () => (await statusOf(inv.id)) === 'sent', 'the retried send', 15_000);
    expect(smsTo(phone)).toHaveLength(1);
    expect(app.fakes.twilio.postCount()).toBe(2);
  });

  it('when Twilio says 21610 (unsubscribed), then the invitation fails and the opt-out is recorded', async () => {
    const ws = await workspace();
    const phone = phoneNumber();
    app.fakes.twilio.failNext(1, {
      status: 400,
      code: 21610,
      message: 'Attempt to send to unsubscribed recipient',
    });
    const body = ticket(phone);
    const inv = await trigger(ws, body);
    await waitFor(async () => (await statusOf(inv.id)) === 'failed', 'the failure');
    expect(await invitation(inv.id)).toMatchObject({
      reason: 'provider_21610',
      error: { code: 21610, permanent: true, fr: expect.stringContaining('STOP') },
    });
    const contact = await request(app.ctx.app)
      .get(`/api/v1/contacts/${body.customer.id}`)
      .set(ws.auth)
      .expect(200);
    expect(contact.body.optOut).toMatchObject({ sms: true });
    const next = await trigger(ws, {
      ...ticket(phone),
      customer: body.customer,
      survey: { type: 'csat', channels: ['sms'] },
    });
    expect(next).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
  });

  it('when the contact opted out of SMS after scheduling, then the send falls back to email at send time', async () => {
    const ws = await workspace();
    const phone = phoneNumber();
    const body = ticket(phone, {
      survey: { type: 'nps', channels: ['sms', 'email'], delay: 'PT1S' },
    });
    const inv = await trigger(ws, body);
    expect(inv.channel).toBe('sms');
    const contactId = (await invitation(inv.id))?.contactId;
    await app.ctx.container.mongo
      .collection('contacts')
      .updateOne({ _id: contactId }, { $set: { 'optOut.sms': true } });
    await waitFor(async () => (await statusOf(inv.id)) === 'sent', 'the fallback send');
    expect((await invitation(inv.id))?.channel).toBe('email');
    expect(smsTo(phone)).toHaveLength(0);
  });

  it('when a reminder is due and the link expires later, then one reminder with the same link goes out and the invitation then expires', async () => {
    const ws = await workspace();
    const surveys = await request(app.ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    const nps = surveys.body.surveys.find((s: { type: string }) => s.type === 'nps');
    await request(app.ctx.app)
      .patch(`/api/v1/surveys/${nps.id}`)
      .set(ws.auth)
      .send({ reminderDelay: 'PT1S', expiry: 'PT1H' })
      .expect(200);
    const phone = phoneNumber();
    // Occurred 1 h minus 3 s ago: the link expires 3 s from now.
    const occurredAt = new Date(Date.now() - 3_600_000 + 3_000).toISOString();
    const inv = await trigger(ws, ticket(phone, { occurredAt }));
    await waitFor(
      async () => (await invitation(inv.id))?.reminder?.status === 'sent',
      'the reminder',
    );
    const sent = smsTo(phone);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toContain(inv.url);
    expect(sent[1]!.body).toMatch(/Reminder/);
    await waitFor(async () => (await statusOf(inv.id)) === 'expired', 'the expiry', 10_000);
    expect(smsTo(phone)).toHaveLength(2);
  });
});

describe('Twilio webhooks', () => {
  const post = (path: string, params: Record<string, string>, signature?: string) => {
    const req = request(app.ctx.app).post(path).type('form').send(params);
    return signature === undefined ? req : req.set('X-Twilio-Signature', signature);
  };
  const sign = (path: string, params: Record<string, string>) => {
    // Signed with the SDK directly, as Twilio does, not through the app's own code.
    return twilio.getExpectedTwilioSignature(
      app.fakes.twilio.authToken,
      `${TEST_PUBLIC_URL}${path}`,
      params,
    );
  };

  it('when a status callback is signed, then delivered is recorded; duplicates and older statuses change nothing', async () => {
    const ws = await workspace();
    const inv = await trigger(ws, ticket(phoneNumber()));
    await waitFor(async () => (await statusOf(inv.id)) === 'sent', 'the send');
    const sid = (await invitation(inv.id))?.providerId as string;
    const delivered = { MessageSid: sid, MessageStatus: 'delivered' };
    await post(
      '/webhooks/twilio/status',
      delivered,
      sign('/webhooks/twilio/status', delivered),
    ).expect(200);
    await post(
      '/webhooks/twilio/status',
      delivered,
      sign('/webhooks/twilio/status', delivered),
    ).expect(200);
    const late = { MessageSid: sid, MessageStatus: 'sent' };
    await post('/webhooks/twilio/status', late, sign('/webhooks/twilio/status', late)).expect(200);
    const stored = await invitation(inv.id);
    expect(stored?.status).toBe('delivered');
    expect(
      stored?.history.filter((h: { status: string }) => h.status === 'delivered'),
    ).toHaveLength(1);
  });

  it('when a status callback has a wrong or no signature, then 403 and nothing changes', async () => {
    const ws = await workspace();
    const inv = await trigger(ws, ticket(phoneNumber()));
    await waitFor(async () => (await statusOf(inv.id)) === 'sent', 'the send');
    const sid = (await invitation(inv.id))?.providerId as string;
    const params = { MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30003' };
    const res = await post('/webhooks/twilio/status', params, 'bad-signature').expect(403);
    expect(res.type).toBe('application/problem+json');
    await post('/webhooks/twilio/status', params).expect(403);
    expect(await statusOf(inv.id)).toBe('sent');
  });

  it('when the MessageSid is unknown, then 200 and no change', async () => {
    const params = { MessageSid: 'SM00000000000000000000000000000000', MessageStatus: 'delivered' };
    await post('/webhooks/twilio/status', params, sign('/webhooks/twilio/status', params)).expect(
      200,
    );
  });

  it('when a customer texts STOP, then a new interaction is suppressed as opted_out; START opts back in', async () => {
    const ws = await workspace();
    const phone = phoneNumber();
    const first = ticket(phone);
    await trigger(ws, first);
    const stop = { MessageSid: 'SMin1', From: phone, To: TWILIO_FROM, Body: ' Stop ' };
    await post('/webhooks/twilio/inbound', stop, sign('/webhooks/twilio/inbound', stop)).expect(
      200,
    );
    const again = await trigger(ws, {
      ...ticket(phone),
      customer: first.customer,
      survey: { type: 'csat', channels: ['sms'] },
    });
    expect(again).toMatchObject({ status: 'suppressed', reason: 'opted_out' });

    const start = { MessageSid: 'SMin2', From: phone, To: TWILIO_FROM, Body: 'START' };
    await post('/webhooks/twilio/inbound', start, sign('/webhooks/twilio/inbound', start)).expect(
      200,
    );
    const contact = await request(app.ctx.app)
      .get(`/api/v1/contacts/${first.customer.id}`)
      .set(ws.auth)
      .expect(200);
    expect(contact.body.optOut).toMatchObject({ sms: false, whatsapp: false });
  });

  it('when a customer texts HELP, then the reply explains STOP', async () => {
    const help = { MessageSid: 'SMin3', From: phoneNumber(), To: TWILIO_FROM, Body: 'help' };
    const res = await post(
      '/webhooks/twilio/inbound',
      help,
      sign('/webhooks/twilio/inbound', help),
    ).expect(200);
    expect(res.text).toContain('<Message>');
    expect(res.text).toContain('STOP');
  });
});
