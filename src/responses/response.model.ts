import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/** 'import': read from another tool's export (Delighted, Formbricks), with no invitation sent. */
export const RESPONSE_SOURCES = ['web', 'sms-reply', 'email-click', 'import'] as const;
export type ResponseSource = (typeof RESPONSE_SOURCES)[number];

/** Segment fields managers filter on; copied from the interaction so reports never join. */
export const SEGMENT_FIELDS = [
  'agentId',
  'agentName',
  'team',
  'interactionChannel',
  'interactionType',
  'product',
  'region',
  'reason',
  'revenue',
] as const;
export type SegmentField = (typeof SEGMENT_FIELDS)[number];

const segmentSchema = new Schema(
  {
    agentId: { type: String, default: null },
    agentName: { type: String, default: null },
    team: { type: String, default: null },
    interactionChannel: { type: String, default: null },
    interactionType: { type: String, default: null },
    product: { type: String, default: null },
    region: { type: String, default: null },
    reason: { type: String, default: null },
    revenue: { type: Number, default: null },
    attributes: { type: Schema.Types.Mixed, default: {} },
  },
  { _id: false, minimize: false },
);

const historySchema = new Schema(
  {
    score: { type: Number, default: null },
    category: { type: String, default: null },
    comment: { type: String, default: null },
    source: { type: String, enum: RESPONSE_SOURCES },
    at: Date,
  },
  { _id: false },
);

const responseSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true, ref: 'Workspace' },
    invitationId: { type: Schema.Types.ObjectId, required: true, ref: 'Invitation' },
    interactionId: { type: Schema.Types.ObjectId, required: true, ref: 'Interaction' },
    surveyId: { type: Schema.Types.ObjectId, required: true, ref: 'Survey' },
    contactId: { type: Schema.Types.ObjectId, required: true, ref: 'Contact' },
    surveyType: { type: String, required: true, enum: ['nps', 'csat', 'ces'] },
    scale: { type: new Schema({ min: Number, max: Number }, { _id: false }), required: true },
    direction: { type: String, required: true, enum: ['higher_better', 'lower_better'] },
    /** null for a comment-only note (an SMS reply that held no score after one re-ask). */
    score: { type: Number, default: null },
    category: { type: String, default: null },
    comment: { type: String, default: null },
    locale: { type: String, required: true },
    /** The invitation's channel (sms, whatsapp, email, chat, link). */
    channel: { type: String, default: null },
    source: { type: String, required: true, enum: RESPONSE_SOURCES },
    /** When the score was first given; later edits keep it (history holds each change). */
    answeredAt: { type: Date, default: null },
    /** Seconds from the invitation being sent to the first answer; null if never marked sent. */
    timing: { type: Number, default: null },
    segment: { type: segmentSchema, required: true },
    /** Bumped on every routing-relevant change; the response job id carries it. */
    version: { type: Number, required: true, default: 1 },
    history: { type: [historySchema], default: [] },
    /** Added by rules' tag actions ($addToSet), e.g. "churn-risk". */
    tags: { type: [String], default: [] },
  },
  { timestamps: true, minimize: false },
);
responseSchema.index({ invitationId: 1 }, { unique: true });
// _id last: the CSV export (answeredAt, _id) and the latest comments read it in order, no sort.
responseSchema.index({ workspaceId: 1, surveyType: 1, answeredAt: -1, _id: -1 });
responseSchema.index({ workspaceId: 1, answeredAt: -1, _id: -1 });
responseSchema.index({ workspaceId: 1, 'segment.agentId': 1, answeredAt: -1 });
responseSchema.index({ workspaceId: 1, 'segment.team': 1, answeredAt: -1 });
responseSchema.index({ workspaceId: 1, 'segment.interactionChannel': 1, answeredAt: -1 });
responseSchema.index({ workspaceId: 1, 'segment.product': 1, answeredAt: -1 });
responseSchema.index({ workspaceId: 1, 'segment.region': 1, answeredAt: -1 });
// Daily report rollups: what changed since their last refresh.
responseSchema.index({ workspaceId: 1, updatedAt: 1 });

export type ResponseDoc = InferSchemaType<typeof responseSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export type ResponseModel = Model<InferSchemaType<typeof responseSchema>>;

export function responseModel(conn: Connection): ResponseModel {
  return (
    (conn.models.Response as ResponseModel | undefined) ?? conn.model('Response', responseSchema)
  );
}
