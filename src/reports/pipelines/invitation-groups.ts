import type { PipelineStage, Types } from 'mongoose';
import type { ReportRange } from '../report-range';

/** Response segment field → where the same fact lives on the interaction. */
const INTERACTION_FIELD: Record<string, string> = {
  'segment.agentId': 'ix.agent.id',
  'segment.agentName': 'ix.agent.name',
  'segment.team': 'ix.team',
  'segment.interactionChannel': 'ix.channel',
  'segment.interactionType': 'ix.type',
  'segment.product': 'ix.attributes.product',
  'segment.region': 'ix.attributes.region',
  'segment.reason': 'ix.attributes.reason',
  'segment.revenue': 'ix.attributes.revenue',
};

export function invitationFieldOf(responseField: string): string {
  if (responseField === 'channel') return 'channel';
  if (responseField.startsWith('segment.attributes.')) {
    return `ix.${responseField.slice('segment.'.length)}`;
  }
  return INTERACTION_FIELD[responseField] ?? responseField;
}

/** Segment filters on invitations: joined to their interaction only when a filter needs it. */
export function invitationFilterStages(
  filters: Record<string, string | number>,
  groupKey: unknown = null,
): PipelineStage[] {
  const mapped = Object.entries(filters).map(([f, v]) => [invitationFieldOf(f), v] as const);
  const needsJoin =
    mapped.some(([f]) => f.startsWith('ix.')) || JSON.stringify(groupKey ?? null).includes('$ix.');
  const join: PipelineStage[] = [
    {
      $lookup: { from: 'interactions', localField: 'interactionId', foreignField: '_id', as: 'ix' },
    },
    { $unwind: '$ix' },
  ];
  return [
    ...(needsJoin ? join : []),
    ...(mapped.length ? [{ $match: Object.fromEntries(mapped) }] : []),
  ];
}

/**
 * Invitations sent in the range that reached someone (not only a failure receipt) and, of
 * those, the answered ones, per group.
 */
export function invitationGroupsPipeline(options: {
  workspaceId: Types.ObjectId;
  type?: string;
  range: ReportRange;
  filters: Record<string, string | number>;
  key: unknown;
}): PipelineStage[] {
  return [
    {
      $match: {
        workspaceId: options.workspaceId,
        ...(options.type ? { surveyType: options.type } : {}),
        sentAt: { $gte: options.range.from, $lt: options.range.to },
        status: { $ne: 'failed' },
      },
    },
    ...invitationFilterStages(options.filters, options.key),
    {
      $group: {
        _id: options.key,
        reached: { $sum: 1 },
        answered: { $sum: { $cond: [{ $ne: [{ $ifNull: ['$answeredAt', null] }, null] }, 1, 0] } },
      },
    },
  ];
}
