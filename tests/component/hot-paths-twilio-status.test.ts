import request from 'supertest';
import twilio from 'twilio';
import { invitationModel } from '../../src/invitations/invitation.model';
import { startDeliveryFakes, TEST_PUBLIC_URL, type DeliveryFakes } from '../support/delivery-env';
import { createAnyTimeWorkspace } from '../support/harness';
import { startCountingContext } from '../support/round-trips';
import { testEnv } from '../support/test-env';

/** The Twilio status callback's round trips (issue 15), through command monitoring. */
let fakes: DeliveryFakes;
let counting: Awaited<ReturnType<typeof startCountingContext>>;
beforeAll(async () => {
  fakes = await startDeliveryFakes();
  counting = await startCountingContext(
    'hot-twilio-status',
    testEnv('hot-twilio-status').MONGODB_URI!,
    fakes.env,
  );
});
afterAll(async () => {
  await counting.ctx.close();
  await fakes.close();
});

const PATH = '/webhooks/twilio/status';
const callback = (params: Record<string, string>) =>
  request(counting.ctx.app)
    .post(PATH)
    .type('form')
    .send(params)
    .set(
      'X-Twilio-Signature',
      twilio.getExpectedTwilioSignature(
        fakes.twilio.authToken,
        `${TEST_PUBLIC_URL}${PATH}`,
        params,
      ),
    )
    .expect(200);

describe('Twilio status callback round trips', () => {
  it('when a delivery receipt arrives, then the invitation moves in one command beside the dedupe receipt; a repeat changes nothing', async () => {
    const { ctx, measure } = counting;
    const ws = await createAnyTimeWorkspace(ctx);
    const res = await request(ctx.app)
      .post('/api/v1/interactions')
      .set(ws.auth)
      .send({
        id: 'ticket-1',
        type: 'ticket.solved',
        customer: { id: 'c-1', phone: '+33612345678' },
        survey: { type: 'nps', channels: ['sms'] },
      })
      .expect(202);
    const id = res.body.invitations[0].id as string;
    const sid = 'SM0123456789abcdef0123456789abcdef';
    const Invitations = invitationModel(ctx.container.mongo);
    await Invitations.updateOne({ _id: id }, { $set: { status: 'sent', providerId: sid } });

    const params = { MessageSid: sid, MessageStatus: 'delivered' };
    const trips = await measure(() => callback(params));
    expect(trips.mongo).toEqual(['insert webhook_receipts', 'findAndModify invitations']);
    expect(trips.redis).toEqual([]);
    const stored = await Invitations.findById(id).lean().orFail();
    expect(stored.status).toBe('delivered');
    expect(stored.deliveredAt).toBeInstanceOf(Date);
    // The test set "sent" directly, without a history entry.
    expect(stored.history.map((h) => h.status)).toEqual(['scheduled', 'delivered']);

    await callback({ MessageSid: sid, MessageStatus: 'sent' });
    const after = await Invitations.findById(id).lean().orFail();
    expect(after.status).toBe('delivered');
    expect(after.history.filter((h) => h.status === 'delivered')).toHaveLength(1);
  });
});
