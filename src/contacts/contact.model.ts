import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

const optOutSchema = new Schema(
  { sms: Boolean, whatsapp: Boolean, email: Boolean, chat: Boolean },
  { _id: false },
);

const contactSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    /** How interactions find this contact again: "id:<customer id>", else "phone:", else "email:". */
    key: { type: String, required: true },
    externalId: { type: String, default: null },
    name: { type: String, default: null },
    phone: { type: String, default: null },
    email: { type: String, default: null },
    locale: { type: String, default: null },
    timezone: { type: String, default: null },
    attributes: { type: Schema.Types.Mixed, default: {} },
    optOut: { type: optOutSchema, default: () => ({}) },
    /** Set by an erasure request: the document stays, anonymous, for the ids that point at it. */
    erasedAt: { type: Date, default: null },
    optOutHistory: {
      type: [
        new Schema(
          {
            channel: String,
            optedOut: Boolean,
            source: String,
            at: Date,
            /** The staff member who set or lifted it by hand in the console; null otherwise. */
            by: {
              type: new Schema({ userId: String, name: String }, { _id: false }),
              default: null,
            },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { timestamps: true, minimize: false },
);
contactSchema.index({ workspaceId: 1, key: 1 }, { unique: true });
contactSchema.index({ workspaceId: 1, externalId: 1 });
contactSchema.index({ phone: 1 });
// Retention finds contacts without activity for N days.
contactSchema.index({ workspaceId: 1, updatedAt: 1 });

export type ContactDoc = InferSchemaType<typeof contactSchema> & { _id: Types.ObjectId };
export type ContactModel = Model<InferSchemaType<typeof contactSchema>>;

export function contactModel(conn: Connection): ContactModel {
  return (conn.models.Contact as ContactModel | undefined) ?? conn.model('Contact', contactSchema);
}
