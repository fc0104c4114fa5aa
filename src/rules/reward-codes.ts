import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

const rewardCodeSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    pool: { type: String, required: true },
    code: { type: String, required: true },
    /** The action log key that took it; null while unused. */
    usedBy: { type: String, default: null },
    usedAt: { type: Date, default: null },
  },
  { timestamps: true, minimize: false },
);
rewardCodeSchema.index({ workspaceId: 1, pool: 1, code: 1 }, { unique: true });
rewardCodeSchema.index({ workspaceId: 1, pool: 1, usedBy: 1 });

export type RewardCodeModel = Model<InferSchemaType<typeof rewardCodeSchema>>;
export function rewardCodeModel(conn: Connection): RewardCodeModel {
  return (
    (conn.models.RewardCode as RewardCodeModel | undefined) ??
    conn.model('RewardCode', rewardCodeSchema, 'reward_codes')
  );
}

/** Reward codes: each handed out once, even to concurrent claimers (atomic findOneAndUpdate). */
export function createRewardCodes(conn: Connection) {
  const Codes = rewardCodeModel(conn);
  return {
    /** Adds codes to a pool in one bulk write; codes already there are kept. Returns how many were new. */
    async add(workspaceId: Types.ObjectId, pool: string, codes: string[]): Promise<number> {
      const unique = [...new Set(codes.map((c) => c.trim()).filter(Boolean))];
      if (unique.length === 0) return 0;
      const res = await Codes.bulkWrite(
        unique.map((code) => ({
          updateOne: {
            filter: { workspaceId, pool, code },
            update: { $setOnInsert: { workspaceId, pool, code, usedBy: null, usedAt: null } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
      return res.upsertedCount;
    },

    /** The code `claimant` already holds, else a fresh one; null when the pool is empty. */
    async claim(
      workspaceId: Types.ObjectId,
      pool: string,
      claimant: string,
    ): Promise<string | null> {
      // Two racing first claims can each take a code: the older one is the claimant's for good.
      const held = await Codes.findOne({ workspaceId, pool, usedBy: claimant })
        .sort({ _id: 1 })
        .lean<{ code: string }>();
      if (held) return held.code;
      const doc = await Codes.findOneAndUpdate(
        { workspaceId, pool, usedBy: null },
        { $set: { usedBy: claimant, usedAt: new Date() } },
        { sort: { _id: 1 }, returnDocument: 'after' },
      ).lean<{ code: string }>();
      return doc?.code ?? null;
    },

    async remaining(workspaceId: Types.ObjectId, pool: string): Promise<number> {
      return Codes.countDocuments({ workspaceId, pool, usedBy: null });
    },

    /** Every pool of the workspace with its counts, by name. */
    async pools(
      workspaceId: Types.ObjectId,
    ): Promise<{ pool: string; remaining: number; used: number }[]> {
      const rows = await Codes.aggregate<{ _id: string; remaining: number; used: number }>([
        { $match: { workspaceId } },
        {
          $group: {
            _id: '$pool',
            remaining: { $sum: { $cond: [{ $eq: ['$usedBy', null] }, 1, 0] } },
            used: { $sum: { $cond: [{ $eq: ['$usedBy', null] }, 0, 1] } },
          },
        },
      ]);
      return rows
        .map((r) => ({ pool: r._id, remaining: r.remaining, used: r.used }))
        .sort((a, b) => a.pool.localeCompare(b.pool));
    },

    async stock(workspaceId: Types.ObjectId, pool: string) {
      const [remaining, used] = await Promise.all([
        Codes.countDocuments({ workspaceId, pool, usedBy: null }),
        Codes.countDocuments({ workspaceId, pool, usedBy: { $ne: null } }),
      ]);
      return { pool, remaining, used };
    },
  };
}
export type RewardCodes = ReturnType<typeof createRewardCodes>;
