import { Types, type Connection } from 'mongoose';
import type { ChannelName } from '../channels/channel';
import { AppError } from '../shared/errors';
import { isDuplicateKey } from '../shared/mongo-errors';
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

export function createContactsService(conn: Connection) {
  const Contacts = contactModel(conn);

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
      try {
        return (await upsertOnce(workspaceId, customer))!;
      } catch (err) {
        // Two first interactions of one new contact raced; the loser now finds the winner's.
        if (isDuplicateKey(err)) return (await upsertOnce(workspaceId, customer))!;
        throw err;
      }
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

    async setOptOut(
      workspaceId: Types.ObjectId,
      contactId: Types.ObjectId,
      channels: ChannelName[],
      optedOut: boolean,
      source: string,
    ): Promise<void> {
      const at = new Date();
      const set = Object.fromEntries(channels.map((c) => [`optOut.${c}`, optedOut]));
      await Contacts.updateOne(
        { _id: contactId, workspaceId },
        {
          $set: set,
          $push: {
            optOutHistory: {
              $each: channels.map((channel) => ({ channel, optedOut, source, at })),
            },
          },
        },
      );
    },

    /**
     * Inbound STOP/START: the same phone may be a contact in several workspaces; only those that
     * send from the number the message reached are changed ('all' when no workspace claims it,
     * as with one shared TWILIO_FROM).
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
