import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const workspaceSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    slug: { type: String, required: true, unique: true },
    timezone: { type: String, required: true, default: 'Europe/Paris' },
    defaultLocale: { type: String, required: true, default: 'en' },
    /** No second survey of the same type to one contact within this many days (0 = off). */
    fatigueWindowDays: { type: Number, required: true, default: 30, min: 0 },
    /** Local times in the contact's zone; null turns quiet hours off. */
    quietHours: {
      type: new Schema({ start: String, end: String }, { _id: false }),
      default: () => ({ start: '21:00', end: '09:00' }),
    },
    /**
     * When follow-up deadlines run (local times, ISO weekdays 1 = Monday): a create_task rule's
     * SLA counts business hours in these unless the rule names its own.
     */
    workingHours: {
      type: new Schema({ days: [Number], start: String, end: String }, { _id: false }),
      default: () => ({ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }),
    },
    /**
     * Twilio numbers whose inbound messages (replies, STOP) belong to this workspace alone;
     * each is held in sender_number_claims, which routing reads.
     */
    senderNumbers: { type: [String], default: [] },
    /** Chat channel: where survey links are posted, and the key that signs each post. */
    chatWebhookUrl: { type: String, default: null },
    chatWebhookSecret: { type: String, default: null },
    /** Days each kind of data is kept (see RetentionPolicy); a field left out takes its default. */
    retention: {
      type: new Schema(
        {
          contactsInactiveDays: { type: Number, default: null },
          commentsDays: { type: Number, default: null },
          interactionsDays: { type: Number, default: null },
          deliveryLogsDays: { type: Number, default: null },
          auditDays: { type: Number, default: 365 },
        },
        { _id: false },
      ),
      default: () => ({}),
    },
    /**
     * The workspace's own Twilio account (null: the installation's TWILIO_* one). authToken and
     * apiKeySecret hold ciphertexts from src/shared/secrets.ts, never the secrets themselves.
     */
    twilio: {
      type: new Schema(
        {
          accountSid: { type: String, required: true },
          authToken: { type: String, default: null },
          authTokenLast4: { type: String, default: null },
          apiKeySid: { type: String, default: null },
          apiKeySecret: { type: String, default: null },
          apiKeySecretLast4: { type: String, default: null },
          messagingServiceSid: { type: String, default: null },
          smsFrom: { type: String, default: null },
          whatsappFrom: { type: String, default: null },
          revision: { type: String, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    /** When `npm run dev` seeded demo history here (its pages then say it is demo data). */
    demoHistorySeededAt: { type: Date, default: null },
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
