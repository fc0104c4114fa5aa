import { Types } from 'mongoose';
import request from 'supertest';
import { TEST_PUBLIC_URL, TWILIO_FROM, useDeliveryApp } from '../support/delivery-env';
import {
  createAnyTimeWorkspace,
  createTestWorkspace,
  type TestWorkspace,
} from '../support/harness';
import { storedResponse } from './rules-helpers';

/** A survey's test send to one address, and rule messages on WhatsApp's session window. */
const WHATSAPP_FROM = '+33700000029';
const app = useDeliveryApp('test-send', { env: { TWILIO_WHATSAPP_FROM: WHATSAPP_FROM } });
beforeEach(() => {
  app.fakes.twilio.reset();
  app.fakes.smtp.reset();
});
const CONTENT_SID = `HX${'9a8b'.repeat(8)}`;

async function surveyId(ws: TestWorkspace, key: string): Promise<string> {
  const list = await request(app.ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
  return (list.body.surveys as { key: string; id: string }[]).find((s) => s.key === key)!.id;
}
const testSend = (ws: TestWorkspace, id: string, body: object) =>
  request(app.ctx.app).post(`/api/v1/surveys/${id}/test-send`).set(ws.auth).send(body);
const invitationCount = (ws: TestWorkspace) =>
  app.ctx.container.mongo.collection('invitations').countDocuments({ workspaceId: ws.workspaceId });

describe('test send of a survey', () => {
  it('when an SMS test goes to one number, then it is rendered with sample data in the locale asked, says it is a test, and no invitation exists', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const id = await surveyId(ws, 'nps');
    const res = await testSend(ws, id, { channel: 'sms', to: '+33612340001', locale: 'fr' }).expect(
      200,
    );
    expect(res.body).toMatchObject({ test: true, channel: 'sms', locale: 'fr', contentSid: null });
    const [sms] = app.fakes.twilio.messages;
    expect(sms).toMatchObject({ to: '+33612340001', from: TWILIO_FROM, statusCallback: undefined });
    expect(sms!.body).toMatch(/^\[Test\] Bonjour Alex Martin, merci d'avoir contacté Acme/);
    expect(sms!.body).toContain(`${TEST_PUBLIC_URL}/s/test-message`);
    expect(await invitationCount(ws)).toBe(0);
  });

  it('when a WhatsApp test goes to a number outside the window, then the approved template is used; with none for the locale, 409 names the locale', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const id = await surveyId(ws, 'csat');
    await request(app.ctx.app)
      .patch(`/api/v1/surveys/${id}`)
      .set(ws.auth)
      .send({
        whatsappContent: {
          es: { contentSid: CONTENT_SID, variables: { '1': '{{customer.name}}', '2': '{{link}}' } },
        },
      })
      .expect(200);
    const res = await testSend(ws, id, { channel: 'whatsapp', to: '+33612340002', locale: 'es' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      contentSid: CONTENT_SID,
      contentVariables: { '1': 'Alex Martin', '2': `${TEST_PUBLIC_URL}/s/test-message` },
      text: null,
    });
    expect(app.fakes.twilio.messages[0]).toMatchObject({
      to: 'whatsapp:+33612340002',
      contentSid: CONTENT_SID,
      status: 'queued',
    });
    const none = await testSend(ws, id, { channel: 'whatsapp', to: '+33612340002', locale: 'de' });
    expect(none.status).toBe(409);
    expect(none.body.errors).toContainEqual(expect.objectContaining({ path: 'locale' }));
    expect(await invitationCount(ws)).toBe(0);
  });

  it('when an email test is sent, then its subject says Test; bad input names the field; a key without the admin scope may not', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const id = await surveyId(ws, 'ces');
    await testSend(ws, id, { channel: 'email', to: 'qa@example.com', locale: 'en' }).expect(200);
    expect(app.fakes.smtp.messages[0]?.subject).toMatch(/^\[Test\] /);

    const bad = await testSend(ws, id, { channel: 'sms', to: 'qa@example.com' }).expect(400);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ path: 'to' }));
    const badChannel = await testSend(ws, id, { channel: 'fax', to: '+33612340003' }).expect(400);
    expect(badChannel.body.errors).toContainEqual(expect.objectContaining({ path: 'channel' }));
    await testSend(ws, new Types.ObjectId().toHexString(), {
      channel: 'sms',
      to: '+33612340003',
    }).expect(404);

    const reader = await createTestWorkspace(app.ctx, 'Reader', ['reports:read']);
    await request(app.ctx.app)
      .post(`/api/v1/surveys/${id}/test-send`)
      .set(reader.auth)
      .send({ channel: 'sms', to: '+33612340003' })
      .expect(403);
  });
});

describe("rules' send_message on WhatsApp", () => {
  async function deliver(ws: TestWorkspace, action: object, phone: string) {
    const created = await request(app.ctx.app)
      .post('/api/v1/rules')
      .set(ws.auth)
      .send({
        name: 'Thank on WhatsApp',
        priority: 1,
        stop: true,
        conditions: null,
        actions: [action],
      })
      .expect(201);
    const { responseId } = await storedResponse(app.ctx, ws.workspaceId, {
      score: 9,
      channel: 'whatsapp',
      phone,
    });
    const log = await app.ctx.container.mongo.collection('action_log').insertOne({
      workspaceId: ws.workspaceId,
      responseId: new Types.ObjectId(responseId),
      ruleId: created.body.id,
      actionIndex: 0,
      type: 'send_message',
      status: 'running',
    });
    const job = { workspaceId: String(ws.workspaceId), logId: String(log.insertedId) };
    const outcome = await app.ctx.container.services.rules.deliverMessage(job);
    const stored = await app.ctx.container.mongo
      .collection('action_log')
      .findOne({ _id: log.insertedId });
    return { outcome, stored };
  }

  it('when the contact is outside the window and the action has no template, then it is skipped (no_whatsapp_template) and nothing is sent', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const { outcome, stored } = await deliver(
      ws,
      { type: 'send_message', channel: 'whatsapp', text: 'Merci {{customerName}} !' },
      '+33612340011',
    );
    expect(outcome).toBe('skipped');
    expect(stored?.error).toBe('no_whatsapp_template');
    expect(app.fakes.twilio.postCount()).toBe(0);
  });

  it('when outside the window with a template, then the template goes; inside the window, the free-form text', async () => {
    const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
    const action = {
      type: 'send_message',
      channel: 'whatsapp',
      text: 'Merci {{customerName}} !',
      whatsappContent: { en: { contentSid: CONTENT_SID, variables: { '1': '{{customerName}}' } } },
    };
    const outside = await deliver(ws, action, '+33612340012');
    expect(outside.outcome).toBe('done');
    expect(app.fakes.twilio.messages.at(-1)).toMatchObject({
      to: 'whatsapp:+33612340012',
      contentSid: CONTENT_SID,
      contentVariables: { '1': 'Alice' },
    });

    // The contact wrote on WhatsApp a minute ago (what the inbound webhook records).
    await app.ctx.container.services.whatsappSessions.recordInbound(
      ws.workspaceId,
      '+33612340013',
      WHATSAPP_FROM,
      new Date(Date.now() - 60_000),
    );
    const inside = await deliver(ws, action, '+33612340013');
    expect(inside.outcome).toBe('done');
    const freeform = app.fakes.twilio.messages.at(-1)!;
    expect(freeform.contentSid).toBeUndefined();
  });
});
