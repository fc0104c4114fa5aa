import { Types, type Connection } from 'mongoose';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { isDuplicateKey } from '../shared/mongo-errors';
import type { Queues } from '../shared/queues';
import type { Actor } from '../shared/request-context';
import { canReassign, canSee, visibilityFilter } from '../shared/roles';
import { createAssigner, type AssignRequest } from './assign-task';
import type { Mailer } from './mailer';
import { createSla } from './sla';
import { taskModel, type TaskDoc } from './task.model';
import { toTaskView, type TaskView } from './task-view';
import type { TaskListQuery, TaskOutcome, TaskPatch } from './tasks.schema';
import type { UserDirectory } from './user-directory';

export interface TasksDeps {
  conn: Connection;
  queues: Queues;
  directory: UserDirectory;
  mail: Mailer;
  publicUrl: string;
  logger?: Logger;
  now?: () => Date;
  /** A task made or resolved (connector write-back enqueues its job here); must not throw. */
  onTaskEvent?: (event: 'task_created' | 'task_resolved', task: TaskDoc) => Promise<void>;
}

export interface NewTask {
  originKey: string;
  responseId: Types.ObjectId;
  contactId?: Types.ObjectId | null;
  interactionId?: Types.ObjectId | null;
  ruleId?: string | null;
  title: string;
  priority: string;
  dueAt: Date;
  assign: AssignRequest;
  response?: {
    surveyType?: string;
    score?: number | null;
    category?: string | null;
    comment?: string | null;
  };
}

export type InboxTab = 'mine' | 'team' | 'overdue';
export interface Page {
  items: TaskView[];
  nextCursor: string | null;
}

const OPEN = { status: { $ne: 'resolved' } };

export function createTasksService(deps: TasksDeps) {
  const Tasks = taskModel(deps.conn);
  const clock = deps.now ?? (() => new Date());
  const assign = createAssigner(deps.conn, Tasks, deps.directory);
  const sla = createSla({ ...deps, Tasks, clock });

  const actorName = async (actor: Actor) => {
    if (!actor.userId) return actor.kind === 'api-key' ? 'API' : 'system';
    const user = await deps.directory.findAgent(actor.workspaceId, { id: String(actor.userId) });
    return user?.name ?? null;
  };
  const entry = async (actor: Actor, action: string, detail: unknown = null) => ({
    at: clock(),
    by: actor.userId ? String(actor.userId) : null,
    byName: await actorName(actor),
    action,
    detail,
  });

  /** Loads a task the actor may see; 404 otherwise (never reveals another team's task). */
  const load = async (actor: Actor, id: string): Promise<TaskDoc> => {
    if (!Types.ObjectId.isValid(id)) throw AppError.notFound('Task not found.');
    const doc = await Tasks.findOne({ _id: id, workspaceId: actor.workspaceId }).lean<TaskDoc>();
    if (!doc || !canSee(actor, doc)) throw AppError.notFound('Task not found.');
    return doc;
  };

  /**
   * Applies an update if `guard` still holds (the SLA may mark a task overdue meanwhile, which
   * must not make a resolve fail), then returns the task.
   */
  const change = async (
    doc: TaskDoc,
    guard: Record<string, unknown>,
    update: Record<string, unknown>,
  ): Promise<TaskDoc> => {
    const updated = await Tasks.findOneAndUpdate(
      { _id: doc._id, workspaceId: doc.workspaceId, ...guard },
      update,
      { returnDocument: 'after' },
    ).lean<TaskDoc>();
    if (!updated) throw AppError.conflict('The task changed meanwhile; reload and try again.');
    return updated;
  };

  const firstAction = (doc: TaskDoc) => (doc.firstActionAt ? {} : { firstActionAt: clock() });

  const page = async (
    filter: Record<string, unknown>,
    cursor: string | undefined,
    limit: number,
  ) => {
    const after = decodeCursor(cursor);
    const query = after
      ? {
          $and: [
            filter,
            {
              $or: [
                { dueAt: { $gt: after.dueAt } },
                { dueAt: after.dueAt, _id: { $gt: after.id } },
              ],
            },
          ],
        }
      : filter;
    const docs = await Tasks.find(query)
      .sort({ dueAt: 1, _id: 1 })
      .limit(limit + 1)
      .lean<TaskDoc[]>();
    const items = docs.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toTaskView),
      nextCursor: docs.length > limit && last ? encodeCursor(last) : null,
    };
  };

  const tabFilter = (actor: Actor, tab: InboxTab): Record<string, unknown> => {
    const base = { workspaceId: actor.workspaceId, ...OPEN };
    if (tab === 'mine') return { ...base, assigneeId: actor.userId };
    if (tab === 'team') return { ...base, assigneeId: null, team: { $in: [...actor.teams] } };
    return { ...base, overdue: true, ...visibilityFilter(actor) };
  };

  const service = {
    sla,

    /** Idempotent on originKey: a retried rule action returns the task made the first time. */
    async createTask(workspaceId: Types.ObjectId, input: NewTask): Promise<TaskView> {
      const existing = await Tasks.findOne({
        originKey: input.originKey,
        workspaceId,
      }).lean<TaskDoc>();
      if (existing) {
        // A retried rule action may have stopped between the insert and this hook.
        await deps.onTaskEvent?.('task_created', existing);
        return toTaskView(existing);
      }
      const { assignee, team, fallback } = await assign(workspaceId, input.assign);
      const now = clock();
      try {
        const doc = await Tasks.create({
          workspaceId,
          originKey: input.originKey,
          responseId: input.responseId,
          contactId: input.contactId ?? null,
          interactionId: input.interactionId ?? null,
          ruleId: input.ruleId ?? null,
          title: input.title,
          priority: input.priority,
          assigneeId: assignee ? new Types.ObjectId(assignee.id) : null,
          assigneeName: assignee?.name ?? null,
          team,
          dueAt: input.dueAt,
          surveyType: input.response?.surveyType ?? null,
          score: input.response?.score ?? null,
          category: input.response?.category ?? null,
          comment: input.response?.comment ?? null,
          history: [
            {
              at: now,
              by: null,
              byName: 'rules',
              action: 'created',
              detail: {
                strategy: input.assign.strategy,
                assignee: assignee?.id ?? null,
                team,
                fallback,
              },
            },
          ],
        });
        const saved = doc.toObject() as TaskDoc;
        await sla.schedule(saved);
        await deps.onTaskEvent?.('task_created', saved);
        return toTaskView(saved);
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const winner = await Tasks.findOne({
          originKey: input.originKey,
          workspaceId,
        }).lean<TaskDoc>();
        if (!winner) throw err;
        return toTaskView(winner);
      }
    },

    /** Workspace-wide list for the API (filters, cursor); `actor` narrows it to what they see. */
    list(actor: Actor, q: TaskListQuery): Promise<Page> {
      const filter: Record<string, unknown> = {
        workspaceId: actor.workspaceId,
        ...visibilityFilter(actor),
      };
      if (q.status) filter.status = q.status;
      if (q.assignee)
        filter.assigneeId = q.assignee === 'none' ? null : new Types.ObjectId(q.assignee);
      if (q.team) filter.team = q.team;
      if (q.overdue !== undefined) filter.overdue = q.overdue;
      return page(filter, q.cursor, q.limit);
    },

    /** Inbox tabs: "mine", "team" (my teams' unassigned queue), "overdue" (what I see). */
    inbox(actor: Actor, tab: InboxTab, cursor?: string, limit = 25): Promise<Page> {
      return page(tabFilter(actor, tab), cursor, limit);
    },

    async counts(actor: Actor): Promise<Record<InboxTab, number>> {
      const [mine, team, overdue] = await Promise.all(
        (['mine', 'team', 'overdue'] as const).map((tab) =>
          Tasks.countDocuments(tabFilter(actor, tab)),
        ),
      );
      return { mine: mine ?? 0, team: team ?? 0, overdue: overdue ?? 0 };
    },

    async get(actor: Actor, id: string): Promise<TaskView> {
      return toTaskView(await load(actor, id));
    },

    /** Other tasks of the same contact (the task page's "earlier answers"). */
    async forContact(actor: Actor, contactId: string): Promise<TaskView[]> {
      if (!Types.ObjectId.isValid(contactId)) return [];
      const docs = await Tasks.find({
        workspaceId: actor.workspaceId,
        contactId,
        ...visibilityFilter(actor),
      })
        .sort({ createdAt: -1, _id: -1 })
        .limit(20)
        .lean<TaskDoc[]>();
      return docs.map(toTaskView);
    },

    /** An agent takes a task (theirs or from their team's queue) and starts on it. */
    async claim(actor: Actor, id: string): Promise<TaskView> {
      const doc = await load(actor, id);
      if (!actor.userId) throw AppError.forbidden('Only a signed-in user can claim a task.');
      if (doc.status === 'resolved') throw AppError.conflict('The task is already resolved.');
      if (
        doc.assigneeId &&
        String(doc.assigneeId) !== String(actor.userId) &&
        !canReassign(actor)
      ) {
        throw AppError.conflict('Someone else already has this task.');
      }
      const name = await actorName(actor);
      return toTaskView(
        await change(
          doc,
          { assigneeId: doc.assigneeId ?? null, status: { $ne: 'resolved' } },
          {
            $set: {
              assigneeId: actor.userId,
              assigneeName: name,
              status: 'in_progress',
              ...firstAction(doc),
            },
            $push: { history: await entry(actor, 'claimed') },
          },
        ),
      );
    },

    async start(actor: Actor, id: string): Promise<TaskView> {
      const doc = await load(actor, id);
      if (doc.status !== 'open') return toTaskView(doc);
      return toTaskView(
        await change(
          doc,
          {},
          {
            $set: { status: 'in_progress', ...firstAction(doc) },
            $push: { history: await entry(actor, 'started') },
          },
        ),
      );
    },

    /** Managers (and API keys) move a task to a person or back to a team queue. */
    async reassign(
      actor: Actor,
      id: string,
      to: { userId?: string | null; team?: string | null },
    ): Promise<TaskView> {
      if (!canReassign(actor)) throw AppError.forbidden('Only managers can reassign tasks.');
      const doc = await load(actor, id);
      if (doc.status === 'resolved') throw AppError.conflict('The task is already resolved.');
      const set: Record<string, unknown> = {};
      if (to.userId) {
        const user = await deps.directory.findAgent(actor.workspaceId, { id: to.userId });
        if (!user)
          throw AppError.badRequest('No such active user.', [
            { path: 'assigneeId', message: 'no such active user' },
          ]);
        Object.assign(set, { assigneeId: new Types.ObjectId(user.id), assigneeName: user.name });
      } else if (to.userId === null) {
        Object.assign(set, { assigneeId: null, assigneeName: null });
      }
      if (to.team !== undefined) set.team = to.team;
      return toTaskView(
        await change(
          doc,
          {},
          { $set: set, $push: { history: await entry(actor, 'reassigned', to) } },
        ),
      );
    },

    async addNote(actor: Actor, id: string, text: string): Promise<TaskView> {
      const doc = await load(actor, id);
      const note = {
        authorId: actor.userId ? String(actor.userId) : null,
        authorName: await actorName(actor),
        text,
        at: clock(),
      };
      return toTaskView(
        await change(
          doc,
          {},
          {
            $set: firstAction(doc),
            $push: { notes: note, history: await entry(actor, 'note') },
          },
        ),
      );
    },

    async resolve(actor: Actor, id: string, outcome: TaskOutcome): Promise<TaskView> {
      const doc = await load(actor, id);
      if (doc.status === 'resolved') throw AppError.conflict('The task is already resolved.');
      const now = clock();
      const updated = await change(
        doc,
        { status: { $ne: 'resolved' } },
        {
          $set: { status: 'resolved', outcome, resolvedAt: now, ...firstAction(doc) },
          $push: { history: await entry(actor, 'resolved', outcome) },
        },
      );
      await sla.cancel(String(doc._id));
      await deps.onTaskEvent?.('task_resolved', updated);
      return toTaskView(updated);
    },

    async setPriority(actor: Actor, id: string, priority: string): Promise<TaskView> {
      const doc = await load(actor, id);
      return toTaskView(
        await change(
          doc,
          {},
          { $set: { priority }, $push: { history: await entry(actor, 'priority', priority) } },
        ),
      );
    },

    /** Whether a response already has a task (any rule). */
    async existsForResponse(workspaceId: Types.ObjectId, responseId: string): Promise<boolean> {
      return (await Tasks.exists({ workspaceId, responseId })) !== null;
    },

    /** The API's PATCH: reassign, note, priority, then status, each as its own command. */
    async update(actor: Actor, id: string, patch: TaskPatch): Promise<TaskView> {
      let view = await service.get(actor, id);
      if (patch.assigneeId !== undefined || patch.team !== undefined) {
        view = await service.reassign(actor, id, { userId: patch.assigneeId, team: patch.team });
      }
      if (patch.note) view = await service.addNote(actor, id, patch.note);
      if (patch.priority) view = await service.setPriority(actor, id, patch.priority);
      if (patch.status === 'in_progress') view = await service.start(actor, id);
      if (patch.status === 'resolved' && patch.outcome) {
        view = await service.resolve(actor, id, patch.outcome);
      }
      return view;
    },
  };
  return service;
}

export type TasksService = ReturnType<typeof createTasksService>;

function encodeCursor(doc: TaskDoc): string {
  return Buffer.from(`${doc.dueAt.getTime()}.${String(doc._id)}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { dueAt: Date; id: Types.ObjectId } | null {
  if (!cursor) return null;
  const [time, id] = Buffer.from(cursor, 'base64url').toString().split('.');
  if (!time || !id || !/^\d+$/.test(time) || !Types.ObjectId.isValid(id)) {
    throw AppError.badRequest('The cursor is not valid.', [
      { path: 'cursor', message: 'is not valid' },
    ]);
  }
  return { dueAt: new Date(Number(time)), id: new Types.ObjectId(id) };
}
