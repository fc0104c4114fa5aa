import type { PipelineStage, Types } from 'mongoose';
import { DIMENSIONS } from '../report-query.schema';
import type { ReportRange } from '../report-range';
import { ROLLUP_DIMENSIONS, type RollupDimension } from '../rollups/rollup-selector';
import { CATEGORY_KEYS } from '../score-figures';
import {
  interactionLookup,
  invitationFieldOf,
  invitationsMatch,
  reachGroupStage,
} from './invitation-groups';
import { periodExpr, responsesMatch } from './match';

export const ALL_CATEGORIES = [...new Set(Object.values(CATEGORY_KEYS).flat())];
export const ROLLUP_FACETS = ['all', ...ROLLUP_DIMENSIONS] as const;
export type RollupFacet = (typeof ROLLUP_FACETS)[number];

/** A missing field and null are one group, as in the reports' own single-field keys. */
const valueOf = (field: string) => ({ $ifNull: [`$${field}`, null] });

export interface AnswerRollupRaw {
  _id: { day: Date; type: string; scaleMax: number | null; value: unknown };
  n: number;
  sum: number;
  sumSq: number;
  label?: string | null;
  /** One entry per (score, category) cell; the same score may appear twice. */
  cells: { s: number; c: number }[];
  [category: string]: unknown;
}

export interface InvitationRollupRaw {
  _id: { day: Date; type: string; value: unknown };
  reached: number;
  answered: number;
}

/**
 * Answers of whole local days summed per day, survey type, scale and each dimension's value,
 * on the reports' own $match (match.ts). Each answer is counted once per (score, category)
 * cell, then the cells give n, Σscore, Σscore², the category counts and the score counts, so
 * the per-answer work stays one small $group per dimension.
 */
export function answerRollupPipeline(
  workspaceId: Types.ObjectId,
  range: ReportRange,
  zone: string,
): PipelineStage[] {
  const facet = (dimension: RollupFacet) => {
    const key = {
      day: '$rollupDay',
      type: '$surveyType',
      scaleMax: valueOf('scale.max'),
      value: dimension === 'all' ? null : valueOf(DIMENSIONS[dimension]),
    };
    const label = dimension === 'agent' ? '$segment.agentName' : undefined;
    const cell = (f: string) => `$_id.${f}`;
    return [
      {
        $group: {
          _id: { ...key, score: '$score', category: '$category' },
          n: { $sum: 1 },
          ...(label ? { label: { $max: label } } : {}),
        },
      },
      {
        $group: {
          _id: {
            day: cell('day'),
            type: cell('type'),
            scaleMax: cell('scaleMax'),
            value: cell('value'),
          },
          n: { $sum: '$n' },
          sum: { $sum: { $multiply: [cell('score'), '$n'] } },
          sumSq: { $sum: { $multiply: [cell('score'), cell('score'), '$n'] } },
          ...Object.fromEntries(
            ALL_CATEGORIES.map((c) => [
              `c_${c}`,
              { $sum: { $cond: [{ $eq: [cell('category'), c] }, '$n', 0] } },
            ]),
          ),
          cells: { $push: { s: cell('score'), c: '$n' } },
          ...(label ? { label: { $max: '$label' } } : {}),
        },
      },
    ];
  };
  return [
    { $match: responsesMatch(workspaceId, undefined, range, {}) },
    // The local day once per answer, not once per facet.
    { $set: { rollupDay: periodExpr('answeredAt', 'day', zone) } },
    { $facet: Object.fromEntries(ROLLUP_FACETS.map((d) => [d, facet(d)])) },
  ] as PipelineStage[];
}

/**
 * Invitations of whole local days (by sentAt) counted per day, survey type and each
 * dimension's value, with the reports' own $match, interaction join and $group.
 */
export function invitationRollupPipeline(
  workspaceId: Types.ObjectId,
  range: ReportRange,
  zone: string,
): PipelineStage[] {
  const facet = (dimension: RollupFacet) => {
    const field = dimension === 'all' ? null : invitationFieldOf(DIMENSIONS[dimension]);
    const key = {
      day: '$rollupDay',
      type: '$surveyType',
      value: field ? valueOf(field) : null,
    };
    // As in invitationFilterStages: only segment fields read from the interaction need it.
    const join = field?.startsWith('ix.') ? [{ $unwind: '$ix' }] : [];
    return [...join, reachGroupStage(key)];
  };
  return [
    { $match: invitationsMatch({ workspaceId, range }) },
    { $set: { rollupDay: periodExpr('sentAt', 'day', zone) } },
    interactionLookup,
    { $facet: Object.fromEntries(ROLLUP_FACETS.map((d) => [d, facet(d)])) },
  ] as PipelineStage[];
}

export type { RollupDimension };
