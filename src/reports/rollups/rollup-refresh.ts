import { randomUUID } from 'node:crypto';
import type { AnyBulkWriteOperation, Connection, Types } from 'mongoose';
import { invitationModel } from '../../invitations/invitation.model';
import { responseModel } from '../../responses/response.model';
import { workspaceModel } from '../../workspaces/workspace.model';
import { periodExpr } from '../pipelines/match';
import {
  ALL_CATEGORIES,
  answerRollupPipeline,
  invitationRollupPipeline,
  type AnswerRollupRaw,
  type InvitationRollupRaw,
} from '../pipelines/rollup-rows';
import { daySpans, daysBetween, localDay, spanRange, type DaySpan } from './rollup-days';
import { rollupRowModel, type RollupRow } from './rollup-row.model';
import { rollupStateModel } from './rollup-state.model';

/** Cells of one (score, category) summed per score value, in score order. */
function scoreCounts(cells: { s: number; c: number }[]) {
  const counts = new Map<number, number>();
  for (const { s, c } of cells) counts.set(s, (counts.get(s) ?? 0) + c);
  return [...counts].sort((a, b) => a[0] - b[0]).map(([s, c]) => ({ s, c }));
}

/** A crashed refresher's lease runs out after this long; a live one renews it per chunk. */
const LEASE_MS = 10 * 60_000;
/** Days recomputed per round trip; rows come back one per document, so no reply nears 16 MB. */
const CHUNK_DAYS = 31;

export interface RefreshSummary {
  workspaces: number;
  days: number;
}

export interface RollupRefreshOptions {
  /**
   * How far behind the scan's start the watermark stays, so a write stamped just before the
   * scan but committed just after it (or by a host whose clock lags) is still picked up.
   */
  settleMs: number;
  clock?: () => Date;
}

type Id = Types.ObjectId;

/**
 * Brings the daily rollups of a workspace up to date: the days touched by responses and
 * invitations changed since the watermark, and the days completed since the last run, are
 * recomputed from the raw collections and replace their rows. A lease on the state document
 * keeps two refreshers of one workspace apart.
 */
export function createRollupRefresher(conn: Connection, options: RollupRefreshOptions) {
  const Rows = rollupRowModel(conn);
  const States = rollupStateModel(conn);
  const Responses = responseModel(conn);
  const Invitations = invitationModel(conn);
  const Workspaces = workspaceModel(conn);
  const clock = options.clock ?? (() => new Date());

  async function acquireLease(workspaceId: Id, now: Date) {
    await States.updateOne(
      { workspaceId },
      { $setOnInsert: { timezone: null, watermark: null, coveredUntil: null, leaseUntil: null } },
      { upsert: true },
    ).catch((err: { code?: number }) => {
      if (err.code !== 11000) throw err; // another refresher created it first
    });
    const leaseId = randomUUID();
    const state = await States.findOneAndUpdate(
      { workspaceId, $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }] },
      { $set: { leaseId, leaseUntil: new Date(now.getTime() + LEASE_MS) } },
      { returnDocument: 'after' },
    ).lean();
    return state ? { state, leaseId } : null;
  }

  async function renewLease(workspaceId: Id, leaseId: string) {
    const leaseUntil = new Date(clock().getTime() + LEASE_MS);
    const res = await States.updateOne({ workspaceId, leaseId }, { $set: { leaseUntil } });
    if (res.matchedCount === 0) throw new Error('rollup lease lost');
  }

  /** Local days of the answers and invitations changed at or after `since` (null: all). */
  async function touchedDays(workspaceId: Id, zone: string, since: Date | null) {
    const changed = since ? { updatedAt: { $gte: since } } : {};
    const daysOf = async (rows: Promise<{ _id: Date | null }[]>) =>
      (await rows).flatMap((r) => (r._id ? [localDay(r._id, zone)] : []));
    const [answers, invitations] = await Promise.all([
      daysOf(
        Responses.aggregate<{ _id: Date | null }>([
          { $match: { workspaceId, ...changed, answeredAt: { $ne: null } } },
          { $group: { _id: periodExpr('answeredAt', 'day', zone) } },
        ]),
      ),
      daysOf(
        Invitations.aggregate<{ _id: Date | null }>([
          { $match: { workspaceId, ...changed, sentAt: { $ne: null } } },
          { $group: { _id: periodExpr('sentAt', 'day', zone) } },
        ]),
      ),
    ]);
    return [...answers, ...invitations];
  }

  async function computeRows(workspaceId: Id, zone: string, span: DaySpan, stamp: string) {
    const range = spanRange(span, zone);
    const [answers, invitations] = await Promise.all([
      Responses.aggregate<AnswerRollupRaw>(answerRollupPipeline(workspaceId, range, zone)),
      Invitations.aggregate<InvitationRollupRaw>(
        invitationRollupPipeline(workspaceId, range, zone),
      ),
    ]);
    const rows: RollupRow[] = [];
    for (const raw of answers) {
      rows.push({
        workspaceId,
        surveyType: raw._id.type,
        kind: 'answers',
        dimension: raw._id.dimension,
        day: localDay(raw._id.day, zone),
        value: raw._id.value ?? null,
        scaleMax: raw._id.scaleMax ?? null,
        label: raw.label ?? null,
        n: raw.n,
        sum: raw.sum,
        sumSq: raw.sumSq,
        counts: Object.fromEntries(ALL_CATEGORIES.map((c) => [c, Number(raw[`c_${c}`] ?? 0)])),
        scores: scoreCounts(raw.cells),
        reached: 0,
        answered: 0,
        stamp,
      });
    }
    for (const raw of invitations) {
      rows.push({
        workspaceId,
        surveyType: raw._id.type,
        kind: 'invitations',
        dimension: raw._id.dimension,
        day: localDay(raw._id.day, zone),
        value: raw._id.value ?? null,
        scaleMax: null,
        label: null,
        n: 0,
        sum: 0,
        sumSq: 0,
        counts: {},
        scores: [],
        reached: raw.reached,
        answered: raw.answered,
        stamp,
      });
    }
    return rows;
  }

  /**
   * Upserts the new rows, then drops the span's rows that the new computation did not write
   * (a reader never finds a day without rows). In a rebuild the rows are gone: plain inserts.
   */
  async function replaceSpan(workspaceId: Id, zone: string, span: DaySpan, rebuild: boolean) {
    const stamp = randomUUID();
    const rows = await computeRows(workspaceId, zone, span, stamp);
    if (rebuild) {
      if (rows.length) await Rows.collection.insertMany(rows, { ordered: false });
      return;
    }
    const ops: AnyBulkWriteOperation<RollupRow>[] = rows.map((row) => ({
      updateOne: {
        filter: {
          workspaceId,
          surveyType: row.surveyType,
          dimension: row.dimension,
          day: row.day,
          value: row.value,
          kind: row.kind,
          scaleMax: row.scaleMax,
        },
        update: { $set: row },
        upsert: true,
      },
    }));
    if (ops.length) await Rows.bulkWrite(ops, { ordered: false });
    await Rows.deleteMany({
      workspaceId,
      day: { $gte: span.from, $lt: span.to },
      stamp: { $ne: stamp },
    });
  }

  /** Days recomputed, or null when another refresher holds the workspace. */
  async function refreshWorkspace(workspaceId: Id): Promise<number | null> {
    const workspace = await Workspaces.findById(workspaceId).select({ timezone: 1 }).lean();
    if (!workspace) return 0;
    const zone = workspace.timezone;
    const started = clock();
    const lease = await acquireLease(workspaceId, started);
    if (!lease) return null;
    const { state, leaseId } = lease;
    const mine = { workspaceId, leaseId };
    try {
      const today = localDay(started, zone);
      const rebuild = !state.watermark || !state.coveredUntil || state.timezone !== zone;
      let days: string[];
      if (rebuild) {
        // Reports read no row of a workspace without coverage, so the rows can go first.
        await States.updateOne(mine, {
          $set: { timezone: null, watermark: null, coveredUntil: null },
        });
        await Rows.deleteMany({ workspaceId });
        days = await touchedDays(workspaceId, zone, null);
      } else {
        days = [
          ...(await touchedDays(workspaceId, zone, state.watermark!)),
          ...daysBetween(state.coveredUntil!, today),
        ];
      }
      const spans = daySpans(
        days.filter((d) => d < today),
        CHUNK_DAYS,
      );
      let count = 0;
      for (const span of spans) {
        await renewLease(workspaceId, leaseId);
        await replaceSpan(workspaceId, zone, span, rebuild);
        count += daysBetween(span.from, span.to).length;
      }
      await States.updateOne(mine, {
        $set: {
          timezone: zone,
          watermark: new Date(started.getTime() - options.settleMs),
          coveredUntil: today,
          leaseId: null,
          leaseUntil: null,
        },
      });
      return count;
    } catch (err) {
      await States.updateOne(mine, { $set: { leaseId: null, leaseUntil: null } }).catch(
        () => undefined,
      );
      throw err;
    }
  }

  const refresher = {
    /** Brings rollups up to date now: one workspace, or all of them. */
    async refresh(workspaceId?: Id): Promise<RefreshSummary> {
      const ids = workspaceId
        ? [workspaceId]
        : (await Workspaces.find().select({ _id: 1 }).lean()).map((w) => w._id);
      const summary: RefreshSummary = { workspaces: 0, days: 0 };
      for (const id of ids) {
        const days = await refreshWorkspace(id);
        if (days === null) continue;
        summary.workspaces += 1;
        summary.days += days;
      }
      return summary;
    },

    /**
     * Forgets what was rolled up, then refreshes: every day is recomputed from the raw
     * collections (after a bulk write that bypassed mongoose, or a restore).
     */
    async rebuild(workspaceId?: Id): Promise<RefreshSummary> {
      await States.updateMany(workspaceId ? { workspaceId } : {}, {
        $set: { watermark: null, coveredUntil: null },
      });
      return refresher.refresh(workspaceId);
    },
  };
  return refresher;
}
export type RollupRefresher = ReturnType<typeof createRollupRefresher>;
