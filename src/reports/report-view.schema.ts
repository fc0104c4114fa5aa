import { z } from 'zod';
import { directionView, scaleView } from '../shared/view-schema';

/**
 * The JSON reports as documented: the figures every report carries are typed; objects stay open
 * (more figures appear per survey type, e.g. `mean` and `easyShare` for CSAT and CES). The
 * README's "Reports API" section says what each figure means.
 */
const surveyType = z.enum(['nps', 'csat', 'ces']);
const range = { from: z.iso.datetime(), to: z.iso.datetime() };
const nullableNumber = z.number().nullable();

export const scoreFiguresView = z
  .object({
    score: nullableNumber.meta({ description: 'NPS −100…100, CSAT %, CES mean' }),
    n: z.number().int(),
    ci95: z.tuple([z.number(), z.number()]).nullable(),
    method: z.string().nullable(),
    counts: z.record(z.string(), z.number().int()),
    lowN: z.boolean(),
    mean: nullableNumber.optional(),
    easyShare: nullableNumber.optional(),
    responseRate: z.unknown().optional(),
  })
  .meta({ id: 'ScoreFigures' });

const group = scoreFiguresView.extend({ key: z.string().nullable(), label: z.string().nullable() });
const interval = z.tuple([z.number(), z.number()]);
const changeView = z
  .object({
    difference: z.number(),
    ci95: interval,
    significant: z.boolean().meta({ description: 'The 95% interval excludes 0' }),
    method: z.enum(['wald', 'newcombe', 'welch']),
    p: z.number().min(0).max(1).meta({ description: 'Two-sided p-value of no change' }),
  })
  .meta({ id: 'ScoreChange' });
const vsRestView = z
  .object({
    difference: z.number().meta({ description: 'This segment minus all other answers' }),
    ci95: interval,
    p: z.number().min(0).max(1),
    verdict: z.enum(['better', 'worse']).nullable().meta({
      description:
        'Set only when Benjamini–Hochberg at 5% FDR across the breakdown keeps the difference; by the survey direction',
    }),
  })
  .meta({ id: 'SegmentVsRest' });
const duration = z.object({ n: z.number().int(), median: nullableNumber, p90: nullableNumber });
const followupFigures = z.object({
  detractors: z.number().int(),
  withTask: z.number().int(),
  contacted: z.number().int(),
  resolved: z.number().int().meta({ description: 'Resolved after the customer was contacted' }),
  resolvedWithoutContact: z.number().int(),
  shares: z.object({
    withTask: nullableNumber,
    contacted: nullableNumber,
    resolved: nullableNumber,
  }),
  timeToFirstAction: duration,
  timeToResolution: duration,
  slaBreaches: z.number().int(),
});
const scored = { type: surveyType, scale: scaleView, direction: directionView };

export const reportView = {
  summary: z.object({
    ...scored,
    ...range,
    timezone: z.string(),
    groupBy: z.string().nullable().optional(),
    overall: scoreFiguresView.nullable(),
    groups: z.array(group.extend({ vsRest: vsRestView.nullable().optional() })),
  }),
  trend: z.object({
    ...scored,
    ...range,
    timezone: z.string(),
    period: z.enum(['day', 'week', 'month']),
    overall: scoreFiguresView.nullable(),
    periods: z.array(group.extend({ start: z.string(), change: changeView.nullable() })),
  }),
  distribution: z.object({
    ...scored,
    ...range,
    n: z.number().int(),
    values: z.array(
      z.object({ score: z.number().int(), count: z.number().int(), share: z.number() }),
    ),
  }),
  volume: z.object({
    ...range,
    type: surveyType.nullable(),
    timezone: z.string(),
    totals: z.object({ sent: z.number().int(), answers: z.number().int() }),
    byWeekdayHour: z.array(
      z.object({
        weekday: z.number().int().min(1).max(7),
        label: z.string(),
        hour: z.number().int().min(0).max(23),
        sent: z.number().int(),
        answers: z.number().int(),
      }),
    ),
  }),
  revenue: z.object({
    ...range,
    type: surveyType,
    groupBy: z.string().nullable(),
    overall: z.object({
      n: z.number().int(),
      revenue: z.number(),
      byCategory: z.array(z.object({})),
    }),
    groups: z.array(z.object({})),
  }),
  sample: z.object({
    ...range,
    week: z.string().meta({ example: '2026-W48' }),
    type: surveyType.nullable(),
    population: z.number().int(),
    size: z.number().int(),
    items: z.array(z.object({})),
  }),
  followup: z.object({
    ...scored,
    ...range,
    category: z.string(),
    timezone: z.string(),
    groupBy: z.string().nullable(),
    overall: followupFigures,
    groups: z.array(followupFigures),
  }),
  agent: z.object({
    ...scored,
    ...range,
    timezone: z.string(),
    agent: z.object({ id: z.string(), name: z.string().nullable(), team: z.string().nullable() }),
    score: scoreFiguresView,
    team: z.object({}).nullable(),
    followup: followupFigures,
    recentComments: z.array(
      z.object({
        id: z.string(),
        answeredAt: z.iso.datetime().nullable(),
        score: nullableNumber,
        category: z.string().nullable(),
        comment: z.string().nullable(),
        channel: z.string().nullable(),
      }),
    ),
  }),
};
