import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * One document per alerted segment and local day: inserted before the first e-mail, so another
 * worker or a later hourly run hits E11000 and sends nothing. `jobId` lets a retry of the job that
 * claimed it reach the recipients it has not reached yet.
 */
const alertLogSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    surveyType: { type: String, required: true, enum: ['nps', 'csat', 'ces'] },
    /** 'overall' or a report dimension (agent, team, channel, product, region, reason). */
    dimension: { type: String, required: true },
    /** The segment's value; '' for overall. */
    value: { type: String, default: '' },
    /** Local day (YYYY-MM-DD) in the workspace's zone. */
    day: { type: String, required: true },
    jobId: { type: String, required: true },
    /** What the e-mail said, for the record. */
    figures: { type: Schema.Types.Mixed, default: null },
    sentTo: { type: [String], default: [] },
    completedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
alertLogSchema.index(
  { workspaceId: 1, surveyType: 1, dimension: 1, value: 1, day: 1 },
  { unique: true },
);

export type AlertLogDoc = InferSchemaType<typeof alertLogSchema>;
export type AlertLogModel = Model<AlertLogDoc>;

export function alertLogModel(conn: Connection): AlertLogModel {
  return (
    (conn.models.AlertLog as AlertLogModel | undefined) ?? conn.model('AlertLog', alertLogSchema)
  );
}
