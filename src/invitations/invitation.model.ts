import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { INVITATION_STATUSES } from './invitation-status';

const historySchema = new Schema(
  { status: String, at: Date, detail: { type: String, default: null } },
  { _id: false },
);

const reminderSchema = new Schema(
  {
    status: {
      type: String,
      enum: ['none', 'scheduled', 'sending', 'sent', 'skipped', 'failed'],
      default: 'none',
    },
    dueAt: { type: Date, default: null },
    sentAt: { type: Date, default: null },
    providerId: { type: String, default: null },
    detail: { type: String, default: null },
  },
  { _id: false },
);

/** A provider error, classified and explained for the invitation log (see twilio-error-codes). */
const providerErrorSchema = new Schema(
  { code: Number, permanent: Boolean, en: String, fr: String },
  { _id: false },
);

const invitationSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    interactionId: { type: Schema.Types.ObjectId, required: true, ref: 'Interaction' },
    surveyId: { type: Schema.Types.ObjectId, required: true, ref: 'Survey' },
    surveyType: { type: String, required: true },
    triggerId: { type: Schema.Types.ObjectId, default: null },
    contactId: { type: Schema.Types.ObjectId, required: true, ref: 'Contact' },
    /** Preference order; the chosen one is `channel`. */
    channels: { type: [String], required: true },
    channel: { type: String, default: null },
    /** The address used for the send (phone, email, webhook URL). */
    to: { type: String, default: null },
    locale: { type: String, required: true },
    /** Snapshot for the message text ({{agentName}}), so a send needs no interaction lookup. */
    agentName: { type: String, default: null },
    tokenHash: { type: String, required: true },
    status: { type: String, required: true, enum: INVITATION_STATUSES },
    reason: { type: String, default: null },
    error: { type: providerErrorSchema, default: null },
    history: { type: [historySchema], default: [] },
    scheduledFor: { type: Date, default: null },
    deferredByQuietHours: { type: Boolean, default: false },
    expiresAt: { type: Date, required: true },
    sendingAt: { type: Date, default: null },
    sentAt: { type: Date, default: null },
    deliveredAt: { type: Date, default: null },
    openedAt: { type: Date, default: null },
    answeredAt: { type: Date, default: null },
    providerId: { type: String, default: null },
    segments: { type: Number, default: null },
    encoding: { type: String, default: null },
    reminder: { type: reminderSchema, default: () => ({}) },
    /** Set once the invitation moved on from a channel that failed permanently (never twice). */
    fallback: {
      type: new Schema({ from: String, reason: String, at: Date }, { _id: false }),
      default: null,
    },
  },
  { timestamps: true },
);
// One survey per interaction: a replayed or concurrent interaction can never add a second.
invitationSchema.index({ workspaceId: 1, interactionId: 1, surveyId: 1 }, { unique: true });
invitationSchema.index({ tokenHash: 1 }, { unique: true });
invitationSchema.index({ providerId: 1 }, { sparse: true });
invitationSchema.index({ 'reminder.providerId': 1 }, { sparse: true });
invitationSchema.index({ workspaceId: 1, contactId: 1, surveyType: 1, status: 1 });
// Response rate in reports: invitations sent per survey type over a date range.
invitationSchema.index({ workspaceId: 1, surveyType: 1, sentAt: 1 });
// Inbound SMS to the shared sender: the last invitation sent to that phone.
invitationSchema.index({ to: 1, sentAt: -1 });
// The console's invitation log: newest first, paged by (createdAt, _id).
invitationSchema.index({ workspaceId: 1, createdAt: -1, _id: -1 });
// Daily report rollups: what changed since their last refresh.
invitationSchema.index({ workspaceId: 1, updatedAt: 1 });

export type InvitationDoc = InferSchemaType<typeof invitationSchema> & { _id: Types.ObjectId };
export type InvitationModel = Model<InferSchemaType<typeof invitationSchema>>;

export function invitationModel(conn: Connection): InvitationModel {
  return (
    (conn.models.Invitation as InvitationModel | undefined) ??
    conn.model('Invitation', invitationSchema)
  );
}
