import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * One document per workspace and ISO week: inserted before the first digest e-mail goes out, so
 * a second worker (or a second job for the same week) hits E11000 and sends nothing. `jobId`
 * lets a retry of the job that claimed the week finish the recipients it has not reached yet.
 */
const digestLogSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    week: { type: String, required: true },
    jobId: { type: String, required: true },
    sentTo: { type: [String], default: [] },
    completedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
digestLogSchema.index({ workspaceId: 1, week: 1 }, { unique: true });

export type DigestLogDoc = InferSchemaType<typeof digestLogSchema>;
export type DigestLogModel = Model<DigestLogDoc>;

export function digestLogModel(conn: Connection): DigestLogModel {
  return (
    (conn.models.DigestLog as DigestLogModel | undefined) ??
    conn.model('DigestLog', digestLogSchema)
  );
}
