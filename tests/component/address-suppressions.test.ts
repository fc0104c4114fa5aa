import { Types } from 'mongoose';
import request from 'supertest';
import { postTwilioWebhook } from '../support/fake-twilio';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';

const AUTH_TOKEN = 'address-suppressions-auth-token';
const PUBLIC_URL = 'http://retour.test';
const SHARED_NUMBER = '+33700000042';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('address-suppressions', {
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    PUBLIC_URL,
  });
});
afterAll(() => ctx.close());

function inbound(from: string, body: string, to = SHARED_NUMBER) {
  const params = { MessageSid: `SM${new Types.ObjectId()}`, From: from, To: to, Body: body };
  const auth = { token: AUTH_TOKEN, publicUrl: PUBLIC_URL };
  return postTwilioWebhook(ctx.app, auth, '/webhooks/twilio/inbound', params);
}

let seq = 0;
async function survey(ws: TestWorkspace, customer: Record<string, string>, channels: string[]) {
  seq += 1;
  const res = await request(ctx.app)
    .post('/api/v1/interactions')
    .set(ws.auth)
    .send({ id: `addr-${seq}`, type: 'ticket.solved', customer, survey: { type: 'nps', channels } })
    .expect(202);
  return res.body.invitations[0] as { status: string; reason?: string; channel: string };
}

describe('opt-outs kept by address', () => {
  it('when a phone Retour has never seen texts STOP, then a later survey to it is suppressed: opted_out, and START lifts it', async () => {
    const ws = await createTestWorkspace(ctx);
    const phone = '+33611110001';
    await inbound(phone, 'STOP');
    expect(await survey(ws, { id: 'new-1', phone }, ['sms'])).toMatchObject({
      status: 'suppressed',
      reason: 'opted_out',
    });
    await inbound(phone, 'START');
    expect(await survey(ws, { id: 'new-2', phone }, ['sms'])).toMatchObject({
      status: 'scheduled',
    });
  });

  it("when STOP reaches a workspace's own number, then only that workspace suppresses the phone", async () => {
    const own = await createTestWorkspace(ctx, 'Own number');
    const other = await createTestWorkspace(ctx, 'Other');
    const ownNumber = '+33700000077';
    await request(ctx.app)
      .patch('/api/v1/workspace')
      .set(own.auth)
      .send({ senderNumbers: [ownNumber] })
      .expect(200);
    const phone = '+33611110002';
    await inbound(phone, 'STOP', ownNumber);
    expect(await survey(own, { id: 'own-1', phone }, ['sms'])).toMatchObject({
      reason: 'opted_out',
    });
    expect(await survey(other, { id: 'other-1', phone }, ['sms'])).toMatchObject({
      status: 'scheduled',
    });
  });

  it('when an email address unsubscribed, then the same address under another customer id is suppressed', async () => {
    const ws = await createTestWorkspace(ctx);
    const email = 'leave-me@example.com';
    await survey(ws, { id: 'first-id', email }, ['link']);
    const res = await request(ctx.app)
      .post('/api/v1/interactions')
      .set(ws.auth)
      .send({
        id: 'addr-unsub',
        type: 'ticket.solved',
        customer: { id: 'first-id', email },
        survey: { type: 'csat', channels: ['link'] },
      })
      .expect(202);
    const token = new URL(res.body.invitations[0].url).pathname.split('/')[2];
    await request(ctx.app)
      .post(`/s/${token}/unsubscribe`)
      .type('form')
      .send({ 'List-Unsubscribe': 'One-Click' });
    expect(
      await survey(ws, { id: 'second-id', email: 'Leave-Me@example.com' }, ['email']),
    ).toMatchObject({
      status: 'suppressed',
      reason: 'opted_out',
    });
  });
});
