import { Types } from 'mongoose';
import pino from 'pino';
import request from 'supertest';
import { buildContainer } from '../../src/composition-root';
import { invitationModel } from '../../src/invitations/invitation.model';
import { responseModel } from '../../src/responses';
import { senderClaimModel } from '../../src/workspaces/sender-claim.model';
import { workspaceModel } from '../../src/workspaces/workspace.model';
import { postTwilioWebhook } from '../support/fake-twilio';
import {
  createTestWorkspace,
  startTestContext,
  type TestContext,
  type TestWorkspace,
} from '../support/harness';
import { linkInvitation } from './landing-helpers';

const AUTH_TOKEN = 'sender-numbers-auth-token';
const PUBLIC_URL = 'http://retour.test';
const SHARED_SMS = '+33700000001';
const SHARED_WHATSAPP = 'whatsapp:+14155238886';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestContext('sender-numbers', {
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    PUBLIC_URL,
    TWILIO_FROM: SHARED_SMS,
    TWILIO_WHATSAPP_FROM: SHARED_WHATSAPP,
  });
});
afterAll(() => ctx.close());

let seq = 0;
/** A fresh number for each use, so tests never share claims or phones. */
const nextNumber = (prefix: string) => `${prefix}${String(1000 + seq++).padStart(4, '0')}`;
const ownNumber = () => nextNumber('+3373000');
const customerPhone = () => nextNumber('+3361100');

const setNumbers = (ws: TestWorkspace, senderNumbers: string[]) =>
  request(ctx.app).patch('/api/v1/workspace').set(ws.auth).send({ senderNumbers });

const storedNumbers = async (ws: TestWorkspace) =>
  (await workspaceModel(ctx.container.mongo).findById(ws.workspaceId).lean())!.senderNumbers;

const claimsOf = (number: string) => senderClaimModel(ctx.container.mongo).find({ number }).lean();

function inbound(from: string, to: string, body: string) {
  const params = { MessageSid: `SM${new Types.ObjectId()}`, From: from, To: to, Body: body };
  return postTwilioWebhook(
    ctx.app,
    { token: AUTH_TOKEN, publicUrl: PUBLIC_URL },
    '/webhooks/twilio/inbound',
    params,
  );
}

/** An SMS invitation as the dispatch worker leaves it once sent (no worker runs here). */
async function sentSms(ws: TestWorkspace, phone: string, sentAt: Date) {
  const inv = await linkInvitation(ctx, ws, { phone, locale: 'en', channels: ['sms'] });
  await invitationModel(ctx.container.mongo).updateOne(
    { _id: inv.id },
    { $set: { status: 'sent', sentAt, channel: 'sms', to: phone } },
  );
  return inv;
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

const responsesOf = (invitationId: string) =>
  responseModel(ctx.container.mongo)
    .find({ invitationId: new Types.ObjectId(invitationId) })
    .lean();

/** Whether the workspace would still survey this phone by SMS (opted out or not). */
async function smsSurveyTo(ws: TestWorkspace, phone: string) {
  const res = await request(ctx.app)
    .post('/api/v1/interactions')
    .set(ws.auth)
    .send({
      id: `probe-${seq++}`,
      type: 'ticket.solved',
      customer: { id: `probe-${seq++}`, phone },
      survey: { type: 'csat', channels: ['sms'] },
    })
    .expect(202);
  return res.body.invitations[0] as { status: string; reason?: string };
}

function expectConflictOnSenderNumbers(res: request.Response) {
  expect(res.status).toBe(409);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.errors).toEqual([expect.objectContaining({ path: 'senderNumbers' })]);
}

describe('a sender number belongs to one workspace', () => {
  it("when workspace B lists A's number in another written form, then 409 naming senderNumbers, nothing changes, and A still gets the replies", async () => {
    const a = await createTestWorkspace(ctx, 'A');
    const b = await createTestWorkspace(ctx, 'B');
    const number = ownNumber();
    await setNumbers(a, [number]).expect(200);
    const bOwn = ownNumber();
    await setNumbers(b, [bOwn]).expect(200);

    const spaced = `${number.slice(0, 3)} ${number.slice(3, 4)} ${number.slice(4, 8)} ${number.slice(8)}`;
    for (const form of [spaced, `whatsapp:${number}`]) {
      const res = await setNumbers(b, [bOwn, ownNumber(), form]);
      expectConflictOnSenderNumbers(res);
      expect(res.body.detail).toContain(number);
    }
    expect(await storedNumbers(b)).toEqual([bOwn]);
    expect((await claimsOf(number)).map((c) => String(c.workspaceId))).toEqual([a.workspace.id]);
    const bClaims = await senderClaimModel(ctx.container.mongo)
      .find({ workspaceId: b.workspaceId })
      .lean();
    expect(bClaims.map((c) => c.number)).toEqual([bOwn]);

    // B surveyed the phone more recently, yet a reply to A's number is A's.
    const phone = customerPhone();
    const invA = await sentSms(a, phone, minutesAgo(10));
    const invB = await sentSms(b, phone, minutesAgo(1));
    const res = await inbound(phone, number, '9');
    expect(res.text).toContain('Thank you for your answer!');
    expect(await responsesOf(invA.id)).toHaveLength(1);
    expect(await responsesOf(invB.id)).toHaveLength(0);
  });

  it('when anyone lists the shared TWILIO_FROM or TWILIO_WHATSAPP_FROM, in any form, then 409 and nothing is claimed', async () => {
    const ws = await createTestWorkspace(ctx);
    for (const form of [
      '+33 7 00 00 00 01',
      `whatsapp:${SHARED_SMS}`,
      SHARED_WHATSAPP,
      '+14155238886',
    ]) {
      const res = await setNumbers(ws, [form]);
      expectConflictOnSenderNumbers(res);
      expect(res.body.detail).toMatch(/shared sender number; no workspace can claim it/);
    }
    expect(await storedNumbers(ws)).toEqual([]);
    expect(await claimsOf(SHARED_SMS)).toHaveLength(0);
    expect(await claimsOf('+14155238886')).toHaveLength(0);
  });

  it('when two workspaces claim the same number at once, then exactly one wins and the other gets 409', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await createTestWorkspace(ctx, 'A');
      const b = await createTestWorkspace(ctx, 'B');
      const number = ownNumber();
      const [ra, rb] = await Promise.all([setNumbers(a, [number]), setNumbers(b, [number])]);
      expect([ra.status, rb.status].sort()).toEqual([200, 409]);
      const [winner, loser] = ra.status === 200 ? [a, b] : [b, a];
      expectConflictOnSenderNumbers(ra.status === 409 ? ra : rb);
      expect((await claimsOf(number)).map((c) => String(c.workspaceId))).toEqual([
        winner.workspace.id,
      ]);
      expect(await storedNumbers(winner)).toEqual([number]);
      expect(await storedNumbers(loser)).toEqual([]);
      // The unique index, not the early look-up, is what settles a race.
      await expect(
        senderClaimModel(ctx.container.mongo).create({ number, workspaceId: loser.workspaceId }),
      ).rejects.toMatchObject({ code: 11000 });
    }
  });

  it('when a workspace re-saves its list, then that is fine; when it drops a number, then another workspace can claim it', async () => {
    const a = await createTestWorkspace(ctx, 'A');
    const b = await createTestWorkspace(ctx, 'B');
    const kept = ownNumber();
    const dropped = ownNumber();
    await setNumbers(a, [kept, dropped]).expect(200);
    const again = await setNumbers(a, [dropped, `whatsapp:${kept}`, kept]).expect(200);
    expect(again.body.senderNumbers).toEqual([dropped, `whatsapp:${kept}`, kept]);
    expect(await claimsOf(kept)).toHaveLength(1);

    expectConflictOnSenderNumbers(await setNumbers(b, [dropped]));
    await setNumbers(a, [kept]).expect(200);
    expect(await claimsOf(dropped)).toHaveLength(0);
    await setNumbers(b, [dropped]).expect(200);
    expect((await claimsOf(dropped)).map((c) => String(c.workspaceId))).toEqual([b.workspace.id]);
    expect((await claimsOf(kept)).map((c) => String(c.workspaceId))).toEqual([a.workspace.id]);
  });

  it('when a number is typed with spaces, then it is stored in E.164', async () => {
    const ws = await createTestWorkspace(ctx);
    const res = await setNumbers(ws, ['+33 7 30 00 99 01', 'whatsapp:+33 7 30 00 99 01']).expect(
      200,
    );
    expect(res.body.senderNumbers).toEqual(['+33730009901', 'whatsapp:+33730009901']);
    const bad = await setNumbers(ws, ['0612345678']).expect(400);
    expect(bad.body.errors[0].path).toBe('senderNumbers.0');
  });
});

describe('inbound messages reach one workspace only', () => {
  it('when a phone last invited by A sends STOP to the shared number, then A opts it out and B does not', async () => {
    const a = await createTestWorkspace(ctx, 'A');
    const b = await createTestWorkspace(ctx, 'B');
    const phone = customerPhone();
    await sentSms(b, phone, minutesAgo(30));
    await sentSms(a, phone, minutesAgo(5));
    await inbound(phone, SHARED_SMS, 'STOP');
    expect(await smsSurveyTo(a, phone)).toMatchObject({
      status: 'suppressed',
      reason: 'opted_out',
    });
    expect(await smsSurveyTo(b, phone)).toMatchObject({ status: 'scheduled' });
  });

  it('when a reply to the shared number comes from a phone both workspaces surveyed, then only the last sender records it', async () => {
    const a = await createTestWorkspace(ctx, 'A');
    const b = await createTestWorkspace(ctx, 'B');
    const phone = customerPhone();
    const invA = await sentSms(a, phone, minutesAgo(3));
    const invB = await sentSms(b, phone, minutesAgo(20));
    await inbound(phone, SHARED_SMS, '8').expect(/Thank you for your answer!/);
    expect(await responsesOf(invA.id)).toHaveLength(1);
    expect(await responsesOf(invB.id)).toHaveLength(0);
  });

  it('when two invitations were sent at the same instant, then the later _id decides', async () => {
    const a = await createTestWorkspace(ctx, 'A');
    const b = await createTestWorkspace(ctx, 'B');
    const phone = customerPhone();
    const at = minutesAgo(4);
    const first = await sentSms(a, phone, at);
    const second = await sentSms(b, phone, at);
    // Same sentAt and createdAt, so only _id is left to order them.
    await invitationModel(ctx.container.mongo).collection.updateMany(
      { _id: { $in: [first.id, second.id].map((id) => new Types.ObjectId(id)) } },
      { $set: { createdAt: at } },
    );
    const [low, high] = first.id < second.id ? [first, second] : [second, first];
    await inbound(phone, SHARED_SMS, '7');
    expect(await responsesOf(high.id)).toHaveLength(1);
    expect(await responsesOf(low.id)).toHaveLength(0);
  });

  it("when a reply reaches A's claimed number from a phone only B surveyed, then it never reaches B", async () => {
    const a = await createTestWorkspace(ctx, 'A');
    const b = await createTestWorkspace(ctx, 'B');
    const number = ownNumber();
    await setNumbers(a, [number]).expect(200);
    const phone = customerPhone();
    const invB = await sentSms(b, phone, minutesAgo(2));
    const res = await inbound(phone, number, '10 great');
    expect(res.text).not.toContain('<Message>');
    expect(await responsesOf(invB.id)).toHaveLength(0);
    await inbound(phone, number, 'STOP');
    expect(await smsSurveyTo(b, phone)).toMatchObject({ status: 'scheduled' });
    expect(await smsSurveyTo(a, phone)).toMatchObject({
      status: 'suppressed',
      reason: 'opted_out',
    });
  });
});

describe('start-up migration of numbers listed before claims existed', () => {
  it('when two workspaces list the same number, then the older keeps it, the conflict is logged with both ids, and a restart changes nothing', async () => {
    const older = await createTestWorkspace(ctx, 'Older');
    const younger = await createTestWorkspace(ctx, 'Younger');
    const shared = ownNumber();
    const onlyYounger = ownNumber();
    const Workspaces = workspaceModel(ctx.container.mongo);
    // As an earlier version stored them: no claims, the younger one listed first.
    await Workspaces.updateOne(
      { _id: younger.workspaceId },
      { $set: { senderNumbers: [shared, onlyYounger, SHARED_SMS] } },
    );
    await Workspaces.updateOne({ _id: older.workspaceId }, { $set: { senderNumbers: [shared] } });

    const restart = async () => {
      const lines: Record<string, unknown>[] = [];
      const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(JSON.parse(l)) });
      const container = await buildContainer(ctx.container.config, { logger });
      await container.close();
      return lines;
    };
    const first = await restart();
    expect(first).toContainEqual(
      expect.objectContaining({
        number: shared,
        workspaceId: younger.workspace.id,
        heldBy: older.workspace.id,
        msg: expect.stringMatching(/listed by two workspaces/),
      }),
    );
    expect(first).toContainEqual(
      expect.objectContaining({ number: SHARED_SMS, workspaceId: younger.workspace.id }),
    );
    expect((await claimsOf(shared)).map((c) => String(c.workspaceId))).toEqual([
      older.workspace.id,
    ]);
    expect((await claimsOf(onlyYounger)).map((c) => String(c.workspaceId))).toEqual([
      younger.workspace.id,
    ]);
    expect(await claimsOf(SHARED_SMS)).toHaveLength(0);

    const second = await restart();
    expect(second.filter((l) => l.msg === 'sender numbers claimed')).toEqual([]);
    expect(await claimsOf(shared)).toHaveLength(1);

    const phone = customerPhone();
    await inbound(phone, shared, 'STOP');
    expect(await smsSurveyTo(older, phone)).toMatchObject({ reason: 'opted_out' });
    expect(await smsSurveyTo(younger, phone)).toMatchObject({ status: 'scheduled' });
  });
});
