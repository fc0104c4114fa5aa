import { DateTime } from 'luxon';
import { z } from 'zod';
import { scoreCategory } from '../responses';
import { distributionChart, trendChart } from './charts';
import type { LatestComment } from './comments.service';
import type { distributionReport } from './distribution.service';
import { CATEGORY_KEYS, type SurveyKind } from './score-figures';
import type { summaryReport } from './summary.service';
import type { trendReport } from './trend.service';

export const BREAKDOWNS = [
  'agent',
  'team',
  'channel',
  'product',
  'region',
  'reason',
  'interactionType',
] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

const BREAKDOWN_LABELS: Record<Breakdown, string> = {
  agent: 'Agent',
  team: 'Team',
  channel: 'Interaction channel',
  product: 'Product',
  region: 'Region',
  reason: 'Reason',
  interactionType: 'Interaction type',
};
const TYPE_LABELS: Record<SurveyKind, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };
const CATEGORY_LABELS: Record<string, string> = {
  promoter: 'Promoters',
  passive: 'Passives',
  detractor: 'Detractors',
  satisfied: 'Satisfied',
  neutral: 'Neutral',
  unsatisfied: 'Unsatisfied',
  easy: 'Easy',
  hard: 'Hard',
};
const TONE: Record<string, string> = {
  promoter: 'good',
  satisfied: 'good',
  easy: 'good',
  passive: 'neutral',
  neutral: 'neutral',
  detractor: 'bad',
  unsatisfied: 'bad',
  hard: 'bad',
};

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const day = z.preprocess(emptyToUndefined, z.iso.date().optional());

/** The page's query: every filter lives in the URL (a GET form), so a view can be shared. */
export const reportPageQuery = z.object({
  type: z.preprocess(emptyToUndefined, z.enum(['nps', 'csat', 'ces']).default('nps')),
  from: day,
  to: day,
  by: z.preprocess(emptyToUndefined, z.enum(BREAKDOWNS).default('team')),
  category: z.preprocess(emptyToUndefined, z.string().max(20).optional()),
});
export type ReportPageQuery = z.output<typeof reportPageQuery>;

/** Without dates the page shows the last 12 whole weeks' days up to today (workspace zone). */
export function defaultRange(zone: string, now: Date = new Date()) {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  return { from: today.minus({ days: 83 }).toISODate()!, to: today.toISODate()! };
}

/** Validates `category` against the survey type's categories (unknown → ignored). */
export function categoryFor(type: SurveyKind, raw: string | undefined): string | undefined {
  return raw && CATEGORY_KEYS[type].includes(raw) ? raw : undefined;
}

export function formatScore(type: SurveyKind, v: number | null): string {
  if (v === null) return '–';
  if (type === 'csat') return `${v}%`;
  if (type === 'ces') return v.toFixed(2);
  return String(v);
}

const formatInterval = (type: SurveyKind, ci: [number, number] | null) =>
  ci ? `${formatScore(type, ci[0])} to ${formatScore(type, ci[1])}` : '–';
const formatRate = (r: number | null) => (r === null ? '–' : `${r}%`);

export function pageHref(q: {
  type: string;
  from?: string;
  to?: string;
  by: string;
  category?: string;
}): string {
  const params = new URLSearchParams({ type: q.type });
  if (q.from) params.set('from', q.from);
  if (q.to) params.set('to', q.to);
  params.set('by', q.by);
  if (q.category) params.set('category', q.category);
  return `/app/reports?${params.toString()}`;
}

type Summary = Awaited<ReturnType<typeof summaryReport>>;
type Trend = Awaited<ReturnType<typeof trendReport>>;
type Distribution = Awaited<ReturnType<typeof distributionReport>>;

export interface ReportPageData {
  query: { type: SurveyKind; from: string; to: string; by: Breakdown; category?: string };
  summary: Summary;
  trend: Trend;
  distribution: Distribution;
  comments: LatestComment[];
}

/** Everything the reports page shows, formatted; charts as SVG strings. */
export function reportPageModel(data: ReportPageData) {
  const { query, summary, trend, distribution } = data;
  const type = query.type;
  const label = TYPE_LABELS[type];
  const fmt = (v: number | null) => formatScore(type, v);
  const axis =
    type === 'nps'
      ? { yMin: -100, yMax: 100 }
      : type === 'csat'
        ? { yMin: 0, yMax: 100 }
        : { yMin: summary.scale.min, yMax: summary.scale.max };
  const points = trend.periods.map((p) => ({
    label: p.label,
    tick: p.label.replace(/^\d{4}-/, ''),
    score: p.score,
    ci95: p.ci95,
    significant: p.change?.significant ?? false,
    direction: p.change ? (p.change.difference >= 0 ? ('up' as const) : ('down' as const)) : null,
  }));
  const significant = points.filter((p) => p.significant).length;
  const withData = trend.periods.filter((p) => p.score !== null);
  const trendDesc = withData.length
    ? `${label} per week, ${trend.periods.length} weeks: from ${fmt(withData[0]!.score)} (${withData[0]!.label}) to ${fmt(withData.at(-1)!.score)} (${withData.at(-1)!.label}); ${significant} significant week-on-week change${significant === 1 ? '' : 's'}. The shaded band is the 95% interval.`
    : `No ${label} answers in this period.`;
  const bars = distribution.values.map((v) => {
    const category = scoreCategory(
      { type, scale: distribution.scale, direction: distribution.direction },
      v.score,
    );
    return { label: String(v.score), count: v.count, share: v.share, tone: TONE[category] };
  });
  const overall = summary.overall;
  const base = { type, from: query.from, to: query.to, by: query.by };
  const csv = new URLSearchParams({ type, from: query.from, to: query.to });
  return {
    title: `Reports · ${label}`,
    styles: ['reports.css'],
    typeLabel: label,
    form: {
      from: query.from,
      to: query.to,
      category: query.category,
      types: (['nps', 'csat', 'ces'] as const).map((t) => ({
        value: t,
        label: TYPE_LABELS[t],
        selected: t === type,
      })),
      breakdowns: BREAKDOWNS.map((b) => ({
        value: b,
        label: BREAKDOWN_LABELS[b],
        selected: b === query.by,
      })),
    },
    headline: {
      score: fmt(overall.score),
      ci: formatInterval(type, overall.ci95),
      n: overall.n,
      responseRate: formatRate(overall.responseRate),
      lowN: overall.lowN,
      mean: type === 'csat' && overall.mean != null ? overall.mean.toFixed(2) : null,
      easyShare: type === 'ces' && overall.easyShare != null ? `${overall.easyShare}%` : null,
      direction: summary.direction === 'lower_better' ? 'lower is better' : 'higher is better',
      counts: CATEGORY_KEYS[type].map((k) => ({
        label: CATEGORY_LABELS[k],
        count: overall.counts[k] ?? 0,
        tone: TONE[k],
      })),
    },
    trend: {
      svg: trendChart({
        title: `${label} per week`,
        desc: trendDesc,
        points,
        ...axis,
        format: fmt,
      }),
      rows: trend.periods.map((p) => ({
        label: p.label,
        score: fmt(p.score),
        ci: formatInterval(type, p.ci95),
        n: p.n,
        change: p.change
          ? `${p.change.difference > 0 ? '+' : ''}${p.change.difference}${p.change.significant ? ' (significant)' : ''}`
          : '–',
        significant: p.change?.significant ?? false,
      })),
    },
    distribution: {
      n: distribution.n,
      svg: distributionChart({
        title: `${label}: answers per score`,
        desc: distribution.n
          ? `${distribution.n} answers. ${bars.map((b) => `${b.label}: ${b.count}`).join(', ')}.`
          : 'No answers in this period.',
        bars,
      }),
      rows: bars.map((b) => ({ label: b.label, count: b.count, share: formatRate(b.share) })),
    },
    breakdown: {
      label: BREAKDOWN_LABELS[query.by],
      rows: summary.groups.map((g) => ({
        label: g.label,
        score: fmt(g.score),
        ci: formatInterval(type, g.ci95),
        n: g.n,
        responseRate: formatRate(g.responseRate),
        lowN: g.lowN,
      })),
    },
    comments: {
      filters: [
        { label: 'All', href: pageHref(base), current: !query.category },
        ...CATEGORY_KEYS[type].map((k) => ({
          label: CATEGORY_LABELS[k],
          href: pageHref({ ...base, category: k }),
          current: query.category === k,
        })),
      ],
      items: data.comments.map((c) => ({
        ...c,
        when: DateTime.fromISO(c.answeredAt, { zone: summary.timezone }).toFormat(
          'd LLL yyyy, HH:mm',
        ),
        categoryLabel: c.category ? (CATEGORY_LABELS[c.category] ?? c.category) : null,
        tone: c.category ? TONE[c.category] : null,
        score: String(c.score),
      })),
    },
    csvHref: `/api/v1/reports/responses.csv?${csv.toString()}`,
    csvAllHref: `/api/v1/reports/responses.csv?${new URLSearchParams({ from: query.from, to: query.to }).toString()}`,
    timezone: summary.timezone,
  };
}
