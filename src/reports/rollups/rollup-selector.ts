import { DIMENSIONS, PERIODS, type Dimension, type Period } from '../report-query.schema';

export type RollupDimension = keyof typeof DIMENSIONS;
/** Every named segment dimension gets rollup rows; custom attributes stay raw. */
export const ROLLUP_DIMENSIONS = Object.keys(DIMENSIONS) as RollupDimension[];

/** Which rollup rows answer a query: `dimension` 'all' is the workspace-wide row of a day. */
export interface RollupSelector {
  overall: { dimension: RollupDimension | 'all'; value?: string | number };
  groups: { dimension: RollupDimension } | { period: Period } | null;
}

const DIMENSION_OF_FIELD = new Map<string, RollupDimension>(
  ROLLUP_DIMENSIONS.map((d) => [DIMENSIONS[d], d]),
);

/**
 * Rollup rows are sums per day and per one dimension value, so they answer a query with no
 * filter (overall, per period or per dimension) or with one filter on a dimension and no
 * grouping. Anything else (two filters, a filter and a grouping, custom attributes) is raw.
 */
export function rollupSelector(
  filters: Record<string, string | number>,
  groupBy?: Period | Dimension,
): RollupSelector | null {
  const entries = Object.entries(filters);
  if (entries.length > 1) return null;
  if (entries.length === 1) {
    const [field, value] = entries[0]!;
    const dimension = DIMENSION_OF_FIELD.get(field);
    if (!dimension || groupBy) return null;
    return { overall: { dimension, value }, groups: null };
  }
  if (!groupBy) return { overall: { dimension: 'all' }, groups: null };
  if ((PERIODS as readonly string[]).includes(groupBy)) {
    return { overall: { dimension: 'all' }, groups: { period: groupBy as Period } };
  }
  const dimension = ROLLUP_DIMENSIONS.find((d) => d === groupBy);
  return dimension ? { overall: { dimension: 'all' }, groups: { dimension } } : null;
}
