import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

export const TASK_STATUSES = ['open', 'in_progress', 'resolved'] as const;
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** The outcome's "problem fixed?" answer. */
export const PROBLEM_FIXED = ['yes', 'no', 'partly'] as const;
export type ProblemFixed = (typeof PROBLEM_FIXED)[number];

const noteSchema = new Schema(
  { authorId: { type: String, default: null }, authorName: String, text: String, at: Date },
  { _id: false },
);

const historySchema = new Schema(
  {
    at: Date,
    by: { type: String, default: null },
    byName: { type: String, default: null },
    action: String,
    detail: { type: Schema.Types.Mixed, default: null },
  },
  { _id: false },
);

const outcomeSchema = new Schema(
  {
    reachedCustomer: Boolean,
    /** Tasks resolved while this was a yes/no question may still hold a boolean (see task-view). */
    problemFixed: { type: String, enum: PROBLEM_FIXED },
    sentiment: { type: String, enum: ['positive', 'neutral', 'negative'] },
    comment: { type: String, default: null },
  },
  { _id: false },
);

const taskSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    /** "<responseId>:<ruleId>:<action index>" for rule-made tasks: a retry finds the same task. */
    originKey: { type: String, required: true },
    responseId: { type: Schema.Types.ObjectId, required: true, ref: 'Response' },
    contactId: { type: Schema.Types.ObjectId, default: null, ref: 'Contact' },
    interactionId: { type: Schema.Types.ObjectId, default: null, ref: 'Interaction' },
    ruleId: { type: String, default: null },
    title: { type: String, required: true },
    status: { type: String, required: true, enum: TASK_STATUSES, default: 'open' },
    priority: { type: String, required: true, default: 'normal' },
    assigneeId: { type: Schema.Types.ObjectId, default: null },
    assigneeName: { type: String, default: null },
    team: { type: String, default: null },
    dueAt: { type: Date, required: true },
    overdue: { type: Boolean, required: true, default: false },
    escalatedAt: { type: Date, default: null },
    /** What the inbox rows show without a join. */
    surveyType: { type: String, default: null },
    score: { type: Number, default: null },
    category: { type: String, default: null },
    comment: { type: String, default: null },
    notes: { type: [noteSchema], default: [] },
    outcome: { type: outcomeSchema, default: null },
    firstActionAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
    history: { type: [historySchema], default: [] },
  },
  { timestamps: true, minimize: false },
);
taskSchema.index({ originKey: 1 }, { unique: true });
taskSchema.index({ workspaceId: 1, status: 1, dueAt: 1, _id: 1 });
taskSchema.index({ workspaceId: 1, assigneeId: 1, status: 1, dueAt: 1 });
taskSchema.index({ workspaceId: 1, team: 1, status: 1, dueAt: 1 });
// The follow-up report joins answers to their tasks ($lookup on responseId).
taskSchema.index({ responseId: 1 });

export type TaskDoc = InferSchemaType<typeof taskSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export type TaskModel = Model<InferSchemaType<typeof taskSchema>>;

export function taskModel(conn: Connection): TaskModel {
  return (conn.models.Task as TaskModel | undefined) ?? conn.model('Task', taskSchema);
}

const counterSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    value: { type: Number, required: true, default: 0 },
  },
  { minimize: false },
);
counterSchema.index({ workspaceId: 1, key: 1 }, { unique: true });

/** Atomic counters (round-robin turns per team). */
export type CounterModel = Model<InferSchemaType<typeof counterSchema>>;
export function counterModel(conn: Connection): CounterModel {
  return (
    (conn.models.TaskCounter as CounterModel | undefined) ??
    conn.model('TaskCounter', counterSchema, 'task_counters')
  );
}
