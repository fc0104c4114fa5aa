import type { Types } from 'mongoose';

/**
 * What a component tells the privacy component about one person: each component implements
 * this for the collections it owns, and the privacy service only orchestrates. A new
 * collection holding contact data joins access and erasure requests by adding a holder in the
 * composition root.
 */
export interface DataSubject {
  workspaceId: Types.ObjectId;
  contactId: Types.ObjectId;
  /** What identifies the person, as the contact held it before any erasure. */
  identity: {
    externalId: string | null;
    name: string | null;
    phone: string | null;
    email: string | null;
  };
  interactionIds: Types.ObjectId[];
  invitationIds: Types.ObjectId[];
  responseIds: Types.ObjectId[];
  /** Free text the person wrote (comments, SMS replies): erased where staff quoted it too. */
  texts: string[];
}

/** The ids and texts of the person a holder finds in its own collection, for the others. */
export type SubjectLinks = Partial<
  Pick<DataSubject, 'interactionIds' | 'invitationIds' | 'responseIds' | 'texts'>
>;

export type SubjectBase = Pick<DataSubject, 'workspaceId' | 'contactId' | 'identity'>;

export interface PersonalDataHolder {
  /** The MongoDB collection this holder answers for (the export's key, the erasure's count). */
  collection: string;
  /** Read before anything is erased: what other holders need to find or scrub the person. */
  links?(subject: SubjectBase): Promise<SubjectLinks>;
  /** Every document of the person held here, as plain JSON-ready objects. */
  export(subject: DataSubject): Promise<unknown[]>;
  /**
   * Removes the person's identifying data, keeping the anonymous facts reports read; returns
   * how many documents changed. A second call finds nothing left and returns 0.
   */
  erase(subject: DataSubject): Promise<number>;
}
