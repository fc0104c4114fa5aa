import type { Types } from 'mongoose';
import { explainTwilioError } from '../channels/twilio-error-codes';
import type { InvitationModel } from './invitation.model';
import {
  canAdvance,
  INVITATION_STATUSES,
  mapTwilioStatus,
  type InvitationStatus,
} from './invitation-status';

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
  if (status && status !== 'sending') {
    // The usual receipt: one findOneAndUpdate, guarded by the statuses it may advance from.
    const applied = await advance(Invitations, receipt, status, scope);
    if (applied) return applied;
  }
  const invitation = await Invitations.findOne({ providerId: receipt.providerId, ...scope })
    .select({ _id: 1 })
    .lean();
  if (invitation) {
    return status && status !== 'sending'
      ? { applied: false, why: 'stale' }
      : { applied: false, why: 'not_a_send_status' };
  }
  const reminderOf = await Invitations.findOneAndUpdate(
    { 'reminder.providerId': receipt.providerId, ...scope },
    {
      $set: {
        'reminder.detail': `${receipt.status}${receipt.errorCode ? ` (${receipt.errorCode})` : ''}`,
      },
    },
    { projection: { _id: 1 } },
  ).lean();
  if (!reminderOf) return { applied: false, why: 'unknown_message' };
  return { applied: false, why: 'not_a_send_status' };
}

async function advance(
  Invitations: InvitationModel,
  receipt: DeliveryReceipt,
  status: InvitationStatus,
  scope: { workspaceId?: Types.ObjectId },
): Promise<ReceiptOutcome | null> {
  const timestampField = TIMESTAMP_OF[status];
  const error = receipt.errorCode ? explainTwilioError(receipt.errorCode) : null;
  const detail = error
    ? `twilio ${receipt.status} ${receipt.errorCode}: ${error.en}`
    : `twilio ${receipt.status}`;
  const from = INVITATION_STATUSES.filter((s) => canAdvance(s, status));
  const invitation = await Invitations.findOneAndUpdate(
    { providerId: receipt.providerId, ...scope, status: { $in: from } },
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
    { projection: { workspaceId: 1, contactId: 1, channel: 1 } },
  ).lean();
  if (!invitation) return null;
  return {
    applied: true,
    status,
    invitationId: String(invitation._id),
    workspaceId: String(invitation.workspaceId),
    contactId: String(invitation.contactId),
    channel: String(invitation.channel),
  };
}
