import { Types, type Connection } from 'mongoose';
import { currentAuditContext, type AuditActor } from './audit-context';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { auditEntryModel, type AuditEntryDoc } from './audit-entry.model';
import { changedFields, maskSecrets } from './mask-secrets';

/** Nobody in particular: a write outside any request or job context (a test, a script). */
const UNKNOWN_ACTOR: AuditActor = { kind: 'system', id: null, label: 'unknown' };

export interface AuditRecord {
  workspaceId: Types.ObjectId;
  action: string;
  target: { type: string; id: string | null };
  /** Views before and after a change: only the fields that differ are kept, secrets masked. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  details?: Record<string, unknown> | null;
  /** Who, when the context cannot tell yet (a sign-in, before the session exists). */
  actor?: AuditActor;
}

export interface AuditFilter {
  /** A user id or email, or an API key id or prefix. */
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

export interface AuditEntryView {
  id: string;
  at: Date;
  actor: AuditActor;
  action: string;
  target: { type: string; id: string | null };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  details: Record<string, unknown> | null;
  requestId: string | null;
  ip: string | null;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

const toView = (d: AuditEntryDoc & { _id: Types.ObjectId }): AuditEntryView => ({
  id: String(d._id),
  at: d.at,
  actor: { kind: d.actor.kind as AuditActor['kind'], id: d.actor.id ?? null, label: d.actor.label },
  action: d.action,
  target: { type: d.target.type, id: d.target.id ?? null },
  before: (d.before as Record<string, unknown> | null) ?? null,
  after: (d.after as Record<string, unknown> | null) ?? null,
  details: (d.details as Record<string, unknown> | null) ?? null,
  requestId: d.requestId ?? null,
  ip: d.ip ?? null,
});

/**
 * The audit trail: services call `record` in their write functions, so the JSON API, the
 * console and the workers are covered alike; who acted comes from the audit context.
 */
export function auditTrail(conn: Connection, clock: () => Date = () => new Date()) {
  const Entries = auditEntryModel(conn);

  return {
    async record(entry: AuditRecord): Promise<void> {
      const context = currentAuditContext();
      const actor = entry.actor ?? context?.actor() ?? UNKNOWN_ACTOR;
      const changes =
        entry.before !== undefined || entry.after !== undefined
          ? changedFields(entry.before ?? {}, entry.after ?? {})
          : null;
      // A save that changed nothing is no change to record (an import applied twice, a re-sent form).
      const noChange =
        changes !== null &&
        entry.before &&
        entry.after &&
        Object.keys(changes.after).length === 0 &&
        !entry.details;
      if (noChange) return;
      await Entries.create({
        workspaceId: entry.workspaceId,
        at: clock(),
        actor,
        action: entry.action,
        target: entry.target,
        before: changes && entry.before !== null ? changes.before : null,
        after: changes && entry.after !== null ? changes.after : null,
        details: entry.details ? maskSecrets(entry.details) : null,
        requestId: context?.requestId ?? null,
        ip: context?.ip ?? null,
      });
    },

    /** Newest first, by (at, _id): a cursor resumes after the last entry of the page before. */
    async list(
      workspaceId: Types.ObjectId,
      filter: AuditFilter,
      page: { cursor?: string; limit: number },
    ): Promise<AuditPage | null> {
      const query: Record<string, unknown> = { workspaceId };
      if (filter.actor) {
        const labels = [...new Set([filter.actor, filter.actor.toLowerCase()])];
        query.$or = [{ 'actor.id': filter.actor }, { 'actor.label': { $in: labels } }];
      }
      if (filter.action) query.action = filter.action;
      if (filter.targetType) query['target.type'] = filter.targetType;
      if (filter.targetId) query['target.id'] = filter.targetId;
      if (filter.from || filter.to) {
        query.at = {
          ...(filter.from ? { $gte: filter.from } : {}),
          ...(filter.to ? { $lt: filter.to } : {}),
        };
      }
      const and: Record<string, unknown>[] = [query];
      if (page.cursor !== undefined) {
        const cursor = decodeAuditCursor(page.cursor);
        if (!cursor) return null;
        const id = new Types.ObjectId(cursor.id);
        and.push({ $or: [{ at: { $lt: cursor.at } }, { at: cursor.at, _id: { $lt: id } }] });
      }
      const docs = await Entries.find(and.length === 1 ? query : { $and: and })
        .sort({ at: -1, _id: -1 })
        .limit(page.limit + 1)
        .lean<(AuditEntryDoc & { _id: Types.ObjectId })[]>();
      const entries = docs.slice(0, page.limit).map(toView);
      const last = entries[entries.length - 1];
      return {
        entries,
        nextCursor:
          docs.length > page.limit && last ? encodeAuditCursor({ at: last.at, id: last.id }) : null,
      };
    },

    /** The trail's own retention: removes up to `limit` entries older than `before`. */
    async removeOlderThan(workspaceId: Types.ObjectId, before: Date, limit: number) {
      const old = await Entries.find({ workspaceId, at: { $lt: before } }, { _id: 1 })
        .limit(limit)
        .lean();
      if (old.length === 0) return 0;
      const res = await Entries.deleteMany({ workspaceId, _id: { $in: old.map((d) => d._id) } });
      return res.deletedCount;
    },

    async countOlderThan(workspaceId: Types.ObjectId, before: Date): Promise<number> {
      return Entries.countDocuments({ workspaceId, at: { $lt: before } });
    },
  };
}

export type AuditTrail = ReturnType<typeof auditTrail>;
