import { Types, type Connection } from 'mongoose';
import { settingsChanged, workspaceSettingsCache } from '../shared/settings-changes';
import type { ChannelName } from '../channels/channel';
import type { Condition } from '../conditions';
import { evaluateCondition } from '../conditions';
import { auditTrail } from '../audit';
import { AppError } from '../shared/errors';
import { formatIsoDuration } from '../shared/format-duration';
import type { SurveysService } from '../surveys';
import { triggerModel, type TriggerDoc } from './trigger.model';
import type { TriggerData, TriggerPatchData } from './triggers.schema';

export interface TriggerView {
  id: string;
  name: string;
  eventType: string;
  conditions: Condition | null;
  surveyId: string;
  channels: ChannelName[];
  delay: string;
  delayMs: number;
  samplingRate: number;
  active: boolean;
}

function toView(doc: TriggerDoc): TriggerView {
  return {
    id: String(doc._id),
    name: doc.name,
    eventType: doc.eventType,
    conditions: (doc.conditions as Condition | null) ?? null,
    surveyId: String(doc.surveyId),
    channels: doc.channels as ChannelName[],
    delay: formatIsoDuration(doc.delayMs ?? 0),
    delayMs: doc.delayMs ?? 0,
    samplingRate: doc.samplingRate,
    active: doc.active,
  };
}

export function createTriggersService(conn: Connection, surveys: SurveysService) {
  const Triggers = triggerModel(conn);
  const audit = auditTrail(conn);

  // Every interaction reads them; a change made by another process shows within 5 s.
  const activeByEvent = workspaceSettingsCache<TriggerView[]>(5_000);

  const assertSurvey = async (workspaceId: Types.ObjectId, surveyId: string) => {
    try {
      await surveys.get(workspaceId, surveyId);
    } catch {
      throw AppError.badRequest('The trigger is not valid.', [
        { path: 'surveyId', message: 'no such survey in this workspace' },
      ]);
    }
  };

  return {
    async list(workspaceId: Types.ObjectId): Promise<TriggerView[]> {
      const docs = await Triggers.find({ workspaceId })
        .sort({ createdAt: 1, _id: 1 })
        .lean<TriggerDoc[]>();
      return docs.map(toView);
    },

    async get(workspaceId: Types.ObjectId, id: string): Promise<TriggerView> {
      const doc = Types.ObjectId.isValid(id)
        ? await Triggers.findOne({ _id: id, workspaceId }).lean<TriggerDoc>()
        : null;
      if (!doc) throw AppError.notFound('Trigger not found.');
      return toView(doc);
    },

    async create(workspaceId: Types.ObjectId, data: TriggerData): Promise<TriggerView> {
      await assertSurvey(workspaceId, data.surveyId);
      const doc = await Triggers.create({
        workspaceId,
        name: data.name,
        eventType: data.eventType,
        conditions: data.conditions ?? null,
        surveyId: new Types.ObjectId(data.surveyId),
        channels: data.channels,
        delayMs: data.delay ?? 0,
        samplingRate: data.samplingRate ?? 100,
        active: data.active ?? true,
      });
      settingsChanged(workspaceId);
      const created = toView(doc.toObject() as TriggerDoc);
      await audit.record({
        workspaceId,
        action: 'trigger.created',
        target: { type: 'trigger', id: created.id },
        before: null,
        after: { ...created },
      });
      return created;
    },

    async update(
      workspaceId: Types.ObjectId,
      id: string,
      data: TriggerPatchData,
    ): Promise<TriggerView> {
      if (data.surveyId) await assertSurvey(workspaceId, data.surveyId);
      const { delay, ...rest } = data;
      const set: Record<string, unknown> = { ...rest };
      if (delay !== undefined) set.delayMs = delay;
      const before = await Triggers.findOneAndUpdate(
        { _id: id, workspaceId },
        { $set: set },
        { returnDocument: 'before' },
      ).lean<TriggerDoc>();
      if (!before) throw AppError.notFound('Trigger not found.');
      const doc = await Triggers.findOne({ _id: id, workspaceId }).lean<TriggerDoc>();
      if (!doc) throw AppError.notFound('Trigger not found.');
      settingsChanged(workspaceId);
      const after = toView(doc);
      await audit.record({
        workspaceId,
        action: 'trigger.updated',
        target: { type: 'trigger', id: after.id },
        before: { ...toView(before) },
        after: { ...after },
      });
      return after;
    },

    async remove(workspaceId: Types.ObjectId, id: string): Promise<void> {
      const gone = await Triggers.findOneAndDelete({ _id: id, workspaceId }).lean<TriggerDoc>();
      settingsChanged(workspaceId);
      if (!gone) throw AppError.notFound('Trigger not found.');
      await audit.record({
        workspaceId,
        action: 'trigger.deleted',
        target: { type: 'trigger', id },
        before: { ...toView(gone) },
        after: null,
      });
    },

    /** Active triggers for this event type whose conditions hold for the interaction. */
    async matching(
      workspaceId: Types.ObjectId,
      eventType: string,
      facts: Record<string, unknown>,
    ): Promise<TriggerView[]> {
      // The first trigger of a survey decides its channels and delay (interactions.service).
      const active = await activeByEvent(workspaceId, eventType, async () =>
        (
          await Triggers.find({ workspaceId, eventType, active: true })
            .sort({ createdAt: 1, _id: 1 })
            .lean<TriggerDoc[]>()
        ).map(toView),
      );
      return active.filter((t) => !t.conditions || evaluateCondition(t.conditions, facts));
    },
  };
}

export type TriggersService = ReturnType<typeof createTriggersService>;
