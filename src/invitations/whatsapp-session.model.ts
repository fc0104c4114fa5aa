import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/**
 * When a contact last wrote to one of our WhatsApp senders, per workspace: WhatsApp allows a
 * free-form message only within 24 hours of it (the customer service window).
 */
const whatsappSessionSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    /** The contact's phone, E.164 without the whatsapp: prefix. */
    phone: { type: String, required: true },
    /** Our sender the message was written to, E.164 without the whatsapp: prefix. */
    sender: { type: String, required: true },
    lastInboundAt: { type: Date, required: true },
  },
  { timestamps: true },
);
whatsappSessionSchema.index({ workspaceId: 1, phone: 1, sender: 1 }, { unique: true });

export type WhatsappSessionDoc = InferSchemaType<typeof whatsappSessionSchema> & {
  _id: Types.ObjectId;
};
export type WhatsappSessionModel = Model<InferSchemaType<typeof whatsappSessionSchema>>;

export function whatsappSessionModel(conn: Connection): WhatsappSessionModel {
  return (
    (conn.models.WhatsappSession as WhatsappSessionModel | undefined) ??
    conn.model('WhatsappSession', whatsappSessionSchema)
  );
}
