import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/**
 * running: claimed, effect under way · queued: handed to the messages or webhooks queue ·
 * sending: that queue's worker is sending · retry: a transient failure, the job retries ·
 * done · skipped (opted out, no address …) · failed (for good).
 */
export const ACTION_STATUSES = [
  'running',
  'queued',
  'sending',
  'retry',
  'done',
  'skipped',
  'failed',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

const actionLogSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    responseId: { type: Schema.Types.ObjectId, required: true, ref: 'Response' },
    ruleId: { type: String, required: true },
    actionIndex: { type: Number, required: true },
    type: { type: String, required: true },
    status: { type: String, required: true, enum: ACTION_STATUSES },
    attempts: { type: Number, default: 1 },
    responseVersion: { type: Number, default: null },
    result: { type: Schema.Types.Mixed, default: null },
    error: { type: String, default: null },
  },
  { timestamps: true, minimize: false },
);
// Written before the effect: the one guard against doubled tasks, messages and webhooks.
actionLogSchema.index({ responseId: 1, ruleId: 1, actionIndex: 1 }, { unique: true });
actionLogSchema.index({ workspaceId: 1, createdAt: -1 });

export type ActionLogDoc = InferSchemaType<typeof actionLogSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export type ActionLogModel = Model<InferSchemaType<typeof actionLogSchema>>;

export function actionLogModel(conn: Connection): ActionLogModel {
  return (
    (conn.models.ActionLog as ActionLogModel | undefined) ??
    conn.model('ActionLog', actionLogSchema, 'action_log')
  );
}

const deliverySchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    actionLogId: { type: Schema.Types.ObjectId, required: true },
    url: String,
    attempt: Number,
    statusCode: { type: Number, default: null },
    ok: Boolean,
    error: { type: String, default: null },
    durationMs: Number,
    at: Date,
  },
  { minimize: false },
);
deliverySchema.index({ workspaceId: 1, actionLogId: 1, at: 1 });

/** One document per outgoing webhook attempt. */
export type WebhookDeliveryModel = Model<InferSchemaType<typeof deliverySchema>>;
export function webhookDeliveryModel(conn: Connection): WebhookDeliveryModel {
  return (
    (conn.models.WebhookDelivery as WebhookDeliveryModel | undefined) ??
    conn.model('WebhookDelivery', deliverySchema, 'webhook_deliveries')
  );
}
