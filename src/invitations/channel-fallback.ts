import type { Types } from 'mongoose';
import type { ChannelName } from '../channels/channel';
import { dispatchQueueName, type Queues } from '../shared/queues';
import { DISPATCH_JOB_OPTIONS, type DispatchJob } from './dispatch-job';
import type { InvitationModel } from './invitation.model';

/** The channels an invitation may still use: its own, less the one that failed permanently. */
export function openChannels(inv: {
  channels: readonly string[];
  fallback?: { from?: string | null } | null;
}): ChannelName[] {
  const failed = inv.fallback?.from;
  return inv.channels.filter((c) => c !== failed) as ChannelName[];
}

/**
 * After a permanent failure on the invitation's channel (a refusal at send time, an
 * undelivered receipt, a bounced email): once, the invitation goes back to "scheduled" for the
 * next channel its trigger allows, with the same link. The dispatch worker then applies quiet
 * hours and opt-outs as for any send. Returns whether it moved.
 */
export function createChannelFallback(Invitations: InvitationModel, queues: Queues) {
  return async (
    ref: { _id: Types.ObjectId; workspaceId: Types.ObjectId },
    why: string,
    at: Date,
  ): Promise<boolean> => {
    const inv = await Invitations.findOne({
      _id: ref._id,
      workspaceId: ref.workspaceId,
      status: 'failed',
    }).lean();
    if (!inv || inv.fallback?.from || !inv.channel) return false;
    const next = inv.channels.filter((c) => c !== inv.channel) as ChannelName[];
    if (next.length === 0) return false;
    const moved = await Invitations.updateOne(
      { _id: inv._id, workspaceId: inv.workspaceId, status: 'failed', 'fallback.from': null },
      {
        $set: {
          status: 'scheduled',
          fallback: { from: inv.channel, reason: inv.reason ?? null, at },
          reason: null,
          error: null,
          providerId: null,
          sendingAt: null,
          scheduledFor: at,
        },
        $push: {
          history: {
            status: 'scheduled',
            at,
            detail: `falling back from ${inv.channel} (${why}) to ${next.join(' or ')}, with the same link`,
          },
        },
      },
    );
    if (moved.modifiedCount === 0) return false;
    const job: DispatchJob = {
      invitationId: String(inv._id),
      workspaceId: String(inv.workspaceId),
      kind: 'initial',
    };
    await queues[dispatchQueueName(next[0]!)].add('send', job, {
      ...DISPATCH_JOB_OPTIONS,
      jobId: `${job.invitationId}-fallback`,
    });
    return true;
  };
}

export type ChannelFallback = ReturnType<typeof createChannelFallback>;
