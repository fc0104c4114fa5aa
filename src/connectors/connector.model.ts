import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/**
 * One helpdesk (or generic) connector of a workspace. Secrets are stored encrypted
 * (src/shared/secrets.ts, context `connector:<id>:<field>`) and never leave the service.
 */
const connectorSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    provider: { type: String, required: true },
    name: { type: String, required: true },
    /**
     * The provider's own secret, or the one Retour generated (Freshdesk, generic). Null until
     * set: Zendesk and Chatwoot reveal theirs only once the webhook (with our URL) exists.
     */
    signingSecret: { type: String, default: null },
    api: {
      type: new Schema(
        {
          baseUrl: { type: String, default: null },
          email: { type: String, default: null },
          token: { type: String, required: true },
          tokenLast4: { type: String, required: true },
          accountId: { type: String, default: null },
        },
        { _id: false },
      ),
      default: null,
    },
    /** As in POST /interactions (`delay` kept as its ISO text); null: the triggers decide. */
    survey: {
      type: new Schema(
        {
          type: { type: String, required: true },
          channels: { type: [String], default: undefined },
          delay: { type: String, default: null },
        },
        { _id: false },
      ),
      default: null,
    },
    writeBack: {
      type: new Schema(
        { note: { type: Boolean, default: false }, tags: { type: Boolean, default: false } },
        { _id: false },
      ),
      default: null,
    },
    /** Generic connector only: interaction field → dot path in the payload. */
    mapping: { type: Schema.Types.Mixed, default: null },
    when: { type: Schema.Types.Mixed, default: null },
    deletedAt: { type: Date, default: null },
  },
  { timestamps: true, minimize: false, collection: 'connectors' },
);
connectorSchema.index({ workspaceId: 1, deletedAt: 1, createdAt: 1 });

export type ConnectorDoc = InferSchemaType<typeof connectorSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export type ConnectorModel = Model<InferSchemaType<typeof connectorSchema>>;

export function connectorModel(conn: Connection): ConnectorModel {
  return (
    (conn.models.Connector as ConnectorModel | undefined) ??
    conn.model('Connector', connectorSchema)
  );
}
