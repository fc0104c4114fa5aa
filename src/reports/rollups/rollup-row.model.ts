import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface RollupRow {
  workspaceId: Types.ObjectId;
  surveyType: string;
  kind: 'answers' | 'invitations';
  dimension: string;
  day: string;
  value: unknown;
  scaleMax: number | null;
  label: string | null;
  n: number;
  sum: number;
  sumSq: number;
  counts: Record<string, number>;
  scores: { s: number; c: number }[];
  reached: number;
  answered: number;
  stamp: string;
}

/**
 * Additive sums of one local day for one survey type and one segment value ('all' = the whole
 * workspace). A row holds either answers (with their scale: CES reports keep one scale) or
 * invitations (response rates do not depend on the scale).
 */
const rollupRowSchema = new Schema<RollupRow>(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    surveyType: { type: String, required: true },
    kind: { type: String, required: true, enum: ['answers', 'invitations'] },
    dimension: { type: String, required: true },
    /** 'YYYY-MM-DD' in the workspace's zone (answeredAt for answers, sentAt for invitations). */
    day: { type: String, required: true },
    value: { type: Schema.Types.Mixed, default: null },
    scaleMax: { type: Number, default: null },
    label: { type: String, default: null },
    n: { type: Number, default: 0 },
    sum: { type: Number, default: 0 },
    sumSq: { type: Number, default: 0 },
    counts: { type: Schema.Types.Mixed, default: {} },
    /** Answers per score value, for the distribution report. */
    scores: { type: [new Schema({ s: Number, c: Number }, { _id: false })], default: [] },
    reached: { type: Number, default: 0 },
    answered: { type: Number, default: 0 },
    /** Which recomputation wrote the row; rows of the same days without it are stale. */
    stamp: { type: String, required: true },
  },
  { minimize: false, collection: 'report_rollups' },
);
rollupRowSchema.index(
  { workspaceId: 1, surveyType: 1, dimension: 1, day: 1, value: 1, kind: 1, scaleMax: 1 },
  { unique: true },
);
rollupRowSchema.index({ workspaceId: 1, day: 1 });

export type RollupRowModel = Model<RollupRow>;

export function rollupRowModel(conn: Connection): RollupRowModel {
  return (
    (conn.models.ReportRollup as RollupRowModel | undefined) ??
    conn.model('ReportRollup', rollupRowSchema)
  );
}
