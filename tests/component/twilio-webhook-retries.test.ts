import { Types } from 'mongoose';
import { invitationModel } from '../../src/invitations/invitation.model';
import { webhookReceiptModel } from '../../src/invitations/webhook-receipt.model';
import { responseModel } from '../../src/responses';
import { postTwilioWebhook } from '../support/fake-twilio';
import { createTestWorkspace, startTestContext, type TestContext } from '../support/harness';
import { linkInvitation } from './landing-helpers';

const AUTH_TOKEN = 'webhook-retries-auth-token';
const PUBLIC_URL = 'http://retour.test';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('twilio-webhook-retries', {
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    PUBLIC_URL,
  });
});
afterAll(() => ctx.close());

const post = (path: string, params: Record<string, string>) =>
  postTwilioWebhook(ctx.app, { token: AUTH_TOKEN, publicUrl: PUBLIC_URL }, path, params);

/** An SMS invitation the dispatch worker has sent (no worker runs here). */
async function sentSms(phone: string, locale: 'fr' | 'en') {
  const ws = await createTestWorkspace(ctx);
  const inv = await linkInvitation(ctx, ws, { phone, locale, channels: ['sms'] });
  await invitationModel(ctx.container.mongo).updateOne(
    { _id: inv.id },
    { $set: { status: 'sent', sentAt: new Date(Date.now() - 60_000), channel: 'sms', to: phone } },
  );
  return inv;
}

describe('Twilio retries the same webhook', () => {
  it('when one inbound reply is delivered five times, then one answer is stored and thanked once', async () => {
    const phone = '+33612340001';
    const inv = await sentSms(phone, 'fr');
    const params = {
      MessageSid: `SM${new Types.ObjectId()}`,
      From: phone,
      To: '+33700000009',
      Body: '3 trop long',
    };

    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await post('/webhooks/twilio/inbound', params));
    const thanked = answers.filter((a) => a.text.includes('<Message>'));
    expect(thanked).toHaveLength(1);
    expect(thanked[0]!.text).toContain('Merci');

    const stored = await responseModel(ctx.container.mongo)
      .find({ invitationId: new Types.ObjectId(inv.id) })
      .lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ score: 3, comment: 'trop long', version: 1 });
  });

  it('when five concurrent deliveries of one reply race, then still one answer and one thank-you', async () => {
    const phone = '+33612340002';
    const inv = await sentSms(phone, 'en');
    const params = {
      MessageSid: `SM${new Types.ObjectId()}`,
      From: phone,
      To: '+33700000009',
      Body: '10',
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => post('/webhooks/twilio/inbound', params)),
    );
    expect(answers.filter((a) => a.text.includes('<Message>'))).toHaveLength(1);
    const stored = await responseModel(ctx.container.mongo)
      .find({ invitationId: new Types.ObjectId(inv.id) })
      .lean();
    expect(stored.map((r) => r.version)).toEqual([1]);
  });

  it('when a status callback is repeated, then it is remembered once per status for at least 7 days', async () => {
    const sid = `SM${new Types.ObjectId()}`;
    for (let i = 0; i < 3; i++) {
      await post('/webhooks/twilio/status', { MessageSid: sid, MessageStatus: 'delivered' });
    }
    await post('/webhooks/twilio/status', { MessageSid: sid, MessageStatus: 'read' });
    const Receipts = webhookReceiptModel(ctx.container.mongo);
    const keys = (await Receipts.find({ key: new RegExp(sid) }).lean()).map((r) => r.key).sort();
    expect(keys).toEqual([`twilio-status:${sid}:delivered`, `twilio-status:${sid}:read`]);
    const ttl = (await Receipts.collection.indexes()).find(
      (i) => i.expireAfterSeconds !== undefined,
    );
    expect(ttl?.expireAfterSeconds).toBeGreaterThanOrEqual(7 * 24 * 3600);
  });
});
