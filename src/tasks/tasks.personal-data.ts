import type { Connection } from 'mongoose';
import type { PersonalDataHolder } from '../shared/personal-data/personal-data-holder';
import { scrubDeep, subjectSecrets } from '../shared/personal-data/scrub-text';
import { taskModel, type TaskDoc } from './task.model';

/**
 * Follow-up tasks: the copied comment goes; notes, the outcome's comment, the title and the
 * history keep the agents' words with the person's name, phone, email and comments cut out.
 * Status, dates, assignee and outcome answers stay for the follow-up report.
 */
export function tasksPersonalData(conn: Connection): PersonalDataHolder {
  const Tasks = taskModel(conn);
  const ofSubject = (s: Parameters<PersonalDataHolder['export']>[0]) => ({
    workspaceId: s.workspaceId,
    $or: [{ contactId: s.contactId }, { responseId: { $in: s.responseIds } }],
  });
  return {
    collection: Tasks.collection.collectionName,
    async export(subject) {
      return Tasks.find(ofSubject(subject)).sort({ createdAt: 1, _id: 1 }).lean();
    },
    async erase(subject) {
      const secrets = subjectSecrets(subject);
      const docs = await Tasks.find(ofSubject(subject)).lean<TaskDoc[]>();
      let changed = 0;
      for (const task of docs) {
        const next = {
          title: scrubDeep(task.title, secrets),
          comment: null,
          notes: scrubDeep(task.notes, secrets),
          outcome: task.outcome ? scrubDeep(task.outcome, secrets) : null,
          history: scrubDeep(task.history, secrets),
        };
        const before = {
          title: task.title,
          comment: task.comment ?? null,
          notes: task.notes,
          outcome: task.outcome ?? null,
          history: task.history,
        };
        if (JSON.stringify(next) === JSON.stringify(before)) continue;
        const result = await Tasks.updateOne(
          { _id: task._id, workspaceId: subject.workspaceId },
          { $set: next },
          { timestamps: false },
        );
        changed += result.modifiedCount;
      }
      return changed;
    },
  };
}
