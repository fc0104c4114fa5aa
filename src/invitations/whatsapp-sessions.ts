import type { Connection, Types } from 'mongoose';
import { isDuplicateKey } from '../shared/mongo-errors';
import { whatsappSessionModel } from './whatsapp-session.model';

const bare = (address: string) => address.trim().replace(/^whatsapp:/, '');

/** Records and reads each contact's last inbound WhatsApp message (see whatsapp-window.ts). */
export function createWhatsappSessions(conn: Connection) {
  const Sessions = whatsappSessionModel(conn);
  return {
    /** An inbound message from `phone` to our `sender`; never moves the time backwards. */
    async recordInbound(
      workspaceId: Types.ObjectId,
      phone: string,
      sender: string,
      at: Date,
    ): Promise<void> {
      const filter = { workspaceId, phone: bare(phone), sender: bare(sender) };
      const write = () =>
        Sessions.updateOne(filter, { $max: { lastInboundAt: at } }, { upsert: true });
      // Two first messages at once: the loser's upsert collides; once more updates the winner's.
      await write().catch((err: unknown) => {
        if (!isDuplicateKey(err)) throw err;
        return write();
      });
    },

    /**
     * The last inbound time to `sender`, or to any of our senders when it is unknown (a
     * Messaging Service picks the sender itself, usually the one the contact wrote to).
     */
    async lastInbound(
      workspaceId: Types.ObjectId,
      phone: string,
      sender?: string,
    ): Promise<Date | null> {
      const doc = await Sessions.findOne({
        workspaceId,
        phone: bare(phone),
        ...(sender ? { sender: bare(sender) } : {}),
      })
        .sort({ lastInboundAt: -1, _id: -1 })
        .lean();
      return doc?.lastInboundAt ?? null;
    },
  };
}

export type WhatsappSessions = ReturnType<typeof createWhatsappSessions>;
