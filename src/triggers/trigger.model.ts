import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

const triggerSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    name: { type: String, required: true },
    eventType: { type: String, required: true },
    /** The shared predicate language (src/conditions/conditions.ts); null matches every event. */
    conditions: { type: Schema.Types.Mixed, default: null },
    surveyId: { type: Schema.Types.ObjectId, required: true, ref: 'Survey' },
    channels: { type: [String], required: true },
    /** null = the survey's own default delay (none). */
    delayMs: { type: Number, default: 0, min: 0 },
    samplingRate: { type: Number, required: true, default: 100, min: 0, max: 100 },
    active: { type: Boolean, required: true, default: true },
  },
  { timestamps: true, minimize: false },
);
triggerSchema.index({ workspaceId: 1, eventType: 1, active: 1 });

export type TriggerDoc = InferSchemaType<typeof triggerSchema> & { _id: Types.ObjectId };
export type TriggerModel = Model<InferSchemaType<typeof triggerSchema>>;

export function triggerModel(conn: Connection): TriggerModel {
  return (conn.models.Trigger as TriggerModel | undefined) ?? conn.model('Trigger', triggerSchema);
}
