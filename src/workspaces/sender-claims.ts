import type { Connection, Types } from 'mongoose';
import { AppError } from '../shared/errors';
import { isDuplicateKey } from '../shared/mongo-errors';
import { senderClaimModel } from './sender-claim.model';
import { senderNumberOf } from './sender-number';

/** A number two workspaces listed before claims existed: the older one kept it. */
export interface ClaimConflict {
  number: string;
  workspaceId: string;
  heldBy: string;
}

export interface ClaimMigration {
  claimed: number;
  conflicts: ClaimConflict[];
  /** Workspaces that listed a shared default number, which no workspace may hold. */
  shared: { number: string; workspaceId: string }[];
}

const FIELD = 'senderNumbers';
/** A claim released between our insert and our read is simply tried again. */
const ATTEMPTS = 3;

const sameId = (a: Types.ObjectId, b: Types.ObjectId) => String(a) === String(b);

/**
 * Who holds which Twilio number for inbound routing. `sharedNumbers` are the installation's
 * own senders (TWILIO_FROM, TWILIO_WHATSAPP_FROM): every workspace sends from them, so none
 * may hold them.
 */
export function createSenderClaims(
  conn: Connection,
  sharedNumbers: readonly (string | undefined)[],
) {
  const Claims = senderClaimModel(conn);
  const shared = new Set(sharedNumbers.map(senderNumberOf).filter((n): n is string => n !== null));

  const isShared = (number: string) => shared.has(number);

  const holderOf = async (number: string): Promise<Types.ObjectId | null> =>
    (await Claims.findOne({ number }).select({ workspaceId: 1 }).lean())?.workspaceId ?? null;

  /** True when this call wrote the claim, false when the workspace held it already. */
  const claimOne = async (workspaceId: Types.ObjectId, number: string): Promise<boolean> => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        await Claims.create({ number, workspaceId });
        return true;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const holder = await holderOf(number);
      if (holder && sameId(holder, workspaceId)) return false;
      if (holder) throw takenBy(number);
    }
    throw takenBy(number);
  };

  const release = async (workspaceId: Types.ObjectId, numbers: readonly string[]) => {
    if (numbers.length === 0) return;
    await Claims.deleteMany({ workspaceId, number: { $in: [...numbers] } });
  };

  return {
    isShared,

    /** The workspace holding a number, or null when it is shared or nobody holds it. */
    async workspaceFor(number: string): Promise<Types.ObjectId | null> {
      return isShared(number) ? null : holderOf(number);
    },

    /**
     * Claims every number for the workspace, or none of them: on a 409 the claims this call
     * wrote are taken back. Numbers the workspace already holds are fine (idempotent).
     */
    async claim(workspaceId: Types.ObjectId, numbers: readonly string[]): Promise<string[]> {
      const sharedOne = numbers.find(isShared);
      if (sharedOne) {
        throw AppError.conflict(
          `${sharedOne} is this installation's shared sender number; no workspace can claim it.`,
          [{ path: FIELD, message: `${sharedOne} is the shared sender number` }],
        );
      }
      const held = await Claims.find({ number: { $in: [...numbers] } }).lean();
      const other = held.find((c) => !sameId(c.workspaceId, workspaceId));
      if (other) throw takenBy(other.number);
      const written: string[] = [];
      try {
        for (const number of numbers) {
          if (held.some((c) => c.number === number)) continue;
          if (await claimOne(workspaceId, number)) written.push(number);
        }
      } catch (err) {
        await release(workspaceId, written);
        throw err;
      }
      return written;
    },

    release,

    /** Releases what the workspace holds beyond `keep` (the numbers it lists now). */
    async releaseAllBut(workspaceId: Types.ObjectId, keep: readonly string[]): Promise<void> {
      await Claims.deleteMany({ workspaceId, number: { $nin: [...keep] } });
    },

    /**
     * Start-up migration: claims for numbers workspaces listed before claims existed, the
     * oldest workspace (by _id) first. Idempotent, and safe while another process runs it.
     */
    async claimExisting(
      workspaces: readonly { _id: Types.ObjectId; senderNumbers?: string[] | null }[],
    ): Promise<ClaimMigration> {
      const result: ClaimMigration = { claimed: 0, conflicts: [], shared: [] };
      const hex = (w: { _id: Types.ObjectId }) => w._id.toHexString();
      const oldestFirst = [...workspaces].sort((a, b) => (hex(a) < hex(b) ? -1 : 1));
      for (const ws of oldestFirst) {
        const numbers = new Set(
          (ws.senderNumbers ?? []).map(senderNumberOf).filter((n): n is string => n !== null),
        );
        for (const number of numbers) {
          if (isShared(number)) {
            result.shared.push({ number, workspaceId: String(ws._id) });
            continue;
          }
          try {
            if (await claimOne(ws._id, number)) result.claimed += 1;
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            const heldBy = await holderOf(number);
            result.conflicts.push({
              number,
              workspaceId: String(ws._id),
              heldBy: heldBy ? String(heldBy) : 'unknown',
            });
          }
        }
      }
      return result;
    },
  };
}

function takenBy(number: string): AppError {
  return AppError.conflict(`${number} is already a sender number of another workspace.`, [
    { path: FIELD, message: `${number} is claimed by another workspace` },
  ]);
}

export type SenderClaims = ReturnType<typeof createSenderClaims>;
