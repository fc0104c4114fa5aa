import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/** Deliveries are kept 30 days, for the log and for dedupe (providers retry for far less). */
export const DELIVERY_TTL_SECONDS = 30 * 24 * 3600;

export const DELIVERY_OUTCOMES = [
  /** Stored and acknowledged; the job has not finished yet. */
  'queued',
  'accepted',
  'duplicate',
  'ignored',
  'rejected',
  'failed',
] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/**
 * One inbound delivery of a connector. A close event is stored with its raw body and headers
 * under its dedupe key; a repeat is logged as a row of its own (outcome `duplicate`, its key
 * made unique, `duplicateOf` naming the original); an ignored event is logged without its body.
 */
const deliverySchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    connectorId: { type: Schema.Types.ObjectId, required: true },
    provider: { type: String, required: true },
    dedupeKey: { type: String, required: true },
    event: { type: String, default: null },
    externalId: { type: String, default: null },
    outcome: { type: String, enum: DELIVERY_OUTCOMES, required: true },
    reason: { type: String, default: null },
    headers: { type: Schema.Types.Mixed, default: null },
    body: { type: Buffer, default: null },
    duplicateOf: { type: Schema.Types.ObjectId, default: null },
    interactionId: { type: String, default: null },
    /** What the payload could not tell and the provider's API was (not yet) asked for. */
    enrichment: { type: String, default: null },
    writeBack: { type: [Schema.Types.Mixed], default: [] },
  },
  { timestamps: true, minimize: false, collection: 'connector_deliveries' },
);
deliverySchema.index({ connectorId: 1, dedupeKey: 1 }, { unique: true });
deliverySchema.index({ workspaceId: 1, connectorId: 1, createdAt: -1, _id: -1 });
// Catch-up jobs ask whether a conversation is in the log already.
deliverySchema.index({ connectorId: 1, externalId: 1 });
deliverySchema.index({ createdAt: 1 }, { expireAfterSeconds: DELIVERY_TTL_SECONDS });

export type DeliveryDoc = Omit<InferSchemaType<typeof deliverySchema>, 'body'> & {
  _id: Types.ObjectId;
  /** A Buffer on a document, the driver's Binary on a lean read: see bodyBytes. */
  body?: unknown;
  createdAt: Date;
  updatedAt: Date;
};
export type DeliveryModel = Model<InferSchemaType<typeof deliverySchema>>;

export function deliveryModel(conn: Connection): DeliveryModel {
  return (
    (conn.models.ConnectorDelivery as DeliveryModel | undefined) ??
    (conn.model('ConnectorDelivery', deliverySchema) as unknown as DeliveryModel)
  );
}

/** The stored raw body as bytes, whichever form the read returned it in. */
export function bodyBytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  // bson's Binary: value() is its bytes (its buffer may be larger than what it holds).
  const binary = body as { value?: () => Uint8Array } | null;
  if (binary && typeof binary.value === 'function') return Buffer.from(binary.value());
  return Buffer.alloc(0);
}
