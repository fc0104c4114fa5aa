import type { Connection } from 'mongoose';
import type { ChannelName } from '../channels/channel';
import type { PersonalDataHolder } from '../shared/personal-data/personal-data-holder';
import type { AddressHasher, AddressKind } from './address-hash';
import { addressSuppressionModel } from './address-suppression.model';
import { contactModel } from './contact.model';

/** The channels an address reaches: what an erased person stays suppressed on. */
const ADDRESS_CHANNELS: Record<AddressKind, ChannelName[]> = {
  phone: ['sms', 'whatsapp'],
  email: ['email'],
};

/** The contact itself: identifying fields emptied, the document kept for the ids pointing at it. */
export function contactsPersonalData(conn: Connection): PersonalDataHolder {
  const Contacts = contactModel(conn);
  return {
    collection: Contacts.collection.collectionName,
    async export({ workspaceId, contactId }) {
      return Contacts.find({ _id: contactId, workspaceId }).lean();
    },
    async erase({ workspaceId, contactId }) {
      const result = await Contacts.updateOne(
        { _id: contactId, workspaceId, erasedAt: null },
        {
          $set: {
            // A later interaction with the same customer id or address makes a new contact.
            key: `erased:${String(contactId)}`,
            externalId: null,
            name: null,
            phone: null,
            email: null,
            attributes: {},
            erasedAt: new Date(),
          },
        },
      );
      return result.modifiedCount;
    },
  };
}

/**
 * Opt-outs kept by address. On erasure the plain entries of this workspace go, and the
 * addresses stay suppressed on every channel they reach as keyed hashes (address-hash.ts),
 * so the person is never surveyed again by mistake. Entries for every workspace (a STOP no
 * workspace could be told from) are not this workspace's to erase and are left.
 */
export function addressSuppressionsPersonalData(
  conn: Connection,
  hasher: AddressHasher,
): PersonalDataHolder {
  const Suppressions = addressSuppressionModel(conn);
  const addressesOf = (identity: { phone: string | null; email: string | null }) =>
    [
      identity.phone ? { kind: 'phone' as const, address: identity.phone } : null,
      identity.email ? { kind: 'email' as const, address: identity.email.toLowerCase() } : null,
    ].filter((a) => a !== null);
  return {
    collection: Suppressions.collection.collectionName,
    async export({ workspaceId, identity }) {
      const addresses = addressesOf(identity);
      if (addresses.length === 0) return [];
      return Suppressions.find({
        workspaceId: { $in: [workspaceId, null] },
        $or: addresses.map(({ kind, address }) => ({
          kind,
          address: { $in: [address, ...hasher.all(kind, address)] },
        })),
      })
        .sort({ kind: 1, _id: 1 })
        .lean();
    },
    async erase({ workspaceId, identity }) {
      let changed = 0;
      for (const { kind, address } of addressesOf(identity)) {
        const plain = await Suppressions.deleteMany({ workspaceId, kind, address });
        const hashed = await Suppressions.updateOne(
          { workspaceId, kind, address: hasher.current(kind, address) },
          {
            $setOnInsert: { channels: ADDRESS_CHANNELS[kind], source: 'erasure', at: new Date() },
          },
          { upsert: true },
        );
        changed += plain.deletedCount + hashed.upsertedCount;
      }
      return changed;
    },
  };
}
