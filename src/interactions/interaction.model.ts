import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

const interactionSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    /** The caller's id (ticket, chat, order): the idempotency key. */
    externalId: { type: String, required: true },
    type: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    customer: { type: Schema.Types.Mixed, required: true },
    agent: { type: Schema.Types.Mixed, default: null },
    team: { type: String, default: null },
    channel: { type: String, default: null },
    attributes: { type: Schema.Types.Mixed, default: {} },
    surveyRequest: { type: Schema.Types.Mixed, default: null },
    contactId: { type: Schema.Types.ObjectId, default: null, ref: 'Contact' },
    /** The connector whose delivery recorded it (write-back finds the ticket's helpdesk here). */
    connectorId: { type: Schema.Types.ObjectId, default: null },
    /** The 202 body, kept so a repeated post gets the same answer. null while processing. */
    result: { type: Schema.Types.Mixed, default: null },
  },
  { timestamps: true, minimize: false },
);
interactionSchema.index({ workspaceId: 1, externalId: 1 }, { unique: true });
// Retention pares interactions older than N days.
interactionSchema.index({ workspaceId: 1, occurredAt: 1 });

export type InteractionDoc = InferSchemaType<typeof interactionSchema> & { _id: Types.ObjectId };
export type InteractionModel = Model<InferSchemaType<typeof interactionSchema>>;

export function interactionModel(conn: Connection): InteractionModel {
  return (
    (conn.models.Interaction as InteractionModel | undefined) ??
    conn.model('Interaction', interactionSchema)
  );
}
