import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/**
 * Where a connector's catch-up stands. `until` is the watermark in the provider's own clock
 * (Chatwoot's `last_activity_at`, Unix seconds): conversations with activity before it were
 * seen. A run that stopped at its page bound leaves `resumePage` (and the newest activity it
 * saw) so the next run goes on from there instead of re-reading the same first pages.
 */
const catchUpStateSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    connectorId: { type: Schema.Types.ObjectId, required: true },
    until: { type: Number, required: true },
    resumePage: { type: Number, default: null },
    resumeNewest: { type: Number, default: null },
    lastRunAt: { type: Date, default: null },
    lastError: { type: String, default: null },
  },
  { timestamps: true, minimize: false, collection: 'connector_catchup' },
);
catchUpStateSchema.index({ connectorId: 1 }, { unique: true });

export type CatchUpStateDoc = InferSchemaType<typeof catchUpStateSchema> & {
  _id: Types.ObjectId;
};
export type CatchUpStateModel = Model<InferSchemaType<typeof catchUpStateSchema>>;

export function catchUpStateModel(conn: Connection): CatchUpStateModel {
  return (
    (conn.models.ConnectorCatchUp as CatchUpStateModel | undefined) ??
    conn.model('ConnectorCatchUp', catchUpStateSchema)
  );
}
