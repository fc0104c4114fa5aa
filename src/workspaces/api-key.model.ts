import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const apiKeySchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    name: { type: String, required: true, trim: true },
    prefix: { type: String, required: true },
    secretHash: { type: String, required: true, unique: true },
    scopes: { type: [String], required: true },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    /** The console form's one-time value: a form posted twice issues one key (issueApiKeyOnce). */
    requestKey: { type: String },
  },
  { timestamps: true },
);
apiKeySchema.index({ workspaceId: 1, createdAt: -1 });
apiKeySchema.index(
  { workspaceId: 1, requestKey: 1 },
  { unique: true, partialFilterExpression: { requestKey: { $type: 'string' } } },
);

export type ApiKeyDoc = InferSchemaType<typeof apiKeySchema>;
export type ApiKeyModel = Model<ApiKeyDoc>;

export function apiKeyModel(conn: Connection): ApiKeyModel {
  return (conn.models.ApiKey as ApiKeyModel | undefined) ?? conn.model('ApiKey', apiKeySchema);
}
