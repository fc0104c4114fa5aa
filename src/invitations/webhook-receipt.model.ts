import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** How long a provider's delivery is remembered: Twilio retries for far less than this. */
export const WEBHOOK_RECEIPT_TTL_SECONDS = 8 * 24 * 3600;

/**
 * One document per provider delivery already acted on (e.g. `twilio-inbound:SM…`,
 * `twilio-status:SM…:delivered`). Provider ids are unique across the installation, so the key
 * is not per workspace; the documents hold no customer data.
 */
const webhookReceiptSchema = new Schema(
  {
    key: { type: String, required: true },
    receivedAt: { type: Date, required: true },
  },
  { timestamps: false, collection: 'webhook_receipts' },
);
webhookReceiptSchema.index({ key: 1 }, { unique: true });
webhookReceiptSchema.index({ receivedAt: 1 }, { expireAfterSeconds: WEBHOOK_RECEIPT_TTL_SECONDS });

export type WebhookReceiptModel = Model<InferSchemaType<typeof webhookReceiptSchema>>;

export function webhookReceiptModel(conn: Connection): WebhookReceiptModel {
  return (
    (conn.models.WebhookReceipt as WebhookReceiptModel | undefined) ??
    conn.model('WebhookReceipt', webhookReceiptSchema)
  );
}
