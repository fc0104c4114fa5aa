import { Types, type Connection } from 'mongoose';
import { runWithAudit, systemAuditContext, type AuditTrail } from '../../audit';
import { deliveryModel } from '../../connectors/delivery.model';
import { contactModel } from '../../contacts/contact.model';
import { interactionModel } from '../../interactions/interaction.model';
import { invitationModel } from '../../invitations/invitation.model';
import { responseModel } from '../../responses/response.model';
import { webhookDeliveryModel } from '../../rules/action-log.model';
import {
  retentionCutoffs,
  retentionOf,
  type RetentionPolicy,
} from '../../shared/retention/retention-policy';
import type { WorkspacesService } from '../../workspaces';
import { workspaceModel } from '../../workspaces/workspace.model';
import type { PrivacyService } from '../privacy.service';
import { retentionRunModel } from './retention-run.model';

/** What retention removes (or would), per kind of data. */
export interface RetentionCounts {
  contacts: number;
  comments: number;
  interactions: number;
  deliveryLogs: number;
  auditEntries: number;
}

export interface RetentionPlan {
  asOf: string;
  policy: RetentionPolicy;
  wouldRemove: RetentionCounts;
}

export interface RetentionRun {
  id: string;
  startedAt: string;
  finishedAt: string;
  policy: RetentionPolicy;
  removed: RetentionCounts;
  incomplete: boolean;
}

export interface RetentionDeps {
  conn: Connection;
  privacy: Pick<PrivacyService, 'eraseContact'>;
  workspaces: Pick<WorkspacesService, 'getWorkspace'>;
  audit: AuditTrail;
  /** Documents per batch, and batches per kind per run: a run never holds the database long. */
  batchSize?: number;
  maxBatches?: number;
  clock?: () => Date;
}

const ZERO: RetentionCounts = {
  contacts: 0,
  comments: 0,
  interactions: 0,
  deliveryLogs: 0,
  auditEntries: 0,
};

/**
 * Applies a workspace's retention policy: contacts erased through the privacy erase machinery
 * (so every report total stays), comments cut from responses, interactions pared down to the
 * segment facts reports join on (or deleted when no invitation points at them), delivery logs
 * and old audit entries deleted.
 */
export function createRetentionService(deps: RetentionDeps) {
  const Contacts = contactModel(deps.conn);
  const Responses = responseModel(deps.conn);
  const Interactions = interactionModel(deps.conn);
  const Invitations = invitationModel(deps.conn);
  const ConnectorDeliveries = deliveryModel(deps.conn);
  const WebhookDeliveries = webhookDeliveryModel(deps.conn);
  const Runs = retentionRunModel(deps.conn);
  const batchSize = deps.batchSize ?? 200;
  const maxBatches = deps.maxBatches ?? 50;
  const clock = deps.clock ?? (() => new Date());

  const filters = (workspaceId: Types.ObjectId, policy: RetentionPolicy, now: Date) => {
    const cut = retentionCutoffs(policy, now);
    return {
      contacts: cut.contactsInactiveDays && {
        workspaceId,
        erasedAt: null,
        updatedAt: { $lt: cut.contactsInactiveDays },
      },
      comments: cut.commentsDays && {
        workspaceId,
        answeredAt: { $lt: cut.commentsDays },
        $or: [{ comment: { $ne: null } }, { 'history.comment': { $ne: null } }],
      },
      interactions: cut.interactionsDays && {
        workspaceId,
        occurredAt: { $lt: cut.interactionsDays },
        'customer.erased': { $ne: true },
      },
      deliveryLogs: cut.deliveryLogsDays,
      auditEntries: cut.auditDays,
    };
  };

  /** Runs `batch` until it removes nothing or the bound is hit; true when it stopped early. */
  const drain = async (batch: () => Promise<number>, add: (n: number) => void) => {
    for (let i = 0; i < maxBatches; i += 1) {
      const n = await batch();
      add(n);
      if (n === 0) return false;
    }
    return true;
  };

  const eraseContacts = async (workspaceId: Types.ObjectId, filter: object) => {
    const ids = await Contacts.find(filter, { _id: 1 }).limit(batchSize).lean();
    for (const { _id } of ids) await deps.privacy.eraseContact(workspaceId, { id: String(_id) });
    return ids.length;
  };

  const removeComments = async (workspaceId: Types.ObjectId, filter: object) => {
    const docs = await Responses.find(filter, { history: 1 }).limit(batchSize).lean();
    for (const doc of docs) {
      // timestamps off: no score, category or segment changed, so rollups have nothing to redo.
      await Responses.updateOne(
        { _id: doc._id, workspaceId },
        {
          $set: {
            comment: null,
            history: (doc.history ?? []).map((h) => ({ ...h, comment: null })),
          },
        },
        { timestamps: false },
      );
    }
    return docs.length;
  };

  const pareInteractions = async (workspaceId: Types.ObjectId, filter: object) => {
    const docs = await Interactions.find(filter, { _id: 1 }).limit(batchSize).lean();
    if (docs.length === 0) return 0;
    const ids = docs.map((d) => d._id);
    const joined = new Set(
      (
        await Invitations.find(
          { workspaceId, interactionId: { $in: ids } },
          { interactionId: 1 },
        ).lean()
      ).map((i) => String(i.interactionId)),
    );
    const unjoined = ids.filter((id) => !joined.has(String(id)));
    if (unjoined.length) await Interactions.deleteMany({ workspaceId, _id: { $in: unjoined } });
    const kept = ids.filter((id) => joined.has(String(id)));
    if (kept.length)
      await Interactions.updateMany(
        { workspaceId, _id: { $in: kept } },
        { $set: { customer: { erased: true }, surveyRequest: null, result: null } },
        { timestamps: false },
      );
    return ids.length;
  };

  const deleteDeliveries = async (workspaceId: Types.ObjectId, before: Date) => {
    const connector = await ConnectorDeliveries.find(
      { workspaceId, createdAt: { $lt: before } },
      { _id: 1 },
    )
      .limit(batchSize)
      .lean();
    const webhook = await WebhookDeliveries.find({ workspaceId, at: { $lt: before } }, { _id: 1 })
      .limit(batchSize)
      .lean();
    const a = connector.length
      ? (
          await ConnectorDeliveries.deleteMany({
            workspaceId,
            _id: { $in: connector.map((d) => d._id) },
          })
        ).deletedCount
      : 0;
    const b = webhook.length
      ? (
          await WebhookDeliveries.deleteMany({
            workspaceId,
            _id: { $in: webhook.map((d) => d._id) },
          })
        ).deletedCount
      : 0;
    return a + b;
  };

  return {
    /** What a run now would remove; `override` previews a policy before it is saved. Writes nothing. */
    async dryRun(
      workspaceId: Types.ObjectId,
      override: Partial<RetentionPolicy> = {},
    ): Promise<RetentionPlan> {
      const ws = await deps.workspaces.getWorkspace(workspaceId);
      const policy = retentionOf({ ...ws.retention, ...override });
      const now = clock();
      const f = filters(workspaceId, policy, now);
      const count = async <T>(
        model: { countDocuments(q: object): Promise<T> },
        q: object | null,
      ) => (q ? Number(await model.countDocuments(q)) : 0);
      const wouldRemove: RetentionCounts = {
        contacts: await count(Contacts, f.contacts),
        comments: await count(Responses, f.comments),
        interactions: await count(Interactions, f.interactions),
        deliveryLogs: f.deliveryLogs
          ? (await count(ConnectorDeliveries, {
              workspaceId,
              createdAt: { $lt: f.deliveryLogs },
            })) + (await count(WebhookDeliveries, { workspaceId, at: { $lt: f.deliveryLogs } }))
          : 0,
        auditEntries: f.auditEntries
          ? await deps.audit.countOlderThan(workspaceId, f.auditEntries)
          : 0,
      };
      return { asOf: now.toISOString(), policy, wouldRemove };
    },

    /** Applies the policy in bounded batches; records the run in the run log and the audit trail. */
    async run(workspaceId: Types.ObjectId): Promise<RetentionRun> {
      return runWithAudit(systemAuditContext('retention'), async () => {
        const ws = await deps.workspaces.getWorkspace(workspaceId);
        const policy = ws.retention;
        const startedAt = clock();
        const f = filters(workspaceId, policy, startedAt);
        const removed: RetentionCounts = { ...ZERO };
        const tally = (k: keyof RetentionCounts) => (n: number) => {
          removed[k] += n;
        };
        let incomplete = false;
        if (f.comments) {
          const q = f.comments;
          incomplete ||= await drain(() => removeComments(workspaceId, q), tally('comments'));
        }
        if (f.interactions) {
          const q = f.interactions;
          incomplete ||= await drain(() => pareInteractions(workspaceId, q), tally('interactions'));
        }
        if (f.deliveryLogs) {
          const before = f.deliveryLogs;
          incomplete ||= await drain(
            () => deleteDeliveries(workspaceId, before),
            tally('deliveryLogs'),
          );
        }
        if (f.auditEntries) {
          const before = f.auditEntries;
          incomplete ||= await drain(
            () => deps.audit.removeOlderThan(workspaceId, before, batchSize),
            tally('auditEntries'),
          );
        }
        // Last: the kinds above are counted on their own, as the dry run counts them.
        if (f.contacts) {
          const q = f.contacts;
          incomplete ||= await drain(() => eraseContacts(workspaceId, q), tally('contacts'));
        }
        const finishedAt = clock();
        const doc = await Runs.create({
          workspaceId,
          startedAt,
          finishedAt,
          policy,
          removed,
          incomplete,
        });
        await deps.audit.record({
          workspaceId,
          action: 'retention.applied',
          target: { type: 'workspace', id: String(workspaceId) },
          details: { removed, incomplete, runId: String(doc._id) },
        });
        return {
          id: String(doc._id),
          startedAt: startedAt.toISOString(),
          finishedAt: finishedAt.toISOString(),
          policy,
          removed,
          incomplete,
        };
      });
    },

    /** Every workspace, oldest first (the audit trail's default retention applies to all). */
    async runAll(): Promise<{ workspaces: number }> {
      const all = await workspaceModel(deps.conn).find({}, { _id: 1 }).sort({ _id: 1 }).lean();
      for (const { _id } of all) await this.run(_id);
      return { workspaces: all.length };
    },

    async recentRuns(workspaceId: Types.ObjectId, limit = 20): Promise<RetentionRun[]> {
      const docs = await Runs.find({ workspaceId })
        .sort({ startedAt: -1, _id: -1 })
        .limit(limit)
        .lean();
      return docs.map((d) => ({
        id: String(d._id),
        startedAt: d.startedAt.toISOString(),
        finishedAt: d.finishedAt.toISOString(),
        policy: d.policy as RetentionPolicy,
        removed: d.removed as RetentionCounts,
        incomplete: d.incomplete,
      }));
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
