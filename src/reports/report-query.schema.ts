import { isNumberText, splitFilterParams } from '../shared/filter-params';
import { z } from 'zod';
import { SEGMENT_FIELDS } from '../responses';
import { AppError, type FieldProblem } from '../shared/errors';

export const PERIODS = ['day', 'week', 'month'] as const;
export type Period = (typeof PERIODS)[number];

/** groupBy / filter names → the response field they read (segment snapshot, no joins). */
export const DIMENSIONS = {
  agent: 'segment.agentId',
  team: 'segment.team',
  channel: 'segment.interactionChannel',
  product: 'segment.product',
  region: 'segment.region',
  reason: 'segment.reason',
  interactionType: 'segment.interactionType',
  surveyChannel: 'channel',
  /** The language the customer answered in (BCP-47, as the invitation chose it). */
  locale: 'locale',
} as const;
export type Dimension = keyof typeof DIMENSIONS | `attributes.${string}`;

const ATTRIBUTE = /^attributes\.[\w-]{1,64}$/;

/** "interaction type", "interaction-type" and "interactionType" all mean the same dimension. */
function canonicalDimension(raw: string): Dimension | null {
  if (ATTRIBUTE.test(raw)) return raw as Dimension;
  const squashed = raw.replace(/[\s_-]+(\w)/g, (_m, c: string) => c.toUpperCase());
  return Object.hasOwn(DIMENSIONS, squashed) ? (squashed as Dimension) : null;
}

export function fieldOf(dimension: Dimension): string {
  return dimension.startsWith('attributes.')
    ? `segment.${dimension}`
    : DIMENSIONS[dimension as keyof typeof DIMENSIONS];
}

const FILTER_FIELDS = new Set<string>([...SEGMENT_FIELDS, ...Object.keys(DIMENSIONS)]);

function filterField(raw: string): string | null {
  if (ATTRIBUTE.test(raw)) return `segment.${raw}`;
  const dimension = canonicalDimension(raw);
  if (dimension) return fieldOf(dimension);
  return FILTER_FIELDS.has(raw) ? `segment.${raw}` : null;
}

const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const groupBy = z.string().transform((v, ctx) => {
  if ((PERIODS as readonly string[]).includes(v)) return v as Period;
  const dimension = canonicalDimension(v);
  if (dimension) return dimension;
  ctx.addIssue({
    code: 'custom',
    message: `must be one of ${[...PERIODS, ...Object.keys(DIMENSIONS)].join(', ')} or attributes.<name>`,
  });
  return z.NEVER;
});

const base = {
  from: dateOrDateTime.optional(),
  to: dateOrDateTime.optional(),
};
const surveyType = z.enum(['nps', 'csat', 'ces']);

export const reportQueries = {
  summary: z.object({ ...base, type: surveyType, groupBy: groupBy.optional() }).strict(),
  trend: z.object({ ...base, type: surveyType, period: z.enum(PERIODS).default('week') }).strict(),
  distribution: z.object({ ...base, type: surveyType }).strict(),
  volume: z.object({ ...base, type: surveyType.optional() }).strict(),
  revenue: z.object({ ...base, type: surveyType, groupBy: groupBy.optional() }).strict(),
  sample: z
    .object({
      type: surveyType.optional(),
      size: z.coerce.number().int().min(1).max(200).default(20),
      week: z
        .string()
        .regex(/^\d{4}-W\d{2}$/, 'must be an ISO week such as 2026-W48')
        .optional(),
    })
    .strict(),
  export: z.object({ ...base, type: surveyType.optional() }).strict(),
  followup: z
    .object({ ...base, type: surveyType, groupBy: z.enum(['agent', 'team']).optional() })
    .strict(),
  agent: z.object({ ...base, type: surveyType }).strict(),
};
export type ReportKind = keyof typeof reportQueries;
export type ReportQuery<K extends ReportKind> = z.output<(typeof reportQueries)[K]> & {
  /** Response field → value, already mapped from the filter[...] names. */
  filters: Record<string, string | number>;
};

function mapFilters(raw: Record<string, unknown>, problems: FieldProblem[]) {
  const filters: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(raw)) {
    const field = filterField(name);
    const path = `filter[${name}]`;
    if (!field) {
      problems.push({ path, message: 'is not a filterable field' });
    } else if (typeof value !== 'string') {
      problems.push({ path, message: 'must be given once, as text' });
    } else if (field !== 'segment.revenue') {
      filters[field] = value;
    } else if (isNumberText(value)) {
      filters[field] = Number(value);
    } else {
      problems.push({ path, message: 'must be a number' });
    }
  }
  return filters;
}

/** Parses a report's query string; every bad parameter is named in one 400 problem. */
export function parseReportQuery<K extends ReportKind>(
  kind: K,
  raw: Record<string, unknown>,
): ReportQuery<K> {
  const { rest, filters: rawFilters } = splitFilterParams(raw);
  const problems: FieldProblem[] = [];
  const filters = mapFilters(rawFilters, problems);
  const parsed = reportQueries[kind].safeParse(rest);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const path = issue.path.map(String).join('.');
      if (keys.length)
        keys.forEach((k) =>
          problems.push({ path: k, message: 'is not a parameter of this report' }),
        );
      else problems.push({ path: path || '(query)', message: issue.message });
    }
  }
  if (problems.length || !parsed.success) {
    throw AppError.badRequest('The report query is not valid.', problems);
  }
  return { ...(parsed.data as z.output<(typeof reportQueries)[K]>), filters };
}
