import { Types, type Connection } from 'mongoose';
import type { ChannelName } from '../channels/channel';
import { AppError } from '../shared/errors';
import { isDuplicateKey } from '../shared/mongo-errors';
import type { AddressHasher } from './address-hash';
import { addressSuppressionModel } from './address-suppression.model';
import { contactModel, type ContactDoc } from './contact.model';

export interface CustomerInput {
  id?: string;
  name?: string;
  phone?: string;
  email?: string;
  locale?: string;
  timezone?: string;
}

export interface ContactView {
  id: string;
  externalId: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  locale: string | null;
  timezone: string | null;
  attributes: Record<string, unknown>;
  optOut: Partial<Record<ChannelName, boolean>>;
}

export function toContactView(doc: ContactDoc): ContactView {
  const optOut: Partial<Record<ChannelName, boolean>> = {};
  for (const [channel, value] of Object.entries(doc.optOut ?? {})) {
    if (typeof value === 'boolean') optOut[channel as ChannelName] = value;
  }
  return {
    id: String(doc._id),
    externalId: doc.externalId ?? null,
    name: doc.name ?? null,
    phone: doc.phone ?? null,
    email: doc.email ?? null,
    locale: doc.locale ?? null,
    timezone: doc.timezone ?? null,
    attributes: (doc.attributes as Record<string, unknown>) ?? {},
    optOut,
  };
}

/** The channels a contact opted out of, as suppression reads them. */
export function optOutFlags(
  contact: Pick<ContactDoc, 'optOut'>,
): Partial<Record<ChannelName, boolean>> {
  const flags: Partial<Record<ChannelName, boolean>> = {};
  for (const [channel, value] of Object.entries(contact.optOut ?? {})) {
    if (value === true) flags[channel as ChannelName] = true;
  }
  return flags;
}

export function contactKey(customer: CustomerInput): string {
  if (customer.id) return `id:${customer.id}`;
  if (customer.phone) return `phone:${customer.phone}`;
  if (customer.email) return `email:${customer.email.toLowerCase()}`;
  throw new Error('A customer needs an id, a phone or an email');
}

/** The staff member who set or lifted an opt-out by hand. */
export interface OptOutActor {
  userId: string;
  name: string;
}

/** How a contact is looked up for an access or erasure request. */
export type ContactLookup =
  { id: string } | { externalId: string } | { email: string } | { phone: string };

export function createContactsService(conn: Connection, hasher: AddressHasher) {
  const Contacts = contactModel(conn);
  const Suppressions = addressSuppressionModel(conn);

  const suppressAddress = async (
    workspaceId: Types.ObjectId | null,
    kind: 'phone' | 'email',
    address: string,
    channels: ChannelName[],
    source: string,
  ) => {
    await Suppressions.updateOne(
      { kind, address, workspaceId },
      { $addToSet: { channels: { $each: channels } }, $set: { source, at: new Date() } },
      { upsert: true },
    ).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err; // a concurrent STOP stored it first
    });
  };

  /** Opt-outs kept by address (this workspace's and every workspace's) that this contact inherits. */
  const applyAddressSuppressions = async (contact: ContactDoc): Promise<ContactDoc> => {
    // Plain entries, and the keyed hashes an erased contact's opt-out is kept as.
    const addresses = [
      ...(contact.phone
        ? [
            {
              kind: 'phone' as const,
              address: { $in: [contact.phone, ...hasher.all('phone', contact.phone)] },
            },
          ]
        : []),
      ...(contact.email
        ? [
            {
              kind: 'email' as const,
              address: { $in: [contact.email, ...hasher.all('email', contact.email)] },
            },
          ]
        : []),
    ];
    if (addresses.length === 0) return contact;
    const found = await Suppressions.find({
      $or: addresses,
      workspaceId: { $in: [contact.workspaceId, null] },
    }).lean<{ channels: string[] }[]>();
    const missing = [...new Set(found.flatMap((f) => f.channels))].filter(
      (c) => (contact.optOut as Record<string, unknown> | undefined)?.[c] !== true,
    ) as ChannelName[];
    if (missing.length === 0) return contact;
    const at = new Date();
    const updated = await Contacts.findOneAndUpdate(
      { _id: contact._id, workspaceId: contact.workspaceId },
      {
        $set: Object.fromEntries(missing.map((c) => [`optOut.${c}`, true])),
        $push: {
          optOutHistory: {
            $each: missing.map((channel) => ({ channel, optedOut: true, source: 'address', at })),
          },
        },
      },
      { returnDocument: 'after' },
    ).lean<ContactDoc>();
    return updated ?? contact;
  };

  /** This workspace's address entries lose these channels; an entry left with none goes. */
  const liftAddressSuppressions = async (contact: ContactDoc, channels: ChannelName[]) => {
    const addresses = [
      ...(contact.phone ? [{ kind: 'phone' as const, address: contact.phone }] : []),
      ...(contact.email ? [{ kind: 'email' as const, address: contact.email }] : []),
    ];
    for (const { kind, address } of addresses) {
      const filter = { kind, address, workspaceId: contact.workspaceId };
      await Suppressions.updateOne(filter, { $pull: { channels: { $in: channels } } });
      await Suppressions.deleteOne({ ...filter, channels: { $size: 0 } });
    }
  };

  const upsertOnce = (workspaceId: Types.ObjectId, customer: CustomerInput) => {
    const set: Record<string, unknown> = {};
    for (const field of ['name', 'phone', 'email', 'locale', 'timezone'] as const) {
      if (customer[field])
        set[field] = field === 'email' ? customer[field].toLowerCase() : customer[field];
    }
    return Contacts.findOneAndUpdate(
      { workspaceId, key: contactKey(customer) },
      { $set: set, $setOnInsert: { externalId: customer.id ?? null } },
      { upsert: true, returnDocument: 'after' },
    ).lean<ContactDoc>();
  };

  return {
    /** Finds the contact by customer id, else phone, else email, and refreshes its details. */
    async upsertFromCustomer(
      workspaceId: Types.ObjectId,
      customer: CustomerInput,
    ): Promise<ContactDoc> {
      let contact: ContactDoc;
      try {
        contact = (await upsertOnce(workspaceId, customer))!;
      } catch (err) {
        // Two first interactions of one new contact raced; the loser now finds the winner's.
        if (!isDuplicateKey(err)) throw err;
        contact = (await upsertOnce(workspaceId, customer))!;
      }
      return applyAddressSuppressions(contact);
    },

    async findById(workspaceId: Types.ObjectId, id: Types.ObjectId): Promise<ContactDoc | null> {
      return Contacts.findOne({ _id: id, workspaceId }).lean<ContactDoc>();
    },

    /** Display names of several contacts of one workspace (the inbox rows), by id. */
    async namesByIds(
      workspaceId: Types.ObjectId,
      ids: readonly string[],
    ): Promise<Map<string, string | null>> {
      const valid = [...new Set(ids)].filter((id) => /^[0-9a-f]{24}$/i.test(id));
      if (valid.length === 0) return new Map();
      const docs = await Contacts.find({ workspaceId, _id: { $in: valid } })
        .select({ name: 1, phone: 1, email: 1 })
        .lean<Pick<ContactDoc, '_id' | 'name' | 'phone' | 'email'>[]>();
      return new Map(docs.map((d) => [String(d._id), d.name ?? d.phone ?? d.email ?? null]));
    },

    /** Every contact of the workspace an access or erasure request names (several may share an address). */
    async findAll(workspaceId: Types.ObjectId, lookup: ContactLookup): Promise<ContactDoc[]> {
      if ('id' in lookup) {
        if (!/^[0-9a-f]{24}$/i.test(lookup.id)) return [];
        return Contacts.find({ _id: lookup.id, workspaceId }).lean<ContactDoc[]>();
      }
      const filter =
        'externalId' in lookup
          ? { externalId: lookup.externalId }
          : 'email' in lookup
            ? { email: lookup.email.toLowerCase() }
            : { phone: lookup.phone };
      return Contacts.find({ workspaceId, ...filter })
        .sort({ _id: 1 })
        .lean<ContactDoc[]>();
    },

    /** By our id, else by the caller's customer id. */
    async get(workspaceId: Types.ObjectId, ref: string): Promise<ContactView> {
      const byId =
        Types.ObjectId.isValid(ref) && /^[0-9a-f]{24}$/i.test(ref)
          ? await Contacts.findOne({ _id: ref, workspaceId }).lean<ContactDoc>()
          : null;
      const doc =
        byId ?? (await Contacts.findOne({ workspaceId, externalId: ref }).lean<ContactDoc>());
      if (!doc) throw AppError.notFound('Contact not found.');
      return toContactView(doc);
    },

    /**
     * Sets or lifts opt-outs, with a history entry per channel (`by`: who did it by hand).
     * Lifting also drops this workspace's opt-out kept by the contact's address, which would
     * otherwise come back with the next interaction; one kept for every workspace (a STOP to
     * the shared number) stays. Returns false when the workspace has no such contact.
     */
    async setOptOut(
      workspaceId: Types.ObjectId,
      contactId: Types.ObjectId,
      channels: ChannelName[],
      optedOut: boolean,
      source: string,
      by: OptOutActor | null = null,
    ): Promise<boolean> {
      const at = new Date();
      const set = Object.fromEntries(channels.map((c) => [`optOut.${c}`, optedOut]));
      const contact = await Contacts.findOneAndUpdate(
        { _id: contactId, workspaceId },
        {
          $set: set,
          $push: {
            optOutHistory: {
              $each: channels.map((channel) => ({ channel, optedOut, source, at, by })),
            },
          },
        },
      ).lean<ContactDoc>();
      if (!contact) return false;
      if (!optedOut) await liftAddressSuppressions(contact, channels);
      // Kept by address too, so the same email or phone under another customer id is suppressed.
      if (optedOut) {
        if (channels.includes('email') && contact.email)
          await suppressAddress(workspaceId, 'email', contact.email, ['email'], source);
        const phoneChannels = channels.filter((c) => c === 'sms' || c === 'whatsapp');
        if (phoneChannels.length && contact.phone)
          await suppressAddress(workspaceId, 'phone', contact.phone, phoneChannels, source);
      }
      return true;
    },

    /**
     * Inbound STOP/START: the same phone may be a contact in several workspaces; only the one
     * the message was routed to is changed ('all' for a STOP no workspace can be told from).
     * An empty list touches only the opt-outs kept for every workspace.
     */
    async setOptOutByPhone(
      workspaceIds: Types.ObjectId[] | 'all',
      phone: string,
      channels: ChannelName[],
      optedOut: boolean,
      source: string,
    ): Promise<number> {
      const at = new Date();
      const set = Object.fromEntries(channels.map((c) => [`optOut.${c}`, optedOut]));
      if (optedOut) {
        for (const id of workspaceIds === 'all' ? [null] : workspaceIds)
          await suppressAddress(id, 'phone', phone, channels, source);
      } else {
        await Suppressions.deleteMany({
          kind: 'phone',
          address: { $in: [phone, ...hasher.all('phone', phone)] },
          ...(workspaceIds === 'all' ? {} : { workspaceId: { $in: [...workspaceIds, null] } }),
        });
      }
      const result = await Contacts.updateMany(
        workspaceIds === 'all' ? { phone } : { workspaceId: { $in: workspaceIds }, phone },
        {
          $set: set,
          $push: {
            optOutHistory: {
              $each: channels.map((channel) => ({ channel, optedOut, source, at })),
            },
          },
        },
      );
      return result.modifiedCount;
    },
  };
}

export type ContactsService = ReturnType<typeof createContactsService>;
