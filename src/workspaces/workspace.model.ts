import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const workspaceSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    slug: { type: String, required: true, unique: true },
    timezone: { type: String, required: true, default: 'Europe/Paris' },
    defaultLocale: { type: String, required: true, enum: ['fr', 'en'], default: 'en' },
  },
  { timestamps: true },
);

export type WorkspaceDoc = InferSchemaType<typeof workspaceSchema>;
export type WorkspaceModel = Model<WorkspaceDoc>;

export function workspaceModel(conn: Connection): WorkspaceModel {
  return (
    (conn.models.Workspace as WorkspaceModel | undefined) ??
    conn.model('Workspace', workspaceSchema)
  );
}
