import { DateTime } from 'luxon';
import { Types } from 'mongoose';
import type { InvitationDoc, InvitationModel } from './invitation.model';
import type { InvitationStatus } from './invitation-status';

/** The log's filters, already validated (see invitation-log-query.ts). */
export interface InvitationLogFilters {
  status?: InvitationStatus;
  channel?: string;
  surveyId?: string;
  /** Whole days in `timezone`, both included. */
  from?: string;
  to?: string;
  timezone: string;
}

export interface InvitationLogRow {
  id: string;
  createdAt: string;
  sentAt: string | null;
  status: InvitationStatus;
  channel: string | null;
  surveyId: string;
  surveyType: string;
  to: string | null;
  locale: string;
  reason: string | null;
  error: { code: number; permanent: boolean; en: string; fr: string } | null;
  history: { status: string; at: string; detail: string | null }[];
  /** The provider's own words of the last failure, from the status history. */
  providerText: string | null;
  interactionId: string;
  contactId: string;
}

/** An opaque page cursor: the (createdAt, _id) of the last row shown, newest first. */
export function encodeLogCursor(createdAt: Date, id: Types.ObjectId): string {
  return Buffer.from(`${createdAt.getTime()}.${String(id)}`).toString('base64url');
}

export function decodeLogCursor(cursor: string): { createdAt: Date; id: Types.ObjectId } | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,15})\.([0-9a-f]{24})$/.exec(text);
  if (!match) return null;
  return { createdAt: new Date(Number(match[1])), id: new Types.ObjectId(match[2]) };
}

function dayRange(filters: InvitationLogFilters): Record<string, Date> | null {
  const range: Record<string, Date> = {};
  const zone = filters.timezone;
  if (filters.from) range.$gte = DateTime.fromISO(filters.from, { zone }).toJSDate();
  if (filters.to) range.$lt = DateTime.fromISO(filters.to, { zone }).plus({ days: 1 }).toJSDate();
  return Object.keys(range).length ? range : null;
}

function toRow(doc: InvitationDoc): InvitationLogRow {
  const history = (doc.history ?? []).map((h) => ({
    status: String(h.status),
    at: (h.at ?? doc.createdAt).toISOString(),
    detail: h.detail ?? null,
  }));
  const lastFailure = [...history].reverse().find((h) => h.status === 'failed');
  const error = doc.error?.code
    ? {
        code: doc.error.code,
        permanent: doc.error.permanent ?? true,
        en: doc.error.en ?? '',
        fr: doc.error.fr ?? '',
      }
    : null;
  return {
    id: String(doc._id),
    createdAt: (doc as { createdAt: Date }).createdAt.toISOString(),
    sentAt: doc.sentAt?.toISOString() ?? null,
    status: doc.status as InvitationStatus,
    channel: doc.channel ?? null,
    surveyId: String(doc.surveyId),
    surveyType: doc.surveyType,
    to: doc.to ?? null,
    locale: doc.locale,
    reason: doc.reason ?? null,
    error,
    history,
    providerText: lastFailure?.detail ?? null,
    interactionId: String(doc.interactionId),
    contactId: String(doc.contactId),
  };
}

const LIST_FIELDS = { tokenHash: 0 } as const;

/** The invitation log's reads, always within one workspace. */
export function invitationLog(Invitations: InvitationModel) {
  return {
    /** Newest first by (createdAt, _id): equal creation times still page without gaps. */
    async list(
      workspaceId: Types.ObjectId,
      filters: InvitationLogFilters,
      page: { limit: number; cursor?: { createdAt: Date; id: Types.ObjectId } },
    ): Promise<{ rows: InvitationLogRow[]; next: string | null }> {
      const match: Record<string, unknown> = { workspaceId };
      if (filters.status) match.status = filters.status;
      if (filters.channel) match.channel = filters.channel;
      if (filters.surveyId) match.surveyId = new Types.ObjectId(filters.surveyId);
      const created = dayRange(filters);
      if (created) match.createdAt = created;
      const after = page.cursor;
      const query = after
        ? {
            $and: [
              match,
              {
                $or: [
                  { createdAt: { $lt: after.createdAt } },
                  { createdAt: after.createdAt, _id: { $lt: after.id } },
                ],
              },
            ],
          }
        : match;
      const docs = await Invitations.find(query, LIST_FIELDS)
        .sort({ createdAt: -1, _id: -1 })
        .limit(page.limit + 1)
        .lean<InvitationDoc[]>();
      const rows = docs.slice(0, page.limit);
      const last = rows.at(-1) as (InvitationDoc & { createdAt: Date }) | undefined;
      return {
        rows: rows.map(toRow),
        next: docs.length > page.limit && last ? encodeLogCursor(last.createdAt, last._id) : null,
      };
    },

    async get(workspaceId: Types.ObjectId, id: string): Promise<InvitationLogRow | null> {
      if (!Types.ObjectId.isValid(id)) return null;
      const doc = await Invitations.findOne(
        { _id: id, workspaceId },
        LIST_FIELDS,
      ).lean<InvitationDoc>();
      return doc ? toRow(doc) : null;
    },

    /** Sends that failed since `since` (the home page's "anything broken"), by channel. */
    async failedSince(
      workspaceId: Types.ObjectId,
      since: Date,
    ): Promise<{ total: number; byChannel: { channel: string; count: number }[] }> {
      const groups = await Invitations.aggregate<{ _id: string | null; count: number }>([
        { $match: { workspaceId, status: 'failed', updatedAt: { $gte: since } } },
        { $group: { _id: '$channel', count: { $sum: 1 } } },
      ]);
      const byChannel = groups
        .map((g) => ({ channel: g._id ?? 'none', count: g.count }))
        .sort((a, b) => b.count - a.count || a.channel.localeCompare(b.channel));
      return { total: byChannel.reduce((s, g) => s + g.count, 0), byChannel };
    },
  };
}
export type InvitationLog = ReturnType<typeof invitationLog>;
