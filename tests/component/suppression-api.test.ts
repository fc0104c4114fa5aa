import { Types } from 'mongoose';
import request from 'supertest';
import { invitationModel } from '../../src/invitations/invitation.model';
import { useDeliveryApp } from '../support/delivery-env';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

const app = useDeliveryApp('suppression-api');

let seq = 0;
async function post(
  ws: TestWorkspace,
  overrides: Record<string, unknown> = {},
  customer: Record<string, unknown> = {},
) {
  seq += 1;
  const res = await request(app.ctx.app)
    .post('/api/v1/interactions')
    .set(ws.auth)
    .send({
      id: `i-${seq}`,
      type: 'ticket.solved',
      customer: {
        id: `c-${seq}`,
        phone: '+33612345678',
        email: 'a@example.com',
        timezone: 'Europe/Paris',
        ...customer,
      },
      survey: { type: 'nps', channels: ['sms'] },
      ...overrides,
    })
    .expect(202);
  return res.body.invitations[0] as {
    status: string;
    reason?: string;
    channel: string | null;
    scheduledFor: string | null;
    url: string | null;
  };
}

describe('suppression at scheduling time, with the reason stored and returned', () => {
  it('when the contact opted out of the only channel, then suppressed: opted_out', async () => {
    const ws = await createTestWorkspace(app.ctx);
    await post(ws, {}, { id: 'optout' });
    await app.ctx.container.mongo
      .collection('contacts')
      .updateOne(
        { workspaceId: ws.workspaceId, externalId: 'optout' },
        { $set: { 'optOut.sms': true } },
      );
    const inv = await post(ws, { survey: { type: 'csat', channels: ['sms'] } }, { id: 'optout' });
    expect(inv).toMatchObject({
      status: 'suppressed',
      reason: 'opted_out',
      scheduledFor: null,
      url: null,
    });
    const stored = await app.ctx.container.mongo
      .collection('invitations')
      .findOne({ workspaceId: ws.workspaceId, status: 'suppressed' });
    expect(stored?.reason).toBe('opted_out');
  });

  it('when the contact opted out of SMS but email is allowed, then it falls back to email', async () => {
    const ws = await createTestWorkspace(app.ctx);
    await post(ws, {}, { id: 'fallback' });
    await app.ctx.container.mongo
      .collection('contacts')
      .updateOne(
        { workspaceId: ws.workspaceId, externalId: 'fallback' },
        { $set: { 'optOut.sms': true } },
      );
    const inv = await post(
      ws,
      { survey: { type: 'csat', channels: ['sms', 'email'] } },
      { id: 'fallback' },
    );
    expect(inv).toMatchObject({ status: 'scheduled', channel: 'email' });
  });

  it('when the contact got a survey of the same type within the fatigue window, then suppressed: fatigue; another type still goes', async () => {
    const ws = await createTestWorkspace(app.ctx);
    expect(await post(ws, {}, { id: 'tired' })).toMatchObject({ status: 'scheduled' });
    expect(await post(ws, {}, { id: 'tired' })).toMatchObject({
      status: 'suppressed',
      reason: 'fatigue',
    });
    expect(
      await post(ws, { survey: { type: 'ces', channels: ['sms'] } }, { id: 'tired' }),
    ).toMatchObject({ status: 'scheduled' });
    await request(app.ctx.app)
      .patch('/api/v1/workspace')
      .set(ws.auth)
      .send({ fatigueWindowDays: 0 })
      .expect(200);
    expect(await post(ws, {}, { id: 'tired' })).toMatchObject({ status: 'scheduled' });
  });

  it('when two earlier surveys were scheduled for the same time, then the later created (higher id) decides the fatigue', async () => {
    const ws = await createTestWorkspace(app.ctx);
    // A CES survey makes the contact without counting for NPS fatigue.
    await post(ws, { survey: { type: 'ces', channels: ['sms'] } }, { id: 'tied' });
    const contact = await app.ctx.container.mongo
      .collection('contacts')
      .findOne({ workspaceId: ws.workspaceId, key: 'id:tied' });
    const day = 86400_000;
    const scheduledFor = new Date(Date.now() - 40 * day);
    const invitation = (_id: Types.ObjectId, answeredAt: Date | null) => ({
      _id,
      workspaceId: ws.workspaceId,
      interactionId: new Types.ObjectId(),
      surveyId: new Types.ObjectId(),
      contactId: contact!._id,
      surveyType: 'nps',
      channels: ['sms'],
      channel: 'sms',
      locale: 'en',
      tokenHash: new Types.ObjectId().toHexString(),
      status: answeredAt ? 'answered' : 'sent',
      scheduledFor,
      sentAt: scheduledFor,
      answeredAt,
      expiresAt: new Date(scheduledFor.getTime() + 7 * day),
    });
    const [lower, higher] = [new Types.ObjectId(), new Types.ObjectId()];
    // The higher id, answered two days ago, is stored last: a store keeping insertion order
    // for equal times would read the lower one (40 days old) and let the survey go.
    await invitationModel(app.ctx.container.mongo).collection.insertMany([
      invitation(lower, null),
      invitation(higher, new Date(Date.now() - 2 * day)),
    ]);
    expect(await post(ws, {}, { id: 'tied' })).toMatchObject({
      status: 'suppressed',
      reason: 'fatigue',
    });
  });

  it('when a trigger samples 0%, then suppressed: sampled_out', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const surveys = await request(app.ctx.app).get('/api/v1/surveys').set(ws.auth).expect(200);
    await request(app.ctx.app)
      .post('/api/v1/triggers')
      .set(ws.auth)
      .send({
        name: 'none',
        eventType: 'ticket.solved',
        surveyId: surveys.body.surveys[0].id,
        channels: ['sms'],
        samplingRate: 0,
      })
      .expect(201);
    expect(await post(ws, { survey: undefined })).toMatchObject({
      status: 'suppressed',
      reason: 'sampled_out',
    });
  });

  it('when no allowed channel has an address, then suppressed: no_address', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const inv = await post(
      ws,
      { survey: { type: 'nps', channels: ['whatsapp', 'chat'] } },
      { phone: undefined },
    );
    expect(inv).toMatchObject({ status: 'suppressed', reason: 'no_address' });
  });

  it('when the link would expire before the send, then suppressed: expired', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const longAgo = new Date(Date.now() - 8 * 86_400_000).toISOString();
    expect(await post(ws, { occurredAt: longAgo })).toMatchObject({
      status: 'suppressed',
      reason: 'expired',
    });
  });

  it('when the send would land at 22:30 in Paris the night before the spring DST change, then it moves to 09:00 CEST', async () => {
    const ws = await createTestWorkspace(app.ctx);
    // 2027-03-27 21:30Z is 22:30 CET; Paris moves to CEST (UTC+2) at 02:00 on 2027-03-28.
    const inv = await post(ws, { occurredAt: '2027-03-27T21:30:00Z' });
    expect(inv).toMatchObject({ status: 'scheduled', scheduledFor: '2027-03-28T07:00:00.000Z' });
  });

  it('when the send would land at 23:00 in Paris the night of the autumn DST change, then it moves to 09:00 CET', async () => {
    const ws = await createTestWorkspace(app.ctx);
    // 2027-10-30 21:00Z is 23:00 CEST; Paris is back on CET (UTC+1) from 03:00 on 2027-10-31.
    const inv = await post(ws, { occurredAt: '2027-10-30T21:00:00Z' });
    expect(inv).toMatchObject({ status: 'scheduled', scheduledFor: '2027-10-31T08:00:00.000Z' });
  });

  it("when the contact has no time zone, then the workspace's applies", async () => {
    const ws = await createTestWorkspace(app.ctx);
    await request(app.ctx.app)
      .patch('/api/v1/workspace')
      .set(ws.auth)
      .send({ timezone: 'America/New_York' })
      .expect(200);
    // 2027-06-02 03:00Z is 23:00 in New York (EDT, UTC-4): deferred to 09:00 EDT = 13:00Z.
    const inv = await post(ws, { occurredAt: '2027-06-02T03:00:00Z' }, { timezone: undefined });
    expect(inv.scheduledFor).toBe('2027-06-02T13:00:00.000Z');
  });

  it('when the channel is link, then quiet hours do not apply (nothing is sent)', async () => {
    const ws = await createTestWorkspace(app.ctx);
    const inv = await post(ws, {
      occurredAt: '2027-03-27T21:30:00Z',
      survey: { type: 'nps', channels: ['link'] },
    });
    expect(inv.scheduledFor).toBe('2027-03-27T21:30:00.000Z');
  });
});
