import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * Which workspace an inbound message to a Twilio number belongs to. The unique index on the
 * normalised number is what lets one workspace only hold it, even when two claim it at once.
 */
const senderClaimSchema = new Schema(
  {
    /** E.164 without the whatsapp: prefix: SMS and WhatsApp on one number are one claim. */
    number: { type: String, required: true },
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'sender_number_claims' },
);
senderClaimSchema.index({ number: 1 }, { unique: true });
senderClaimSchema.index({ workspaceId: 1, number: 1 });

export type SenderClaimModel = Model<InferSchemaType<typeof senderClaimSchema>>;

export function senderClaimModel(conn: Connection): SenderClaimModel {
  return (
    (conn.models.SenderClaim as SenderClaimModel | undefined) ??
    conn.model('SenderClaim', senderClaimSchema)
  );
}
