import type { Types } from 'mongoose';
import { explainTwilioError } from '../channels/twilio-error-codes';
import type { InvitationModel } from './invitation.model';
import { canAdvance, mapTwilioStatus, type InvitationStatus } from './invitation-status';

export interface DeliveryReceipt {
  providerId: string;
  status: string;
  errorCode?: string;
  at: Date;
  /** Set when the callback came to a workspace's own URL: only its invitations match. */
  workspaceId?: Types.ObjectId;
}

export type ReceiptOutcome =
  | { applied: false; why: 'unknown_message' | 'not_a_send_status' | 'stale' }
  | {
      applied: true;
      status: InvitationStatus;
      invitationId: string;
      workspaceId: string;
      contactId: string;
      channel: string;
    };

const TIMESTAMP_OF: Partial<Record<InvitationStatus, string>> = {
  sent: 'sentAt',
  delivered: 'deliveredAt',
};

/**
 * Applies a provider receipt to the invitation (or its reminder) it belongs to. Never moves an
 * invitation backwards, so duplicates and out-of-order receipts are harmless.
 */
export async function applyDeliveryReceipt(
  Invitations: InvitationModel,
  receipt: DeliveryReceipt,
): Promise<ReceiptOutcome> {
  const status = mapTwilioStatus(receipt.status);
  const scope = receipt.workspaceId ? { workspaceId: receipt.workspaceId } : {};
  const invitation = await Invitations.findOne({ providerId: receipt.providerId, ...scope }).lean();
  if (!invitation) {
    const reminderOf = await Invitations.findOne({
      'reminder.providerId': receipt.providerId,
      ...scope,
    }).lean();
    if (!reminderOf) return { applied: false, why: 'unknown_message' };
    await Invitations.updateOne(
      { _id: reminderOf._id, workspaceId: reminderOf.workspaceId },
      {
        $set: {
          'reminder.detail': `${receipt.status}${receipt.errorCode ? ` (${receipt.errorCode})` : ''}`,
        },
      },
    );
    return { applied: false, why: 'not_a_send_status' };
  }
  if (!status || status === 'sending') return { applied: false, why: 'not_a_send_status' };
  const from = invitation.status as InvitationStatus;
  if (!canAdvance(from, status)) return { applied: false, why: 'stale' };

  const timestampField = TIMESTAMP_OF[status];
  const error = receipt.errorCode ? explainTwilioError(receipt.errorCode) : null;
  const detail = error
    ? `twilio ${receipt.status} ${receipt.errorCode}: ${error.en}`
    : `twilio ${receipt.status}`;
  const result = await Invitations.updateOne(
    { _id: invitation._id, workspaceId: invitation.workspaceId, status: from },
    {
      $set: {
        status,
        ...(timestampField ? { [timestampField]: receipt.at } : {}),
        ...(status === 'failed'
          ? {
              reason: receipt.errorCode ? `provider_${receipt.errorCode}` : 'undelivered',
              ...(error ? { error } : {}),
            }
          : {}),
      },
      $push: { history: { status, at: receipt.at, detail } },
    },
  );
  if (result.modifiedCount === 0) return { applied: false, why: 'stale' };
  return {
    applied: true,
    status,
    invitationId: String(invitation._id),
    workspaceId: String(invitation.workspaceId),
    contactId: String(invitation.contactId),
    channel: String(invitation.channel),
  };
}
