import { Types } from 'mongoose';
import request from 'supertest';
import { postTwilioWebhook } from '../support/fake-twilio';
import { TEST_PUBLIC_URL, TWILIO_FROM, useDeliveryApp } from '../support/delivery-env';
import { createAnyTimeWorkspace, type TestWorkspace } from '../support/harness';
import { waitFor } from '../support/wait-for';

/** WhatsApp's 24-hour session window, through the real dispatch worker and the Twilio fake. */
const WHATSAPP_FROM = '+33700000009';
const app = useDeliveryApp('dispatch-whatsapp', {
  workers: true,
  env: { TWILIO_WHATSAPP_FROM: WHATSAPP_FROM },
});
beforeEach(() => app.fakes.twilio.reset());

const CONTENT_SID = `HX${'ab12'.repeat(8)}`;
const HOUR = 3600_000;
let seq = 0;
const nextPhone = () => `+3361400${String(1000 + ++seq).padStart(4, '0')}`;

async function surveyOf(ws: TestWorkspace, key: string) {
  const list = await request(app.ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
  return list.body.surveys.find((s: { key: string }) => s.key === key) as { id: string };
}

async function setWhatsappContent(ws: TestWorkspace, key: string, content: unknown) {
  const survey = await surveyOf(ws, key);
  await request(app.ctx.app)
    .patch(`/api/v1/surveys/${survey.id}`)
    .set(ws.auth)
    .send({ whatsappContent: content })
    .expect(200);
}

async function trigger(
  ws: TestWorkspace,
  phone: string,
  survey: { type: string; channels: string[] },
  locale = 'fr',
) {
  seq += 1;
  const res = await request(app.ctx.app)
    .post('/api/v1/interactions')
    .set(ws.auth)
    .send({
      id: `wa-${seq}`,
      type: 'ticket.solved',
      customer: { id: `c-${seq}`, name: 'Amélie', phone, locale },
      agent: { name: 'Bruno' },
      survey,
    })
    .expect(202);
  return res.body.invitations[0] as { id: string; url: string };
}

const invitation = (id: string) =>
  app.ctx.container.mongo.collection('invitations').findOne({ _id: new Types.ObjectId(id) });
const settled = (id: string, statuses = ['sent', 'suppressed', 'failed']) =>
  waitFor(async () => {
    const doc = await invitation(id);
    return doc && statuses.includes(doc.status as string) ? doc : null;
  }, `invitation ${id} to settle`);
const whatsappTo = (phone: string) =>
  app.fakes.twilio.messages.filter((m) => m.to === `whatsapp:${phone}`);
const twilioAuth = () => ({ token: app.fakes.twilio.authToken, publicUrl: TEST_PUBLIC_URL });

/** The contact writes to our WhatsApp number; the fake and Retour both learn it. */
const writesOnWhatsapp = (phone: string, body: string, at?: Date) =>
  postTwilioWebhook(
    app.ctx.app,
    twilioAuth(),
    '/webhooks/twilio/inbound',
    app.fakes.twilio.inbound({
      from: `whatsapp:${phone}`,
      to: `whatsapp:${WHATSAPP_FROM}`,
      body,
      at,
    }),
  );

const templates = {
  fr: {
    contentSid: CONTENT_SID,
    variables: {
      '1': '{{customer.name}}',
      '2': '{{company}}',
      '3': '{{link}}',
      '4': '{{agentName}}',
    },
  },
};

describe('WhatsApp outside and inside the 24-hour session window', () => {
  it('when the contact never wrote, then the approved template goes with ContentSid and rendered ContentVariables; after they reply, the next survey is free-form', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    await setWhatsappContent(ws, 'nps', templates);
    const phone = nextPhone();
    const first = await trigger(ws, phone, { type: 'nps', channels: ['whatsapp'] });
    const sent = await settled(first.id);
    expect(sent.status).toBe('sent');
    const [template] = whatsappTo(phone);
    expect(template).toMatchObject({
      from: `whatsapp:${WHATSAPP_FROM}`,
      contentSid: CONTENT_SID,
      contentVariables: { '1': 'Amélie', '2': 'Acme', '3': first.url, '4': 'Bruno' },
      status: 'queued',
      statusCallback: `${TEST_PUBLIC_URL}/webhooks/twilio/status`,
    });
    expect(sent.history.map((h: { detail: string | null }) => h.detail)).toContainEqual(
      expect.stringContaining(`WhatsApp template ${CONTENT_SID} (fr)`),
    );

    // The contact answers on WhatsApp: the score is recorded and the window opens.
    const reply = await writesOnWhatsapp(phone, '9');
    expect(reply.text).toContain('Merci pour votre réponse');
    const sessions = await app.ctx.container.mongo
      .collection('whatsappsessions')
      .find({ workspaceId: ws.workspaceId, phone })
      .toArray();
    expect(sessions).toEqual([
      expect.objectContaining({ sender: WHATSAPP_FROM, lastInboundAt: expect.any(Date) }),
    ]);

    const second = await trigger(ws, phone, { type: 'csat', channels: ['whatsapp'] });
    expect((await settled(second.id)).status).toBe('sent');
    // (The promoter's default thank-you rule also writes to them, inside the window.)
    const freeform = whatsappTo(phone).find((m) => m.body.includes(second.url))!;
    expect(freeform.contentSid).toBeUndefined();
    expect(freeform.contentVariables).toBeUndefined();
    expect(freeform.status).toBe('queued');
  });

  it('when the contact last wrote 25 hours ago, then the template is sent, not a Body', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    await setWhatsappContent(ws, 'nps', templates);
    const phone = nextPhone();
    // A first survey, so that the contact's message is routed to this workspace.
    await settled((await trigger(ws, phone, { type: 'csat', channels: ['whatsapp'] })).id);
    const old = new Date(Date.now() - 25 * HOUR);
    await writesOnWhatsapp(phone, 'merci', old);
    await app.ctx.container.mongo
      .collection('whatsappsessions')
      .updateMany({ workspaceId: ws.workspaceId, phone }, { $set: { lastInboundAt: old } });

    const inv = await trigger(ws, phone, { type: 'nps', channels: ['whatsapp'] });
    expect((await settled(inv.id)).status).toBe('sent');
    const last = whatsappTo(phone).at(-1)!;
    expect(last).toMatchObject({ contentSid: CONTENT_SID, status: 'queued' });
    expect(last.contentVariables?.['3']).toBe(inv.url);
  });

  it('when there is no template for the contact locale, then WhatsApp is skipped (no_whatsapp_template) and the SMS goes out with the same link', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    await setWhatsappContent(ws, 'nps', templates);
    const phone = nextPhone();
    const inv = await trigger(ws, phone, { type: 'nps', channels: ['whatsapp', 'sms'] }, 'de');
    const sent = await settled(inv.id);
    expect(sent).toMatchObject({ status: 'sent', channel: 'sms', to: phone });
    expect(whatsappTo(phone)).toEqual([]);
    const sms = app.fakes.twilio.messages.filter((m) => m.to === phone);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ from: TWILIO_FROM });
    expect(sms[0]!.body).toContain(inv.url);
    expect(sent.history.map((h: { detail: string | null }) => h.detail)).toContain(
      'fell back from whatsapp to sms: no WhatsApp template for de outside the 24-hour window',
    );
  });

  it('when there is no template and WhatsApp is the only channel, then the invitation is suppressed with reason no_whatsapp_template and nothing is sent', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const phone = nextPhone();
    const inv = await trigger(ws, phone, { type: 'nps', channels: ['whatsapp'] });
    const done = await settled(inv.id);
    expect(done).toMatchObject({ status: 'suppressed', reason: 'no_whatsapp_template' });
    expect(app.fakes.twilio.postCount()).toBe(0);
  });

  it('when Twilio still counts the window as closed, then it accepts the free-form message and fails it with 63016 in the status callback', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const phone = nextPhone();
    await setWhatsappContent(ws, 'csat', templates);
    await settled((await trigger(ws, phone, { type: 'csat', channels: ['whatsapp'] })).id);
    // Retour hears the contact now; Twilio's record of the window says 25 hours ago.
    await writesOnWhatsapp(phone, 'bonjour', new Date(Date.now() - 25 * HOUR));
    const inv = await trigger(ws, phone, { type: 'nps', channels: ['whatsapp'] });
    expect((await settled(inv.id)).status).toBe('sent');
    const message = whatsappTo(phone).at(-1)!;
    expect(message).toMatchObject({ status: 'failed', errorCode: 63016 });
    expect(message.contentSid).toBeUndefined();
    await postTwilioWebhook(
      app.ctx.app,
      twilioAuth(),
      '/webhooks/twilio/status',
      app.fakes.twilio.statusCallbackParams(message),
    );
    const failed = await invitation(inv.id);
    expect(failed).toMatchObject({
      status: 'failed',
      reason: 'provider_63016',
      error: {
        code: 63016,
        permanent: true,
        en: 'Outside the 24-hour WhatsApp window: only an approved template can be sent.',
        fr: 'Hors de la fenêtre WhatsApp de 24 heures : seul un modèle approuvé peut être envoyé.',
      },
    });
    expect(failed?.history.at(-1)).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('twilio failed 63016: Outside the 24-hour WhatsApp window'),
    });
  });
});
