import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** Remembers that an unreadable SMS reply was answered with a re-ask, so we ask only once. */
const smsReaskSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    invitationId: { type: Schema.Types.ObjectId, required: true, ref: 'Invitation' },
    text: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { timestamps: false },
);
smsReaskSchema.index({ invitationId: 1 }, { unique: true });

export type SmsReaskModel = Model<InferSchemaType<typeof smsReaskSchema>>;

export function smsReaskModel(conn: Connection): SmsReaskModel {
  return (
    (conn.models.SmsReask as SmsReaskModel | undefined) ?? conn.model('SmsReask', smsReaskSchema)
  );
}
