import { Types } from 'mongoose';
import request from 'supertest';
import { useDeliveryApp } from '../support/delivery-env';
import { createAnyTimeWorkspace } from '../support/harness';

/**
 * A dispatch job whose lock expired while its worker was still sending (a starved event loop)
 * runs a second time. The second run must not send while the first one's claim is live.
 */
const app = useDeliveryApp('dispatch-live-claim');

it('when another run claimed the send moments ago, then the job retries later without sending; as the last attempt it looks the message up and sends once', async () => {
  const ws = await createAnyTimeWorkspace(app.ctx, 'Acme');
  const phone = '+33612999001';
  const res = await request(app.ctx.app)
    .post('/api/v1/interactions')
    .set(ws.auth)
    .send({
      id: 'claim-1',
      type: 'ticket.solved',
      customer: { id: 'claim-1', phone, locale: 'en' },
      // Delayed: no worker would send it now; this test runs the job by hand.
      survey: { type: 'nps', channels: ['sms'], delay: 'PT1H' },
    })
    .expect(202);
  const invitationId = res.body.invitations[0].id as string;
  const invitations = app.ctx.container.mongo.collection('invitations');
  // As the first run leaves it between its claim and Twilio's answer.
  await invitations.updateOne(
    { _id: new Types.ObjectId(invitationId) },
    { $set: { status: 'sending', sendingAt: new Date(), channel: 'sms', to: phone } },
  );
  const job = { invitationId, workspaceId: String(ws.workspaceId), kind: 'initial' as const };
  const { dispatch } = app.ctx.container.services;

  await expect(dispatch.run(job, { isLast: false })).rejects.toThrow(
    /claimed this send moments ago/,
  );
  expect(app.fakes.twilio.messages.filter((m) => m.to === phone)).toHaveLength(0);
  expect((await invitations.findOne({ _id: new Types.ObjectId(invitationId) }))?.status).toBe(
    'sending',
  );

  // The last attempt does not leave the invitation stuck: nothing at Twilio, so it sends once.
  await expect(dispatch.run(job, { isLast: true })).resolves.toMatchObject({ kind: 'sent' });
  await expect(dispatch.run(job, { isLast: true })).resolves.toMatchObject({ kind: 'skipped' });
  expect(app.fakes.twilio.messages.filter((m) => m.to === phone)).toHaveLength(1);
});
