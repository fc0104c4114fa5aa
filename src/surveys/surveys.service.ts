import { isDuplicateKey } from '../shared/mongo-errors';
import { settingsChanged } from '../shared/settings-changes';
import { Types, type Connection } from 'mongoose';
import { auditTrail } from '../audit';
import { AppError } from '../shared/errors';
import { formatIsoDuration } from '../shared/format-duration';
import { localesOf } from '../shared/locales';
import { DEFAULT_SURVEYS } from './default-surveys';
import { GENERIC_TEMPLATES } from './generic-templates';
import { surveyModel, type SurveyDoc, type WhatsappContentEntry } from './survey.model';
import type { Localized, SurveyType } from './survey-types';
import { scaleProblem, surveyInput, type SurveyData, type SurveyPatchData } from './surveys.schema';

export type TemplateName = 'sms' | 'whatsapp' | 'chat' | 'emailSubject' | 'emailText' | 'reminder';

export interface SurveyView {
  id: string;
  key: string;
  type: SurveyType;
  name: string;
  isDefault: boolean;
  scale: { min: number; max: number };
  direction: 'higher_better' | 'lower_better';
  question: Localized;
  followUpQuestion: Localized;
  thankYou: Localized;
  templates: Record<TemplateName, Localized>;
  /** Approved Twilio Content templates per locale, for WhatsApp outside the session window. */
  whatsappContent: Record<string, WhatsappContentEntry>;
  reminderDelay: string;
  reminderDelayMs: number;
  expiry: string;
  expiryMs: number;
  reviewUrl: string | null;
  active: boolean;
  /** When the survey was last saved (ISO 8601). */
  updatedAt: string;
}

const DEFAULT_SCALES: Record<SurveyType, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 5 },
};

function directionOf(
  type: SurveyType,
  scale: { min: number; max: number },
): SurveyView['direction'] {
  return type === 'ces' && scale.max === 5 ? 'lower_better' : 'higher_better';
}

function clean(text: Localized | null | undefined): Localized {
  return Object.fromEntries(localesOf(text).map((locale) => [locale, text![locale]]));
}

/** The survey's own text when it has one in any locale, else the built-in generic one. */
function orGeneric(text: Localized | null | undefined, generic: Localized): Localized {
  return localesOf(text).length ? clean(text) : generic;
}

export function toSurveyView(doc: SurveyDoc): SurveyView {
  const t = doc.templates ?? {};
  const sms = clean(t.sms);
  return {
    id: String(doc._id),
    key: doc.key,
    type: doc.type as SurveyType,
    name: doc.name,
    isDefault: doc.isDefault,
    scale: { min: doc.scale.min ?? 0, max: doc.scale.max ?? 10 },
    direction: doc.direction as SurveyView['direction'],
    question: clean(doc.question),
    followUpQuestion: clean(doc.followUpQuestion),
    thankYou: clean(doc.thankYou),
    templates: {
      sms,
      whatsapp: orGeneric(t.whatsapp, sms),
      chat: orGeneric(t.chat, GENERIC_TEMPLATES.chat),
      emailSubject: orGeneric(t.emailSubject, GENERIC_TEMPLATES.emailSubject),
      emailText: orGeneric(t.emailText, GENERIC_TEMPLATES.emailText),
      reminder: orGeneric(t.reminder, GENERIC_TEMPLATES.reminder),
    },
    whatsappContent: doc.whatsappContent ?? {},
    reminderDelay: formatIsoDuration(doc.reminderDelayMs),
    reminderDelayMs: doc.reminderDelayMs,
    expiry: formatIsoDuration(doc.expiryMs),
    expiryMs: doc.expiryMs,
    reviewUrl: doc.reviewUrl ?? null,
    active: doc.active,
    updatedAt: (doc.updatedAt ?? new Date(0)).toISOString(),
  };
}

/** What an unsaved survey (a console form being previewed) is made of; texts may be broken. */
export interface SurveyDraft {
  key: string;
  type: SurveyType;
  name: string;
  scale?: { min: number; max: number };
  question: Localized;
  followUpQuestion: Localized;
  thankYou: Localized;
  templates: Partial<Record<TemplateName, Localized>>;
  whatsappContent?: Record<string, WhatsappContentEntry>;
}

/**
 * The view an unsaved survey would have once saved: the same defaults (scale, direction,
 * built-in templates) as the stored one, so a preview renders exactly what would be sent.
 */
export function draftSurveyView(draft: SurveyDraft, now = new Date()): SurveyView {
  const scale = draft.scale ?? DEFAULT_SCALES[draft.type];
  const only = (text: Localized) =>
    Object.fromEntries(localesOf(text).map((locale) => [locale, text[locale]!]));
  const templates = Object.fromEntries(
    Object.entries(draft.templates).map(([name, text]) => [name, only(text ?? {})]),
  );
  return toSurveyView({
    _id: new Types.ObjectId(),
    workspaceId: new Types.ObjectId(),
    key: draft.key,
    type: draft.type,
    isDefault: false,
    name: draft.name,
    scale,
    direction: directionOf(draft.type, scale),
    question: only(draft.question),
    followUpQuestion: only(draft.followUpQuestion),
    thankYou: only(draft.thankYou),
    templates,
    whatsappContent: draft.whatsappContent ?? {},
    reminderDelayMs: 24 * 3600_000,
    expiryMs: 7 * 24 * 3600_000,
    reviewUrl: null,
    active: true,
    createdAt: now,
    updatedAt: now,
  } as SurveyDoc);
}

export function createSurveysService(conn: Connection) {
  const Surveys = surveyModel(conn);
  const audit = auditTrail(conn);

  const toDocFields = (data: SurveyData) => {
    const scale = data.scale ?? DEFAULT_SCALES[data.type];
    return {
      key: data.key,
      type: data.type,
      name: data.name,
      isDefault: data.isDefault ?? false,
      scale,
      direction: directionOf(data.type, scale),
      question: data.question,
      followUpQuestion: data.followUpQuestion,
      thankYou: data.thankYou,
      templates: data.templates ?? {},
      whatsappContent: data.whatsappContent ?? {},
      ...(data.reminderDelay !== undefined ? { reminderDelayMs: data.reminderDelay } : {}),
      ...(data.expiry !== undefined ? { expiryMs: data.expiry } : {}),
      reviewUrl: data.reviewUrl ?? null,
      active: data.active ?? true,
    };
  };

  const clearOtherDefaults = (
    workspaceId: Types.ObjectId,
    type: SurveyType,
    keep?: Types.ObjectId,
  ) =>
    Surveys.updateMany(
      { workspaceId, type, isDefault: true, ...(keep ? { _id: { $ne: keep } } : {}) },
      { $set: { isDefault: false } },
    );

  return {
    /** Idempotent: adds the NPS, CSAT and CES defaults a workspace does not have yet. */
    async ensureDefaults(workspaceId: Types.ObjectId): Promise<void> {
      for (const input of DEFAULT_SURVEYS) {
        const fields = toDocFields(surveyInput.parse(input));
        const upsert = async () => {
          const hasDefault = await Surveys.exists({
            workspaceId,
            type: fields.type,
            isDefault: true,
          });
          await Surveys.updateOne(
            { workspaceId, key: fields.key },
            { $setOnInsert: { ...fields, workspaceId, isDefault: !hasDefault } },
            { upsert: true },
          );
        };
        // A concurrent first request inserted it (or another default of the type) meanwhile:
        // mongod does not retry an upsert that collides on a second unique index. Once more
        // sees what the other writer stored.
        await upsert().catch((err: unknown) => {
          if (!isDuplicateKey(err)) throw err;
          return upsert();
        });
      }
      settingsChanged(workspaceId);
    },

    async list(workspaceId: Types.ObjectId): Promise<SurveyView[]> {
      const docs = await Surveys.find({ workspaceId })
        .sort({ type: 1, key: 1 })
        .lean<SurveyDoc[]>();
      return docs.map(toSurveyView);
    },

    async get(workspaceId: Types.ObjectId, id: string): Promise<SurveyView> {
      const doc = await Surveys.findOne({ _id: id, workspaceId }).lean<SurveyDoc>();
      if (!doc) throw AppError.notFound('Survey not found.');
      return toSurveyView(doc);
    },

    async findDefault(workspaceId: Types.ObjectId, type: SurveyType): Promise<SurveyView | null> {
      const doc = await Surveys.findOne({
        workspaceId,
        type,
        isDefault: true,
        active: true,
      }).lean<SurveyDoc>();
      return doc ? toSurveyView(doc) : null;
    },

    async create(workspaceId: Types.ObjectId, data: SurveyData): Promise<SurveyView> {
      const fields = toDocFields(data);
      if (await Surveys.exists({ workspaceId, key: fields.key })) {
        throw AppError.conflict(`A survey with key "${fields.key}" already exists.`);
      }
      if (fields.isDefault) await clearOtherDefaults(workspaceId, fields.type);
      const doc = await Surveys.create({ ...fields, workspaceId });
      settingsChanged(workspaceId);
      const created = toSurveyView(doc.toObject() as SurveyDoc);
      await audit.record({
        workspaceId,
        action: 'survey.created',
        target: { type: 'survey', id: created.id },
        before: null,
        after: { ...created },
      });
      return created;
    },

    async update(
      workspaceId: Types.ObjectId,
      id: string,
      data: SurveyPatchData,
    ): Promise<SurveyView> {
      const current = await Surveys.findOne({ _id: id, workspaceId }).lean<SurveyDoc>();
      if (!current) throw AppError.notFound('Survey not found.');
      const problem = scaleProblem(current.type, data.scale);
      if (problem)
        throw AppError.badRequest('The survey is not valid.', [
          { path: 'scale', message: problem },
        ]);
      const { reminderDelay, expiry, templates, ...rest } = data;
      const set: Record<string, unknown> = { ...rest };
      if (data.scale) set.direction = directionOf(current.type as SurveyType, data.scale);
      if (reminderDelay !== undefined) set.reminderDelayMs = reminderDelay;
      if (expiry !== undefined) set.expiryMs = expiry;
      for (const [name, text] of Object.entries(templates ?? {})) set[`templates.${name}`] = text;
      if (data.isDefault)
        await clearOtherDefaults(workspaceId, current.type as SurveyType, current._id);
      const doc = await Surveys.findOneAndUpdate(
        { _id: id, workspaceId },
        { $set: set },
        { returnDocument: 'after' },
      ).lean<SurveyDoc>();
      settingsChanged(workspaceId);
      if (!doc) throw AppError.notFound('Survey not found.');
      const after = toSurveyView(doc);
      await audit.record({
        workspaceId,
        action: 'survey.updated',
        target: { type: 'survey', id: after.id },
        before: { ...toSurveyView(current) },
        after: { ...after },
      });
      return after;
    },
  };
}

export type SurveysService = ReturnType<typeof createSurveysService>;
