import type { PipelineStage, Types } from 'mongoose';
import type { ReportRange } from '../report-range';
import { rangeMatch } from './match';

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

/** The invitation's interaction, as `ix` (an array of one until unwound). */
export const interactionLookup: PipelineStage.Lookup = {
  $lookup: { from: 'interactions', localField: 'interactionId', foreignField: '_id', as: 'ix' },
};

/** Segment filters on invitations: joined to their interaction only when a filter needs it. */
export function invitationFilterStages(
  filters: Record<string, string | number>,
  groupKey: unknown = null,
): PipelineStage[] {
  const mapped = Object.entries(filters).map(([f, v]) => [invitationFieldOf(f), v] as const);
  const needsJoin =
    mapped.some(([f]) => f.startsWith('ix.')) || JSON.stringify(groupKey ?? null).includes('$ix.');
  const join: PipelineStage[] = [interactionLookup, { $unwind: '$ix' }];
  return [
    ...(needsJoin ? join : []),
    ...(mapped.length ? [{ $match: Object.fromEntries(mapped) }] : []),
  ];
}

/** Invitations sent in the range(s) that reached someone (not only a failure receipt). */
export function invitationsMatch(options: {
  workspaceId: Types.ObjectId;
  type?: string;
  range: ReportRange | readonly ReportRange[];
}): Record<string, unknown> {
  return {
    workspaceId: options.workspaceId,
    ...(options.type ? { surveyType: options.type } : {}),
    ...rangeMatch('sentAt', options.range),
    status: { $ne: 'failed' },
  };
}

/** $group stage counting invitations that reached someone and, of those, the answered ones. */
export function reachGroupStage(key: unknown) {
  return {
    $group: {
      _id: key,
      reached: { $sum: 1 },
      answered: { $sum: { $cond: [{ $ne: [{ $ifNull: ['$answeredAt', null] }, null] }, 1, 0] } },
    },
  };
}

/**
 * Invitations sent in the range that reached someone (not only a failure receipt) and, of
 * those, the answered ones, per group.
 */
export function invitationGroupsPipeline(options: {
  workspaceId: Types.ObjectId;
  type?: string;
  range: ReportRange | readonly ReportRange[];
  filters: Record<string, string | number>;
  key: unknown;
}): PipelineStage[] {
  return [
    { $match: invitationsMatch(options) },
    ...invitationFilterStages(options.filters, options.key),
    reachGroupStage(options.key),
  ];
}
