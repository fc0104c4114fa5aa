import { z } from 'zod';
import { directionView, type Fits, idString, isoDateTime, scaleView } from '../shared/view-schema';
import { RESPONSE_SOURCES, SEGMENT_FIELDS } from './response.model';
import type { ResponseView } from './response-view';
import { CATEGORIES } from './score-category';

const segmentText = Object.fromEntries(
  SEGMENT_FIELDS.filter((f) => f !== 'revenue').map((f) => [f, z.string().nullable()]),
);

export const segmentView = z.strictObject({
  ...segmentText,
  revenue: z.number().nullable(),
  attributes: z.record(z.string(), z.unknown()),
});

export const responseView = z
  .strictObject({
    id: idString,
    workspaceId: idString,
    invitationId: idString,
    type: z.enum(['nps', 'csat', 'ces']),
    scale: scaleView,
    direction: directionView,
    score: z.number().int().nullable(),
    category: z.enum(CATEGORIES as [string, ...string[]]).nullable(),
    comment: z.string().nullable(),
    locale: z.string().meta({ example: 'fr' }),
    channel: z.string().nullable(),
    source: z.enum(RESPONSE_SOURCES),
    answeredAt: isoDateTime.nullable(),
    timing: z.number().nullable().meta({ description: 'Milliseconds from sending to answering' }),
    segment: segmentView,
    version: z.number().int(),
    tags: z.array(z.string()),
    history: z.array(
      z.strictObject({
        score: z.number().nullable(),
        category: z.string().nullable(),
        comment: z.string().nullable(),
        source: z.string(),
        at: isoDateTime,
      }),
    ),
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Response' });
export const responsePage = z.strictObject({
  items: z.array(responseView),
  nextCursor: z.string().nullable(),
});

export const responseViewFits: Fits<ResponseView, typeof responseView> = true;
