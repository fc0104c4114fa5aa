import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { APP_LOCALES } from '../../pages/i18n';
import { ROLES } from '../../shared/roles';

const userSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    /** Lower-cased; unique within a workspace. */
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    role: { type: String, required: true, enum: ROLES },
    teams: { type: [String], default: [] },
    /** The language of the app's pages and emails for this person; null: from Accept-Language. */
    locale: { type: String, enum: [...APP_LOCALES, null], default: null },
    /** argon2id; null until the invited person sets a password. Never leaves the service. */
    passwordHash: { type: String, default: null, select: false },
    /** Bumped when the password changes or access is withdrawn: older sessions end. */
    sessionEpoch: { type: Number, default: 0 },
    invitedAt: { type: Date, default: null },
    lastLoginAt: { type: Date, default: null },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
userSchema.index({ workspaceId: 1, email: 1 }, { unique: true });
userSchema.index({ email: 1 });
userSchema.index({ workspaceId: 1, role: 1, teams: 1 });

export type UserDoc = InferSchemaType<typeof userSchema>;
export type UserModel = Model<UserDoc>;

export function userModel(conn: Connection): UserModel {
  return (conn.models.User as UserModel | undefined) ?? conn.model('User', userSchema);
}

const passwordTokenSchema = new Schema({
  workspaceId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  tokenHash: { type: String, required: true, unique: true },
  purpose: { type: String, required: true, enum: ['reset', 'invite'] },
  expiresAt: { type: Date, required: true },
  usedAt: { type: Date, default: null },
});
// MongoDB removes a link's record some time after it expires.
passwordTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 24 * 3600 });

export type PasswordTokenModel = Model<InferSchemaType<typeof passwordTokenSchema>>;

export function passwordTokenModel(conn: Connection): PasswordTokenModel {
  return (
    (conn.models.PasswordToken as PasswordTokenModel | undefined) ??
    conn.model('PasswordToken', passwordTokenSchema)
  );
}
