import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

const ruleSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    name: { type: String, required: true },
    /** Lower runs first. */
    priority: { type: Number, required: true, default: 100 },
    active: { type: Boolean, required: true, default: true },
    /** The shared predicate language (conditions.ts); null matches every response. */
    conditions: { type: Schema.Types.Mixed, default: null },
    /** Validated by rules.schema.ts; stored as given. */
    actions: { type: [Schema.Types.Mixed], default: [] },
    stop: { type: Boolean, required: true, default: false },
    /** Set on the rules a new workspace starts with. */
    isDefault: { type: Boolean, default: false },
    /** Which of the defaults this is: the unique key that keeps concurrent set-ups to one copy. */
    defaultKey: { type: String },
    /** The console form's one-time key: a second post of the same "new rule" form adds nothing. */
    createKey: { type: String },
  },
  { timestamps: true, minimize: false },
);
ruleSchema.index({ workspaceId: 1, active: 1, priority: 1 });
ruleSchema.index(
  { workspaceId: 1, defaultKey: 1 },
  { unique: true, partialFilterExpression: { defaultKey: { $type: 'string' } } },
);

ruleSchema.index(
  { workspaceId: 1, createKey: 1 },
  { unique: true, partialFilterExpression: { createKey: { $type: 'string' } } },
);

export type RuleDoc = InferSchemaType<typeof ruleSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export type RuleModel = Model<InferSchemaType<typeof ruleSchema>>;

export function ruleModel(conn: Connection): RuleModel {
  return (conn.models.Rule as RuleModel | undefined) ?? conn.model('Rule', ruleSchema);
}
