import type { Types } from 'mongoose';
import { responsesMatch } from './pipelines/match';
import { scaleMatch } from './report-context';
import type { ReportQuery } from './report-query.schema';
import { resolveRange } from './report-range';
import { maxLabel } from './rollups/rollup-merge';
import { CATEGORY_KEYS, type SurveyKind } from './score-figures';
import { round } from './statistics';
import { groupKeys, keyText, type ReportDeps } from './summary.service';

interface Row {
  _id: { group: unknown; category: string };
  revenue: number;
  n: number;
  label?: string | null;
}

/** The unhappy end whose revenue is at risk: detractors, unsatisfied, hard. */
const AT_RISK: Record<SurveyKind, string> = { nps: 'detractor', csat: 'unsatisfied', ces: 'hard' };

function revenueFigures(type: SurveyKind, rows: Row[]) {
  const total = rows.reduce((t, r) => t + r.revenue, 0);
  const share = (x: number) => (total === 0 ? null : round((x / total) * 100, 1));
  const byCategory = CATEGORY_KEYS[type].map((category) => {
    const hit = rows.filter((r) => r._id.category === category);
    const revenue = hit.reduce((t, r) => t + r.revenue, 0);
    return { category, n: hit.reduce((t, r) => t + r.n, 0), revenue, share: share(revenue) };
  });
  const atRisk = byCategory.find((c) => c.category === AT_RISK[type])!;
  return {
    n: rows.reduce((t, r) => t + r.n, 0),
    revenue: total,
    byCategory,
    atRisk: { category: atRisk.category, revenue: atRisk.revenue, share: atRisk.share },
  };
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * Revenue (the interaction's `revenue` attribute, snapshotted on the response) by category,
 * and the share held by the unhappy category, overall and per segment. Answers without a
 * revenue figure are left out and not counted.
 */
export async function revenueReport(
  deps: ReportDeps,
  workspaceId: Types.ObjectId,
  query: ReportQuery<'revenue'>,
) {
  const ctx = await deps.context(workspaceId, query.type);
  const range = resolveRange(query, ctx.timezone);
  const match = responsesMatch(workspaceId, query.type, range, query.filters, {
    ...scaleMatch(query.type, ctx),
    'segment.revenue': { $type: 'number' },
  });
  const keys = query.groupBy ? groupKeys(query.groupBy, ctx.timezone).response : null;
  const sums = { revenue: { $sum: '$segment.revenue' }, n: { $sum: 1 } };
  const [facets] = await deps.Responses.aggregate<{ overall: Row[]; groups?: Row[] }>([
    { $match: match },
    {
      $facet: {
        overall: [{ $group: { _id: { group: null, category: '$category' }, ...sums } }],
        ...(keys
          ? {
              groups: [
                {
                  $group: {
                    _id: { group: keys.key, category: '$category' },
                    ...sums,
                    // $max, not $first: the same label whatever the order (as in score-groups).
                    ...(keys.label ? { label: { $max: keys.label } } : {}),
                  },
                },
              ],
            }
          : {}),
      },
    },
  ]);
  const byGroup = new Map<string | null, Row[]>();
  for (const row of facets?.groups ?? []) {
    const key = keyText(row._id.group, query.groupBy, ctx.timezone);
    byGroup.set(key, [...(byGroup.get(key) ?? []), row]);
  }
  const groups = [...byGroup.entries()]
    .map(([key, rows]) => ({
      key,
      label:
        rows.reduce<string | null>((l, r) => maxLabel(l, r.label ?? null), null) ?? key ?? '(none)',
      ...revenueFigures(query.type, rows),
    }))
    // $group returns groups in no set order: equal revenues go by key (no key last).
    .sort((a, b) => b.revenue - a.revenue || compareKeys(a.key, b.key));
  return {
    type: query.type,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    groupBy: query.groupBy ?? null,
    overall: revenueFigures(query.type, facets?.overall ?? []),
    groups,
  };
}
