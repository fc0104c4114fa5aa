import type { Connection } from 'mongoose';
import type { ChannelName } from '../channels/channel';
import type { PersonalDataHolder } from '../shared/personal-data/personal-data-holder';
import { scrubDeep, subjectSecrets } from '../shared/personal-data/scrub-text';
import { outboxEntryModel } from '../shared/job-outbox/outbox-entry.model';
import { dispatchQueueName, type Queues } from '../shared/queues';
import { invitationModel, type InvitationDoc } from './invitation.model';

/** Why an invitation stopped on an erasure request, in its status history. */
export const ERASED_REASON = 'contact_erased';

/**
 * Invitations: the address sent to is the person's (and a provider's error text may quote it);
 * survey, channel, status and dates are the facts response rates are computed from, and stay.
 * A survey not sent yet is cancelled, its queued send and reminder jobs removed.
 */
export function invitationsPersonalData(conn: Connection, queues: Queues): PersonalDataHolder {
  const Invitations = invitationModel(conn);
  const Parked = outboxEntryModel(conn);

  /** Queued jobs are keyed by the invitation id (see invitations.service and dispatch-kit). */
  const removeJobs = async (inv: InvitationDoc, ids: string[]) => {
    const queue = inv.channel ? queues[dispatchQueueName(inv.channel as ChannelName)] : undefined;
    // A job a worker holds right now cannot be removed; it finds the invitation closed instead.
    for (const id of ids) await queue?.remove(id).catch(() => 0);
    // Jobs parked in MongoDB while Redis was away would otherwise be queued later.
    await Parked.deleteMany({ workspaceId: inv.workspaceId, 'opts.jobId': { $in: ids } });
  };

  return {
    collection: Invitations.collection.collectionName,
    async links({ workspaceId, contactId }) {
      const docs = await Invitations.find({ workspaceId, contactId }).select({ _id: 1 }).lean();
      return { invitationIds: docs.map((d) => d._id) };
    },
    async export({ workspaceId, invitationIds }) {
      // The link token's hash is no data about the person, and would only help guess links.
      return Invitations.find({ workspaceId, _id: { $in: invitationIds } })
        .select({ tokenHash: 0 })
        .sort({ createdAt: 1, _id: 1 })
        .lean();
    },
    async erase(subject) {
      const { workspaceId, invitationIds } = subject;
      const secrets = subjectSecrets(subject);
      const docs = await Invitations.find({
        workspaceId,
        _id: { $in: invitationIds },
      }).lean<InvitationDoc[]>();
      let changed = 0;
      const at = new Date();
      for (const inv of docs) {
        const pending = inv.status === 'scheduled';
        const reminderPending = inv.reminder?.status === 'scheduled';
        const history = scrubDeep(inv.history, secrets);
        const reminderDetail = scrubDeep(inv.reminder?.detail ?? null, secrets);
        const scrubbed =
          inv.to !== null ||
          JSON.stringify(history) !== JSON.stringify(inv.history) ||
          reminderDetail !== (inv.reminder?.detail ?? null);
        if (!pending && !reminderPending && !scrubbed) continue;
        if (pending || reminderPending) {
          await removeJobs(inv, [String(inv._id), `${String(inv._id)}-reminder`]);
        }
        const set: Record<string, unknown> = {
          to: null,
          history: pending
            ? [...history, { status: 'suppressed', at, detail: ERASED_REASON }]
            : history,
          'reminder.detail': reminderPending ? ERASED_REASON : reminderDetail,
        };
        if (pending) Object.assign(set, { status: 'suppressed', reason: ERASED_REASON });
        if (reminderPending) set['reminder.status'] = 'skipped';
        // The guard on status: a worker that took the send meanwhile wins, and is scrubbed next time.
        const result = await Invitations.updateOne(
          { _id: inv._id, workspaceId, status: inv.status },
          { $set: set },
          // A cancelled survey is a change reports may count; a scrub alone is not.
          { timestamps: pending },
        );
        changed += result.modifiedCount;
      }
      return changed;
    },
  };
}
