import type { Connection } from 'mongoose';
import type { PersonalDataHolder } from '../shared/personal-data/personal-data-holder';
import { scrubDeep, subjectSecrets } from '../shared/personal-data/scrub-text';
import { actionLogModel, type ActionLogDoc } from './action-log.model';
import { rewardCodeModel } from './reward-codes';

/**
 * What rules did about the person's answers. Results hold ids, channels, provider ids and staff
 * addresses; an error text may quote the person's address, so it is scrubbed.
 */
export function actionLogPersonalData(conn: Connection): PersonalDataHolder {
  const Logs = actionLogModel(conn);
  return {
    collection: Logs.collection.collectionName,
    async export({ workspaceId, responseIds }) {
      return Logs.find({ workspaceId, responseId: { $in: responseIds } })
        .sort({ createdAt: 1, _id: 1 })
        .lean();
    },
    async erase(subject) {
      const secrets = subjectSecrets(subject);
      const docs = await Logs.find({
        workspaceId: subject.workspaceId,
        responseId: { $in: subject.responseIds },
      }).lean<ActionLogDoc[]>();
      let changed = 0;
      for (const log of docs) {
        const next = {
          result: scrubDeep(log.result, secrets),
          error: scrubDeep(log.error, secrets),
        };
        if (JSON.stringify(next) === JSON.stringify({ result: log.result, error: log.error }))
          continue;
        const result = await Logs.updateOne(
          { _id: log._id, workspaceId: subject.workspaceId },
          { $set: next },
        );
        changed += result.modifiedCount;
      }
      return changed;
    },
  };
}

/**
 * Reward codes handed to the person (claimed under "<responseId>:<ruleId>:<index>"). A code is
 * the workspace's stock, not data about the person: it is exported, and kept on erasure so the
 * same code is never handed out twice; what linked it to the person is gone with them.
 */
export function rewardCodesPersonalData(conn: Connection): PersonalDataHolder {
  const Codes = rewardCodeModel(conn);
  return {
    collection: Codes.collection.collectionName,
    async export({ workspaceId, responseIds }) {
      if (responseIds.length === 0) return [];
      const prefixes = responseIds.map((id) => new RegExp(`^${String(id)}:`));
      return Codes.find({ workspaceId, usedBy: { $in: prefixes } })
        .sort({ usedAt: 1, _id: 1 })
        .lean();
    },
    async erase() {
      return 0;
    },
  };
}
