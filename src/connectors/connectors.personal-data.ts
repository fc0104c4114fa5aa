import type { Connection, Types } from 'mongoose';
import type { PersonalDataHolder } from '../shared/personal-data/personal-data-holder';
import { bodyBytes, deliveryModel, type DeliveryDoc } from './delivery.model';

/** A stored raw body, readable in an export: its JSON when it is JSON, else its text. */
function readableBody(body: unknown): unknown {
  if (body === null || body === undefined) return null;
  const text = bodyBytes(body).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Connector deliveries keep the provider's raw event (ticket, customer, conversation) for the
 * log and for dedupe: the body and headers go on erasure, the outcome row stays.
 */
export function connectorDeliveriesPersonalData(conn: Connection): PersonalDataHolder {
  const Deliveries = deliveryModel(conn);
  const ofSubject = async (workspaceId: Types.ObjectId, interactionIds: Types.ObjectId[]) => {
    const ids = interactionIds.map(String);
    if (ids.length === 0) return [];
    const direct = await Deliveries.find({ workspaceId, interactionId: { $in: ids } })
      .sort({ createdAt: 1, _id: 1 })
      .lean<DeliveryDoc[]>();
    // Repeats of a delivery are rows of their own, pointing at the first.
    const repeats = direct.length
      ? await Deliveries.find({ workspaceId, duplicateOf: { $in: direct.map((d) => d._id) } })
          .sort({ createdAt: 1, _id: 1 })
          .lean<DeliveryDoc[]>()
      : [];
    return [...direct, ...repeats];
  };
  return {
    collection: Deliveries.collection.collectionName,
    async export({ workspaceId, interactionIds }) {
      const docs = await ofSubject(workspaceId, interactionIds);
      return docs.map((d) => ({ ...d, body: readableBody(d.body) }));
    },
    async erase({ workspaceId, interactionIds }) {
      const docs = await ofSubject(workspaceId, interactionIds);
      const held = docs.filter((d) => d.body != null || d.headers != null).map((d) => d._id);
      if (held.length === 0) return 0;
      const result = await Deliveries.updateMany(
        { workspaceId, _id: { $in: held } },
        { $set: { body: null, headers: null } },
      );
      return result.modifiedCount;
    },
  };
}
