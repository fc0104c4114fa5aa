import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** How far one workspace's rollups are up to date, and who is refreshing them. */
const rollupStateSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    /** The zone the days were cut in; another zone means a full rebuild. */
    timezone: { type: String, default: null },
    /** Responses and invitations changed at or after this instant are not in the rows yet. */
    watermark: { type: Date, default: null },
    /** Days before this local day have rows (unless changed after the watermark). */
    coveredUntil: { type: String, default: null },
    leaseId: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
  },
  { timestamps: true, collection: 'report_rollup_states' },
);
rollupStateSchema.index({ workspaceId: 1 }, { unique: true });

export type RollupState = InferSchemaType<typeof rollupStateSchema>;
export type RollupStateModel = Model<RollupState>;

export function rollupStateModel(conn: Connection): RollupStateModel {
  return (
    (conn.models.ReportRollupState as RollupStateModel | undefined) ??
    conn.model('ReportRollupState', rollupStateSchema)
  );
}
