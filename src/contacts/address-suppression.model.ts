import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * An opt-out kept by address rather than by contact: a STOP from a phone that is no contact
 * yet, or an unsubscribed email that a later interaction brings under another customer id.
 * `workspaceId` null means every workspace (a STOP to the shared sender number from a phone
 * no invitation reached, so no workspace can be told from it).
 */
const addressSuppressionSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, default: null, ref: 'Workspace' },
    kind: { type: String, required: true, enum: ['phone', 'email'] },
    address: { type: String, required: true },
    channels: { type: [String], required: true },
    source: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { timestamps: false, collection: 'address_suppressions' },
);
addressSuppressionSchema.index({ kind: 1, address: 1, workspaceId: 1 }, { unique: true });

export type AddressSuppressionModel = Model<InferSchemaType<typeof addressSuppressionSchema>>;

export function addressSuppressionModel(conn: Connection): AddressSuppressionModel {
  return (
    (conn.models.AddressSuppression as AddressSuppressionModel | undefined) ??
    conn.model('AddressSuppression', addressSuppressionSchema)
  );
}
