import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** One application of a workspace's retention policy: what it removed, per kind of data. */
const retentionRunSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, required: true },
    policy: { type: Schema.Types.Mixed, required: true },
    removed: { type: Schema.Types.Mixed, required: true },
    /** True when a kind hit the per-run bound: the next run goes on where this one stopped. */
    incomplete: { type: Boolean, required: true },
  },
  { timestamps: false, collection: 'retention_runs', minimize: false },
);
retentionRunSchema.index({ workspaceId: 1, startedAt: -1, _id: -1 });
// The run log keeps itself short: two years of daily runs.
retentionRunSchema.index({ finishedAt: 1 }, { expireAfterSeconds: 730 * 86_400 });

export type RetentionRunDoc = InferSchemaType<typeof retentionRunSchema>;
export type RetentionRunModel = Model<RetentionRunDoc>;

export function retentionRunModel(conn: Connection): RetentionRunModel {
  return (
    (conn.models.RetentionRun as RetentionRunModel | undefined) ??
    conn.model('RetentionRun', retentionRunSchema)
  );
}
