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
  _id: { dimension: RollupFacet; day: Date; type: string; scaleMax: number | null; value: unknown };
  n: number;
  sum: number;
  sumSq: number;
  label?: string | null;
  /** One entry per (score, category) cell; the same score may appear twice. */
  cells: { s: number; c: number }[];
  [category: string]: unknown;
}

export interface InvitationRollupRaw {
  _id: { dimension: RollupFacet; day: Date; type: string; value: unknown };
  reached: number;
  answered: number;
}

/**
 * Answers of whole local days summed per day, survey type, scale and each dimension's value,
 * on the reports' own $match (match.ts). Each answer is unwound once per dimension and counted
 * once per (score, category) cell, then the cells give n, Σscore, Σscore², the category counts
 * and the score counts. The rows come back as a cursor, one document each: a single $facet
 * document would pass MongoDB's 16 MB limit on a workspace with many agents or products.
 */
export function answerRollupPipeline(
  workspaceId: Types.ObjectId,
  range: ReportRange,
  zone: string,
): PipelineStage[] {
  const keys = ROLLUP_FACETS.map((dimension) => ({
    d: dimension,
    v: dimension === 'all' ? null : valueOf(DIMENSIONS[dimension]),
    l: dimension === 'agent' ? valueOf('segment.agentName') : null,
  }));
  const cell = (f: string) => `$_id.${f}`;
  return [
    { $match: responsesMatch(workspaceId, undefined, range, {}) },
    {
      $project: {
        rollupDay: periodExpr('answeredAt', 'day', zone),
        surveyType: 1,
        scaleMax: valueOf('scale.max'),
        score: 1,
        category: 1,
        keys,
      },
    },
    { $unwind: '$keys' },
    {
      $group: {
        _id: {
          dimension: '$keys.d',
          day: '$rollupDay',
          type: '$surveyType',
          scaleMax: '$scaleMax',
          value: '$keys.v',
          score: '$score',
          category: '$category',
        },
        n: { $sum: 1 },
        label: { $max: '$keys.l' },
      },
    },
    {
      $group: {
        _id: {
          dimension: cell('dimension'),
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
        label: { $max: '$label' },
      },
    },
  ] as PipelineStage[];
}

/**
 * Invitations of whole local days (by sentAt) counted per day, survey type and each
 * dimension's value, with the reports' own $match, interaction join and $group; one row per
 * document, as above. As in invitationFilterStages, a dimension read from the interaction
 * counts only invitations that have one.
 */
export function invitationRollupPipeline(
  workspaceId: Types.ObjectId,
  range: ReportRange,
  zone: string,
): PipelineStage[] {
  const keys = ROLLUP_FACETS.map((dimension) => {
    const field = dimension === 'all' ? null : invitationFieldOf(DIMENSIONS[dimension]);
    const fromInteraction = field?.startsWith('ix.') ?? false;
    const value = fromInteraction
      ? { $ifNull: [{ $arrayElemAt: [`$${field}`, 0] }, null] }
      : field
        ? valueOf(field)
        : null;
    return { d: dimension, v: value, ix: fromInteraction };
  });
  return [
    { $match: invitationsMatch({ workspaceId, range }) },
    interactionLookup,
    {
      $project: {
        rollupDay: periodExpr('sentAt', 'day', zone),
        surveyType: 1,
        answeredAt: 1,
        hasInteraction: { $gt: [{ $size: '$ix' }, 0] },
        keys,
      },
    },
    { $unwind: '$keys' },
    { $match: { $or: [{ 'keys.ix': false }, { hasInteraction: true }] } },
    reachGroupStage({
      dimension: '$keys.d',
      day: '$rollupDay',
      type: '$surveyType',
      value: '$keys.v',
    }),
  ] as PipelineStage[];
}

export type { RollupDimension };
