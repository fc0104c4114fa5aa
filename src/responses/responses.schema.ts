import { isNumberText, splitFilterParams } from '../shared/filter-params';
import { z } from 'zod';
import { AppError } from '../shared/errors';
import { SEGMENT_FIELDS } from './response.model';
import { CATEGORIES } from './score-category';

export const COMMENT_MAX = 2000;

/** The landing form: score on the survey's scale, comment trimmed and at most 2,000 chars. */
export function landingAnswerInput(scale: { min: number; max: number }) {
  return z.object({
    score: z.preprocess(
      (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
      z.number({ error: 'missing' }).int().min(scale.min).max(scale.max),
    ),
    comment: z
      .string()
      .optional()
      .transform((c) => c?.replace(/\r\n/g, '\n').trim() ?? '')
      .pipe(z.string().max(COMMENT_MAX))
      .transform((c) => (c === '' ? null : c)),
  });
}
export type LandingAnswerInput = z.output<ReturnType<typeof landingAnswerInput>>;

const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'is not a valid cursor');

export const responsesQuery = z
  .object({
    type: z.enum(['nps', 'csat', 'ces']).optional(),
    category: z.enum(CATEGORIES as [string, ...string[]]).optional(),
    tag: z.string().trim().min(1).max(64).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: objectId.optional(),
  })
  .strict();

const FILTERABLE = new Set<string>(SEGMENT_FIELDS);
const ATTRIBUTE = /^attributes\.[\w-]{1,64}$/;

export type ResponsesQuery = z.output<typeof responsesQuery> & { filters: Record<string, string> };

/**
 * Reads `filter[field]=value` whether the query parser kept the brackets in the key (Express
 * 5's default) or nested them; unknown fields are a 400 naming the field.
 */
export function parseResponsesQuery(raw: Record<string, unknown>): ResponsesQuery {
  const { rest, filters } = splitFilterParams(raw);
  const problems = Object.entries(filters).flatMap(([field, value]) => {
    if (!FILTERABLE.has(field) && !ATTRIBUTE.test(field)) {
      return [
        {
          path: `filter[${field}]`,
          message: `is not a filterable field (${[...FILTERABLE].join(', ')}, or attributes.<name>)`,
        },
      ];
    }
    if (typeof value !== 'string') {
      return [{ path: `filter[${field}]`, message: 'must be given once, as text' }];
    }
    return field === 'revenue' && !isNumberText(value)
      ? [{ path: `filter[${field}]`, message: 'must be a number' }]
      : [];
  });
  const parsed = responsesQuery.safeParse(rest);
  if (!parsed.success) {
    problems.push(
      ...parsed.error.issues.map((i) => ({
        path:
          i.path.map(String).join('.') ||
          String(i.code === 'unrecognized_keys' ? i.keys.join(', ') : '(query)'),
        message: i.message,
      })),
    );
  }
  if (problems.length || !parsed.success) {
    throw AppError.badRequest('The query is not valid.', problems);
  }
  return { ...parsed.data, filters: filters as Record<string, string> };
}
