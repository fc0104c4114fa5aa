import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * A job that could not reach Redis, parked until the workers' drainer puts it on its queue.
 * `runAt` keeps the job's original due time, so a delay is not restarted by the outage.
 */
const outboxEntrySchema = new Schema(
  {
    /** From the job's payload when it has one; install-wide jobs (rollups) have none. */
    workspaceId: { type: Schema.Types.ObjectId, default: null },
    queue: { type: String, required: true },
    name: { type: String, required: true },
    data: { type: Schema.Types.Mixed, default: {} },
    opts: { type: Schema.Types.Mixed, default: {} },
    runAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    /** A drainer holds the entry until then; a crashed drainer's claim simply runs out. */
    claimedUntil: { type: Date, required: true },
    lastError: { type: String, default: null },
  },
  { timestamps: false, collection: 'job_outbox', minimize: false },
);
outboxEntrySchema.index({ claimedUntil: 1, createdAt: 1, _id: 1 });

export type OutboxEntry = InferSchemaType<typeof outboxEntrySchema>;
export type OutboxEntryModel = Model<OutboxEntry>;

export function outboxEntryModel(conn: Connection): OutboxEntryModel {
  return (
    (conn.models.JobOutboxEntry as OutboxEntryModel | undefined) ??
    conn.model('JobOutboxEntry', outboxEntrySchema)
  );
}
