import type { Connection } from 'mongoose';
import type { PersonalDataHolder } from '../shared/personal-data/personal-data-holder';
import { ERASED } from '../shared/personal-data/scrub-text';
import { responseModel, type ResponseDoc } from './response.model';
import { smsReaskModel } from './sms-reask.model';

/**
 * Responses: the comment (and each earlier version of it) is the person's own words; score,
 * category, channel, dates and the segment snapshot are what every report counts, and stay.
 */
export function responsesPersonalData(conn: Connection): PersonalDataHolder {
  const Responses = responseModel(conn);
  return {
    collection: Responses.collection.collectionName,
    async links({ workspaceId, contactId }) {
      const docs = await Responses.find({ workspaceId, contactId })
        .select({ _id: 1, comment: 1, 'history.comment': 1 })
        .lean<Pick<ResponseDoc, '_id' | 'comment' | 'history'>[]>();
      const texts = docs.flatMap((d) => [d.comment, ...(d.history ?? []).map((h) => h.comment)]);
      return {
        responseIds: docs.map((d) => d._id),
        texts: texts.filter((t): t is string => typeof t === 'string' && t !== ''),
      };
    },
    async export({ workspaceId, responseIds }) {
      return Responses.find({ workspaceId, _id: { $in: responseIds } })
        .sort({ createdAt: 1, _id: 1 })
        .lean();
    },
    async erase({ workspaceId, responseIds }) {
      const docs = await Responses.find({
        workspaceId,
        _id: { $in: responseIds },
        $or: [{ comment: { $ne: null } }, { 'history.comment': { $ne: null } }],
      })
        .select({ history: 1 })
        .lean<Pick<ResponseDoc, '_id' | 'history'>[]>();
      let changed = 0;
      for (const doc of docs) {
        // timestamps off: no score, category or segment changed, so rollups have nothing to redo.
        const result = await Responses.updateOne(
          { _id: doc._id, workspaceId },
          {
            $set: {
              comment: null,
              history: (doc.history ?? []).map((h) => ({ ...h, comment: null })),
            },
          },
          { timestamps: false },
        );
        changed += result.modifiedCount;
      }
      return changed;
    },
  };
}

/** Re-ask markers keep the unreadable SMS that caused them: the person's words. */
export function smsReasksPersonalData(conn: Connection): PersonalDataHolder {
  const Reasks = smsReaskModel(conn);
  return {
    collection: Reasks.collection.collectionName,
    async export({ workspaceId, invitationIds }) {
      return Reasks.find({ workspaceId, invitationId: { $in: invitationIds } })
        .sort({ at: 1, _id: 1 })
        .lean();
    },
    async erase({ workspaceId, invitationIds }) {
      // The marker stays (one re-ask per invitation), its text goes.
      const result = await Reasks.updateMany(
        { workspaceId, invitationId: { $in: invitationIds }, text: { $ne: ERASED } },
        { $set: { text: ERASED } },
      );
      return result.modifiedCount;
    },
  };
}
