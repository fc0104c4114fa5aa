import type { Types } from 'mongoose';
import type { ContactDoc, ContactLookup, ContactsService } from '../contacts';
import type { AuditTrail } from '../audit';
import { AppError } from '../shared/errors';
import type { WorkspacesService } from '../workspaces';
import type {
  DataSubject,
  PersonalDataHolder,
  SubjectBase,
  SubjectLinks,
} from '../shared/personal-data/personal-data-holder';

/** A path's :id: our contact id, else the caller's customer id (as GET /contacts/:id reads it). */
export type ContactRef = ContactLookup | { ref: string };

export interface ContactExport {
  exportedAt: string;
  workspace: { id: string; name: string };
  contactId: string;
  /** Every document held about the person, by collection. */
  collections: Record<string, unknown[]>;
}

export interface ContactErasure {
  contactId: string;
  erasedAt: string;
  /** Documents changed, per collection: all zero when nothing was left to erase. */
  erased: Record<string, number>;
}

export interface PrivacyDeps {
  contacts: Pick<ContactsService, 'findAll'>;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
  /** One per collection holding contact data, registered in the composition root. */
  holders: readonly PersonalDataHolder[];
  audit: Pick<AuditTrail, 'record'>;
  clock?: () => Date;
}

/** Access (art. 15) and erasure (art. 17) requests: asks every holder, owns no collection. */
export function createPrivacyService({
  contacts,
  workspaces,
  holders,
  audit,
  clock = () => new Date(),
}: PrivacyDeps) {
  const findOne = async (workspaceId: Types.ObjectId, given: ContactRef) => {
    let lookup: ContactLookup = 'ref' in given ? { id: given.ref } : given;
    let found = await contacts.findAll(workspaceId, lookup);
    if (found.length === 0 && 'ref' in given) {
      lookup = { externalId: given.ref };
      found = await contacts.findAll(workspaceId, lookup);
    }
    if (found.length === 0) throw AppError.notFound('Contact not found.');
    if (found.length > 1) {
      const field = Object.keys(lookup)[0] ?? 'id';
      throw AppError.conflict(
        `${found.length} contacts share this ${field}: export or erase each by its id.`,
        found.map((c) => ({ path: 'contactId', message: String(c._id) })),
      );
    }
    return found[0]!;
  };

  const subjectOf = async (contact: ContactDoc): Promise<DataSubject> => {
    const base: SubjectBase = {
      workspaceId: contact.workspaceId,
      contactId: contact._id,
      identity: {
        externalId: contact.externalId ?? null,
        name: contact.name ?? null,
        phone: contact.phone ?? null,
        email: contact.email ?? null,
      },
    };
    const links = await Promise.all(
      holders.map((h) => h.links?.(base) ?? Promise.resolve<SubjectLinks>({})),
    );
    return {
      ...base,
      interactionIds: links.flatMap((l) => l.interactionIds ?? []),
      invitationIds: links.flatMap((l) => l.invitationIds ?? []),
      responseIds: links.flatMap((l) => l.responseIds ?? []),
      texts: [...new Set(links.flatMap((l) => l.texts ?? []))],
    };
  };

  return {
    async exportContact(workspaceId: Types.ObjectId, lookup: ContactRef): Promise<ContactExport> {
      const subject = await subjectOf(await findOne(workspaceId, lookup));
      const workspace = await workspaces.getWorkspace(workspaceId);
      const collections: Record<string, unknown[]> = {};
      for (const holder of holders) collections[holder.collection] = await holder.export(subject);
      await audit.record({
        workspaceId,
        action: 'contact.exported',
        target: { type: 'contact', id: String(subject.contactId) },
        details: {
          documents: Object.fromEntries(
            Object.entries(collections).map(([name, docs]) => [name, docs.length]),
          ),
        },
      });
      return {
        exportedAt: clock().toISOString(),
        workspace: { id: workspace.id, name: workspace.name },
        contactId: String(subject.contactId),
        collections,
      };
    },

    /**
     * What the console's contact page shows: the documents of these collections about one
     * contact (our id), read by the same holders as an export, but no export is made.
     */
    async holdings(
      workspaceId: Types.ObjectId,
      contactId: string,
      collections: readonly string[],
    ): Promise<Record<string, unknown[]>> {
      const subject = await subjectOf(await findOne(workspaceId, { id: contactId }));
      const found: Record<string, unknown[]> = {};
      for (const holder of holders) {
        if (collections.includes(holder.collection))
          found[holder.collection] = await holder.export(subject);
      }
      return found;
    },

    /** Idempotent: a second request finds the contact anonymous and answers zero counts. */
    async eraseContact(workspaceId: Types.ObjectId, ref: ContactRef): Promise<ContactErasure> {
      const subject = await subjectOf(await findOne(workspaceId, ref));
      const erased: Record<string, number> = {};
      for (const holder of holders) erased[holder.collection] = await holder.erase(subject);
      await audit.record({
        workspaceId,
        action: 'contact.erased',
        target: { type: 'contact', id: String(subject.contactId) },
        details: { erased },
      });
      return { contactId: String(subject.contactId), erasedAt: clock().toISOString(), erased };
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
