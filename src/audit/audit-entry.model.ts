import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** One change, export, erasure or sign-in, as the audit trail keeps it. */
const auditEntrySchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    at: { type: Date, required: true },
    actor: {
      type: new Schema(
        {
          kind: { type: String, required: true, enum: ['user', 'api-key', 'system'] },
          id: { type: String, default: null },
          label: { type: String, required: true },
        },
        { _id: false },
      ),
      required: true,
    },
    /** `<target type>.<verb>`, e.g. survey.updated, contact.erased, auth.sign-in-failed. */
    action: { type: String, required: true },
    target: {
      type: new Schema(
        { type: { type: String, required: true }, id: { type: String, default: null } },
        { _id: false },
      ),
      required: true,
    },
    /** Changed fields before and after, secrets masked; null where nothing was changed. */
    before: { type: Schema.Types.Mixed, default: null },
    after: { type: Schema.Types.Mixed, default: null },
    /** Facts that are no setting: counts erased, the export's collections, the failed email. */
    details: { type: Schema.Types.Mixed, default: null },
    requestId: { type: String, default: null },
    ip: { type: String, default: null },
  },
  { timestamps: false, collection: 'audit_entries', minimize: false },
);
auditEntrySchema.index({ workspaceId: 1, at: -1, _id: -1 });
auditEntrySchema.index({ workspaceId: 1, 'target.type': 1, 'target.id': 1, at: -1, _id: -1 });
auditEntrySchema.index({ workspaceId: 1, 'actor.label': 1, at: -1, _id: -1 });

export type AuditEntryDoc = InferSchemaType<typeof auditEntrySchema>;
export type AuditEntryModel = Model<AuditEntryDoc>;

export function auditEntryModel(conn: Connection): AuditEntryModel {
  return (
    (conn.models.AuditEntry as AuditEntryModel | undefined) ??
    conn.model('AuditEntry', auditEntrySchema)
  );
}
