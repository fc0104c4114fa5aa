import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../shared/mongo-errors';
import { webhookReceiptModel } from './webhook-receipt.model';

export type WebhookDedupe = <T>(
  key: string,
  act: () => Promise<T>,
) => Promise<{ duplicate: true } | { duplicate: false; result: T }>;

/**
 * Acts on a provider delivery once: the first request claims its key, a retry of the same
 * delivery finds the claim and does nothing. When acting fails the claim is dropped, so the
 * provider's next retry is processed instead of lost.
 */
export function createWebhookDedupe(conn: Connection): WebhookDedupe {
  const Receipts = webhookReceiptModel(conn);
  return async (key, act) => {
    try {
      await Receipts.collection.insertOne({ key, receivedAt: new Date() });
    } catch (err) {
      if (isDuplicateKey(err)) return { duplicate: true };
      throw err;
    }
    try {
      return { duplicate: false, result: await act() };
    } catch (err) {
      await Receipts.deleteOne({ key }).catch(() => undefined);
      throw err;
    }
  };
}
