import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

export const WRITEBACK_STATES = ['answered', 'task_created', 'task_resolved'] as const;
export type WriteBackState = (typeof WRITEBACK_STATES)[number];

export const WRITEBACK_OUTCOMES = ['written', 'refused', 'retrying', 'failed'] as const;
export type WriteBackOutcome = (typeof WRITEBACK_OUTCOMES)[number];

/** How long a claim holds: a job that died mid-call gives its claim up after this. */
export const WRITEBACK_LEASE_MS = 60_000;

const attemptSchema = new Schema(
  {
    at: { type: Date, required: true },
    outcome: { type: String, enum: WRITEBACK_OUTCOMES, required: true },
    status: { type: Number, default: null },
    detail: { type: String, default: null },
  },
  { _id: false },
);

/**
 * One note (and its tags) per (connector, response, key): `answered:v<version>`,
 * `task_created:<taskId>`, `task_resolved:<taskId>`. The row is claimed before the provider
 * is called, so a retried or duplicated job never writes twice; `done` holds the steps (note,
 * tags) already written, so a retry after a half-done write only does the rest.
 */
const writeBackSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    connectorId: { type: Schema.Types.ObjectId, required: true },
    responseId: { type: Schema.Types.ObjectId, required: true },
    interactionId: { type: String, required: true },
    key: { type: String, required: true },
    state: { type: String, enum: WRITEBACK_STATES, required: true },
    version: { type: Number, default: null },
    taskId: { type: String, default: null },
    /** pending → claimed → written | refused | failed (claimed goes back to pending on a retry). */
    status: {
      type: String,
      enum: ['pending', 'claimed', 'written', 'refused', 'failed'],
      required: true,
    },
    claimedUntil: { type: Date, default: null },
    done: { type: [String], default: [] },
    attempts: { type: [attemptSchema], default: [] },
  },
  { timestamps: true, minimize: false, collection: 'connector_writebacks' },
);
writeBackSchema.index({ connectorId: 1, responseId: 1, key: 1 }, { unique: true });
// The delivery log reads the write-backs of a page of deliveries.
writeBackSchema.index({ workspaceId: 1, connectorId: 1, interactionId: 1, createdAt: 1 });

export type WriteBackDoc = InferSchemaType<typeof writeBackSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export type WriteBackModel = Model<InferSchemaType<typeof writeBackSchema>>;

export function writeBackModel(conn: Connection): WriteBackModel {
  return (
    (conn.models.ConnectorWriteBack as WriteBackModel | undefined) ??
    conn.model('ConnectorWriteBack', writeBackSchema)
  );
}
