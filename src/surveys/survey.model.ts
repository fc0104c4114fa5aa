import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/** `{ "<BCP-47 locale>": text }`, keys canonical (validated by surveys.schema before they get here). */
const localizedText = Schema.Types.Mixed;

const templatesSchema = new Schema(
  {
    sms: localizedText,
    whatsapp: localizedText,
    chat: localizedText,
    emailSubject: localizedText,
    emailText: localizedText,
    reminder: localizedText,
  },
  { _id: false },
);

const surveySchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    key: { type: String, required: true },
    type: { type: String, required: true, enum: ['nps', 'csat', 'ces'] },
    /** The one survey of its type used when a caller names only the type. */
    isDefault: { type: Boolean, required: true, default: false },
    name: { type: String, required: true },
    scale: {
      type: new Schema({ min: Number, max: Number }, { _id: false }),
      required: true,
    },
    /** CES 1–5 is lower-is-better; every other scale is higher-is-better. */
    direction: { type: String, required: true, enum: ['higher_better', 'lower_better'] },
    question: { type: localizedText, required: true },
    followUpQuestion: { type: localizedText, required: true },
    thankYou: { type: localizedText, required: true },
    templates: { type: templatesSchema, required: true },
    /** `{ "<locale>": { contentSid: "HX…", variables: { "1": "{{customer.name}}" } } }` */
    whatsappContent: { type: Schema.Types.Mixed, default: () => ({}) },
    reminderDelayMs: { type: Number, required: true, default: 24 * 3600_000, min: 0 },
    expiryMs: { type: Number, required: true, default: 7 * 24 * 3600_000, min: 3600_000 },
    reviewUrl: { type: String, default: null },
    active: { type: Boolean, required: true, default: true },
  },
  { timestamps: true },
);
surveySchema.index({ workspaceId: 1, key: 1 }, { unique: true });
surveySchema.index(
  { workspaceId: 1, type: 1 },
  { unique: true, partialFilterExpression: { isDefault: true }, name: 'one_default_per_type' },
);

type LocalizedField = Record<string, string>;
export interface WhatsappContentEntry {
  contentSid: string;
  variables: Record<string, string>;
}
type TemplateFields = 'sms' | 'whatsapp' | 'chat' | 'emailSubject' | 'emailText' | 'reminder';
/** The schema's fields, with the Mixed locale maps typed as what surveys.schema lets in. */
type SurveyFields = Omit<
  InferSchemaType<typeof surveySchema>,
  'question' | 'followUpQuestion' | 'thankYou' | 'templates' | 'whatsappContent'
> & {
  whatsappContent?: Record<string, WhatsappContentEntry> | null;
  question: LocalizedField;
  followUpQuestion: LocalizedField;
  thankYou: LocalizedField;
  templates: Partial<Record<TemplateFields, LocalizedField>>;
};

export type SurveyDoc = SurveyFields & { _id: Types.ObjectId };
export type SurveyModel = Model<SurveyFields>;

export function surveyModel(conn: Connection): SurveyModel {
  return (
    (conn.models.Survey as SurveyModel | undefined) ??
    conn.model<SurveyFields>('Survey', surveySchema as unknown as Schema<SurveyFields>)
  );
}
