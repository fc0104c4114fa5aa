import type { Types } from 'mongoose';
import type { InvitationModel } from './invitation.model';
import type { InvitationStatus } from './invitation-status';

/** Small, conditional status writes shared by the dispatch steps; each moves only from `from`. */
export function invitationStore(Invitations: InvitationModel) {
  const entry = (status: string, at: Date, detail: string | null = null) => ({
    status,
    at,
    detail,
  });

  return {
    async move(
      id: Types.ObjectId,
      workspaceId: Types.ObjectId,
      from: InvitationStatus,
      to: InvitationStatus,
      at: Date,
      set: Record<string, unknown> = {},
      detail: string | null = null,
    ): Promise<boolean> {
      const result = await Invitations.updateOne(
        { _id: id, workspaceId, status: from },
        { $set: { status: to, ...set }, $push: { history: entry(to, at, detail) } },
      );
      return result.modifiedCount === 1;
    },

    async note(
      id: Types.ObjectId,
      workspaceId: Types.ObjectId,
      status: string,
      at: Date,
      detail: string,
    ): Promise<void> {
      await Invitations.updateOne(
        { _id: id, workspaceId },
        { $push: { history: entry(status, at, detail) } },
      );
    },
  };
}
