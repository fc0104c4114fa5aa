import { Types } from 'mongoose';
import request from 'supertest';
import { invitationModel } from '../../src/invitations/invitation.model';
import { responseModel } from '../../src/responses';
import { signTwilioRequest } from '../support/fake-twilio';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { linkInvitation } from './landing-helpers';

const AUTH_TOKEN = 'sms-reply-test-auth-token';
const PUBLIC_URL = 'http://retour.test';
const OUR_NUMBER = '+33700000001';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('sms-reply', { TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_URL });
});
afterAll(() => ctx.close());

let phones = 0;
const nextPhone = () => `+336123456${String(10 + (phones++ % 90))}`;

/** An SMS invitation the dispatch worker has sent (the worker itself is not running here). */
async function sentSms(ws: TestWorkspace, phone: string, locale: 'fr' | 'en' = 'fr') {
  const inv = await linkInvitation(ctx, ws, { phone, locale, channels: ['sms'] });
  await invitationModel(ctx.container.mongo).updateOne(
    { _id: inv.id },
    { $set: { status: 'sent', sentAt: new Date(Date.now() - 60_000), channel: 'sms', to: phone } },
  );
  return inv;
}

function reply(from: string, body: string) {
  const params = {
    MessageSid: `SM${new Types.ObjectId()}`,
    From: from,
    To: OUR_NUMBER,
    Body: body,
  };
  const url = `${PUBLIC_URL}/webhooks/twilio/inbound`;
  return request(ctx.app)
    .post('/webhooks/twilio/inbound')
    .set('X-Twilio-Signature', signTwilioRequest(AUTH_TOKEN, url, params))
    .type('form')
    .send(params)
    .expect(200);
}

const responsesOf = (invitationId: string) =>
  responseModel(ctx.container.mongo)
    .find({ invitationId: new Types.ObjectId(invitationId) })
    .lean();

describe('answers by SMS reply', () => {
  it('when a customer replies "9 super service", then a promoter is recorded from the SMS and thanked with the link', async () => {
    const ws = await createTestWorkspace(ctx);
    const phone = nextPhone();
    const inv = await sentSms(ws, phone);
    const res = await reply(phone, '9 super service');
    expect(res.text).toContain(
      '<Message>Merci pour votre réponse ! Pour ajouter un commentaire : ',
    );
    expect(res.text).toContain(`${PUBLIC_URL}${inv.path}</Message>`);
    const [stored] = await responsesOf(inv.id);
    expect(stored).toMatchObject({
      score: 9,
      category: 'promoter',
      comment: 'super service',
      source: 'sms-reply',
      channel: 'sms',
    });
    expect(stored!.timing).toBeGreaterThanOrEqual(59);
    expect((await invitationModel(ctx.container.mongo).findById(inv.id).lean())!.status).toBe(
      'answered',
    );
  });

  it('when a reply from WhatsApp says "Note : huit", then it is read as 8', async () => {
    const ws = await createTestWorkspace(ctx);
    const phone = nextPhone();
    const inv = await sentSms(ws, phone, 'en');
    const res = await reply(`whatsapp:${phone}`, 'Note : huit');
    expect(res.text).toContain('Thank you for your answer! To add a comment:');
    expect((await responsesOf(inv.id))[0]).toMatchObject({ score: 8, category: 'passive' });
  });

  it('when a reply holds no score, then one polite re-ask, and the next unreadable reply is kept as a comment-only note', async () => {
    const ws = await createTestWorkspace(ctx);
    const phone = nextPhone();
    const inv = await sentSms(ws, phone, 'en');
    const first = await reply(phone, 'twelve!!');
    expect(first.text).toContain('Please reply with a number from 0 to 10.');
    expect(await responsesOf(inv.id)).toHaveLength(0);
    const second = await reply(phone, 'the agent was rude');
    expect(second.text).toContain('your message has been passed on');
    expect(second.text).not.toContain('number from 0 to 10');
    const [note] = await responsesOf(inv.id);
    expect(note).toMatchObject({
      score: null,
      category: null,
      comment: 'the agent was rude',
      answeredAt: null,
    });
    const third = await reply(phone, '2');
    expect(third.text).toContain('Thank you for your answer!');
    expect((await responsesOf(inv.id))[0]).toMatchObject({
      score: 2,
      category: 'detractor',
      comment: 'the agent was rude',
    });
  });

  it('when an out-of-scale score comes back on a CSAT survey, then it is re-asked with the CSAT range', async () => {
    const ws = await createTestWorkspace(ctx);
    const phone = nextPhone();
    const inv = await linkInvitation(ctx, ws, {
      phone,
      locale: 'fr',
      channels: ['sms'],
      type: 'csat',
    });
    await invitationModel(ctx.container.mongo).updateOne(
      { _id: inv.id },
      { $set: { status: 'delivered', sentAt: new Date(), channel: 'sms', to: phone } },
    );
    const res = await reply(phone, '9');
    expect(res.text).toContain('Répondez par un chiffre de 1 à 5.');
  });

  it('when the reply is STOP, then the opt-out wins and nothing is recorded', async () => {
    const ws = await createTestWorkspace(ctx);
    const phone = nextPhone();
    const inv = await sentSms(ws, phone);
    const res = await reply(phone, 'STOP');
    expect(res.text).not.toContain('<Message>');
    expect(await responsesOf(inv.id)).toHaveLength(0);
  });

  it('when two open invitations to the number were sent and made at the same instant, then the reply answers the higher id', async () => {
    const ws = await createTestWorkspace(ctx);
    const phone = nextPhone();
    const older = await sentSms(ws, phone);
    const newer = await sentSms(ws, phone);
    // The precondition the test rests on: the one stored first has the lower id, so a store
    // keeping insertion order for equal times would pick it without the _id tie-breaker.
    expect(older.id < newer.id).toBe(true);
    const at = new Date(Date.now() - 60_000);
    await invitationModel(ctx.container.mongo).collection.updateMany(
      { _id: { $in: [new Types.ObjectId(older.id), new Types.ObjectId(newer.id)] } },
      { $set: { sentAt: at, createdAt: at } },
    );
    await reply(phone, '7');
    expect(await responsesOf(older.id)).toEqual([]);
    expect(await responsesOf(newer.id)).toEqual([expect.objectContaining({ score: 7 })]);
  });

  it('when the number has no open invitation, then the reply is ignored', async () => {
    const ws = await createTestWorkspace(ctx);
    const phone = nextPhone();
    const inv = await sentSms(ws, phone);
    await invitationModel(ctx.container.mongo).updateOne(
      { _id: inv.id },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    const res = await reply(phone, '9');
    expect(res.text).not.toContain('<Message>');
    expect(await responsesOf(inv.id)).toHaveLength(0);
  });
});
