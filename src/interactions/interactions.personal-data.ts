import type { Connection } from 'mongoose';
import type { PersonalDataHolder } from '../shared/personal-data/personal-data-holder';
import { interactionModel } from './interaction.model';

/**
 * Interactions: the customer block is the person's; type, dates, agent, team, channel and
 * attributes are the segment facts reports join on, and stay. The caller's externalId (a
 * ticket or order id) stays too: it keeps a replayed post from surveying anyone twice.
 */
export function interactionsPersonalData(conn: Connection): PersonalDataHolder {
  const Interactions = interactionModel(conn);
  return {
    collection: Interactions.collection.collectionName,
    async links({ workspaceId, contactId }) {
      const docs = await Interactions.find({ workspaceId, contactId }).select({ _id: 1 }).lean();
      return { interactionIds: docs.map((d) => d._id) };
    },
    async export({ workspaceId, interactionIds }) {
      return Interactions.find({ workspaceId, _id: { $in: interactionIds } })
        .sort({ occurredAt: 1, _id: 1 })
        .lean();
    },
    async erase({ workspaceId, interactionIds }) {
      // timestamps off: nothing a report reads changed, so rollups have nothing to refresh.
      const result = await Interactions.updateMany(
        { workspaceId, _id: { $in: interactionIds }, 'customer.erased': { $ne: true } },
        { $set: { customer: { erased: true } } },
        { timestamps: false },
      );
      return result.modifiedCount;
    },
  };
}
