import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

const localizedText = new Schema({ fr: String, en: String }, { _id: false });

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

export type SurveyDoc = InferSchemaType<typeof surveySchema> & { _id: Types.ObjectId };
export type SurveyModel = Model<InferSchemaType<typeof surveySchema>>;

export function surveyModel(conn: Connection): SurveyModel {
  return (conn.models.Survey as SurveyModel | undefined) ?? conn.model('Survey', surveySchema);
}
