import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

export const EMAIL_CLICK_STATES = ['pending', 'recorded', 'discarded', 'superseded'] as const;
export type EmailClickState = (typeof EMAIL_CLICK_STATES)[number];

/** Settled clicks are kept this long so a support question about a score can be answered. */
const EMAIL_CLICK_TTL_SECONDS = 30 * 24 * 3600;

/**
 * A score link of a survey e-mail that was opened: provisional until its group settles
 * (see click-settlement.ts). Holds no customer data beyond the score.
 */
const emailClickSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    invitationId: { type: Schema.Types.ObjectId, required: true, ref: 'Invitation' },
    score: { type: Number, required: true },
    at: { type: Date, required: true },
    state: { type: String, required: true, enum: EMAIL_CLICK_STATES, default: 'pending' },
    settledAt: { type: Date, default: null },
  },
  { timestamps: false, collection: 'email_clicks' },
);
emailClickSchema.index({ workspaceId: 1, invitationId: 1, state: 1, at: 1, _id: 1 });
emailClickSchema.index({ at: 1 }, { expireAfterSeconds: EMAIL_CLICK_TTL_SECONDS });

export type EmailClickDoc = InferSchemaType<typeof emailClickSchema> & { _id: Types.ObjectId };
export type EmailClickModel = Model<InferSchemaType<typeof emailClickSchema>>;

export function emailClickModel(conn: Connection): EmailClickModel {
  return (
    (conn.models.EmailClick as EmailClickModel | undefined) ??
    conn.model('EmailClick', emailClickSchema)
  );
}
