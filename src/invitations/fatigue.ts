import type { Types } from 'mongoose';
import type { InvitationModel } from './invitation.model';
import type { InvitationStatus } from './invitation-status';

/** Statuses that mean a survey reached (or is about to reach) the contact. */
const COUNTS_FOR_FATIGUE: InvitationStatus[] = [
  'scheduled',
  'sending',
  'sent',
  'delivered',
  'opened',
  'answered',
];

/**
 * When this contact last got (or is due to get) a survey of this type. Scheduled ones count too,
 * so two interactions an hour apart do not both produce a survey.
 */
export async function lastSurveyedAt(
  Invitations: InvitationModel,
  where: {
    workspaceId: Types.ObjectId;
    contactId: Types.ObjectId;
    surveyType: string;
    excludeId?: Types.ObjectId;
  },
): Promise<Date | null> {
  const latest = await Invitations.findOne({
    workspaceId: where.workspaceId,
    contactId: where.contactId,
    surveyType: where.surveyType,
    status: { $in: COUNTS_FOR_FATIGUE },
    ...(where.excludeId ? { _id: { $ne: where.excludeId } } : {}),
  })
    .sort({ scheduledFor: -1, _id: -1 })
    .select({ scheduledFor: 1, sentAt: 1, answeredAt: 1 })
    .lean<{ scheduledFor?: Date | null; sentAt?: Date | null; answeredAt?: Date | null }>();
  if (!latest) return null;
  const times = [latest.scheduledFor, latest.sentAt, latest.answeredAt].filter(
    (d): d is Date => d instanceof Date,
  );
  return times.length ? new Date(Math.max(...times.map((d) => d.getTime()))) : null;
}
