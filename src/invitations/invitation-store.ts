import type { Types } from 'mongoose';
import { isFinalInvitationStatus, type Counters } from '../metrics/counters';
import type { InvitationModel } from './invitation.model';
import type { InvitationStatus } from './invitation-status';

/** The invitation a write is about: which one, and the channel its counter is labelled with. */
export interface StoredInvitationRef {
  _id: Types.ObjectId;
  workspaceId: Types.ObjectId;
  channel?: string | null;
}

/**
 * Small, conditional status writes shared by the dispatch steps; each moves only from `from`.
 * A move that happened into sent, failed, suppressed or expired is counted.
 */
export function invitationStore(Invitations: InvitationModel, counters: Counters) {
  const entry = (status: string, at: Date, detail: string | null = null) => ({
    status,
    at,
    detail,
  });

  return {
    async move(
      inv: StoredInvitationRef,
      from: InvitationStatus,
      to: InvitationStatus,
      at: Date,
      set: Record<string, unknown> = {},
      detail: string | null = null,
    ): Promise<boolean> {
      const result = await Invitations.updateOne(
        { _id: inv._id, workspaceId: inv.workspaceId, status: from },
        { $set: { status: to, ...set }, $push: { history: entry(to, at, detail) } },
      );
      const moved = result.modifiedCount === 1;
      if (moved && isFinalInvitationStatus(to)) counters.invitation(inv.channel ?? 'none', to);
      return moved;
    },

    async note(
      id: Types.ObjectId,
      workspaceId: Types.ObjectId,
      status: string,
      at: Date,
      detail: string,
      set?: Record<string, unknown>,
    ): Promise<void> {
      await Invitations.updateOne(
        { _id: id, workspaceId },
        { ...(set ? { $set: set } : {}), $push: { history: entry(status, at, detail) } },
      );
    },
  };
}
