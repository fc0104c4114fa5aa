import { Types } from 'mongoose';
import { invitationModel } from '../../src/invitations/invitation.model';
import type { TestContext, TestWorkspace } from '../support/harness';

let seq = 0;

/**
 * Invitations sent through Twilio (status "sent", a provider id), all created at `createdAt`,
 * for the log's tests; equal creation times on purpose, so paging cannot lean on them.
 */
export async function sentInvitations(
  ctx: TestContext,
  ws: TestWorkspace,
  count: number,
  options: { createdAt?: Date; channel?: string; surveyId?: string; surveyType?: string } = {},
) {
  const at = options.createdAt ?? new Date();
  const survey =
    options.surveyId ??
    (await ctx.container.services.surveys.findDefault(ws.workspaceId, 'nps'))!.id;
  const docs = Array.from({ length: count }, () => {
    seq += 1;
    return {
      _id: new Types.ObjectId(),
      workspaceId: ws.workspaceId,
      interactionId: new Types.ObjectId(),
      surveyId: new Types.ObjectId(survey),
      surveyType: options.surveyType ?? 'nps',
      contactId: new Types.ObjectId(),
      channels: [options.channel ?? 'sms'],
      channel: options.channel ?? 'sms',
      to: `+3361234${String(seq).padStart(4, '0')}`,
      locale: 'fr',
      tokenHash: new Types.ObjectId().toHexString(),
      status: 'sent',
      expiresAt: new Date(at.getTime() + 7 * 86400_000),
      sentAt: at,
      providerId: `SM${new Types.ObjectId().toHexString()}`,
      history: [
        { status: 'scheduled', at, detail: null },
        { status: 'sent', at, detail: null },
      ],
      createdAt: at,
      updatedAt: at,
    };
  });
  await invitationModel(ctx.container.mongo).collection.insertMany(docs);
  return docs.map((d) => ({ id: String(d._id), providerId: d.providerId }));
}

/** Twilio's status callback for a send that did not arrive, through the invitations service. */
export async function failWithTwilio(ctx: TestContext, providerId: string, errorCode: string) {
  const outcome = await ctx.container.services.invitations.applyReceipt({
    providerId,
    status: 'undelivered',
    errorCode,
    at: new Date(),
  });
  if (!outcome.applied) throw new Error(`receipt not applied: ${outcome.why}`);
}
