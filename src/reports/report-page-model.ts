import { DateTime } from 'luxon';
import { z } from 'zod';
import { translator, type AppLocale, type Translate } from '../pages/i18n';
import { scoreCategory } from '../responses';
import { distributionChart, trendChart } from './charts';
import type { LatestComment } from './comments.service';
import type { distributionReport } from './distribution.service';
import type { FollowupFigures } from './followup-figures';
import { followupSection } from './report-page-followup';
import { heatmapSection, type VolumeCell } from './report-page-volume';
import { CATEGORY_KEYS, type SurveyKind } from './score-figures';
import { verdictOf } from './segment-comparison';
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
  'locale',
] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

const TYPE_LABELS: Record<SurveyKind, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };
/** The phone charts' width in SVG units: a 360 px screen's chart box is about 294 px. */
const NARROW_WIDTH = 280;
/** Colour family of a score category on the pages: good, neutral or bad. */
export const TONE: Record<string, string> = {
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
const day = z.preprocess(
  emptyToUndefined,
  z.iso.date({ error: 'must be a date as YYYY-MM-DD' }).optional(),
);
const dimension = z.enum(BREAKDOWNS, { error: `must be one of ${BREAKDOWNS.join(', ')}` });

/**
 * The page's query: every filter lives in the URL (a GET form), so a view can be shared.
 * `cdim` and `cval` narrow the latest comments to one segment (e.g. cdim=agent&cval=a1).
 */
export const reportPageQuery = z
  .object({
    type: z.preprocess(
      emptyToUndefined,
      z.enum(['nps', 'csat', 'ces'], { error: 'must be nps, csat or ces' }).default('nps'),
    ),
    from: day,
    to: day,
    by: z.preprocess(emptyToUndefined, dimension.default('team')),
    category: z.preprocess(emptyToUndefined, z.string().max(20).optional()),
    cdim: z.preprocess(emptyToUndefined, dimension.optional()),
    cval: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(200).optional()),
  })
  .refine((q) => !q.cval || q.cdim, {
    path: ['cdim'],
    message: 'must name the segment (agent, team, …) that cval belongs to',
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

/** Whole-page segment filters, `filter[team]=Support` in the URL, by breakdown dimension. */
export type PageFilters = Partial<Record<Breakdown, string>>;

/**
 * Reads the page's `filter[...]` parameters: only the breakdown dimensions, each once, as text.
 * Returns the problems to show on the 400 page instead of guessing.
 */
export function pageFilters(raw: Record<string, unknown>): {
  filters: PageFilters;
  problems: string[];
} {
  const filters: PageFilters = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (!(BREAKDOWNS as readonly string[]).includes(name)) {
      problems.push(`filter[${name}] must be one of ${BREAKDOWNS.join(', ')}`);
    } else if (typeof value !== 'string' || value.trim() === '' || value.length > 200) {
      problems.push(`filter[${name}] must be given once, as text of at most 200 characters`);
    } else {
      filters[name as Breakdown] = value.trim();
    }
  }
  return { filters, problems };
}

export interface PageLink {
  type: string;
  from?: string;
  to?: string;
  by: string;
  category?: string;
  cdim?: string;
  cval?: string;
  filters?: PageFilters;
}

const filterParams = (filters: PageFilters = {}) =>
  BREAKDOWNS.flatMap((d) => (filters[d] ? [[`filter[${d}]`, filters[d]] as const] : []));

export function pageHref(q: PageLink): string {
  const params = new URLSearchParams({ type: q.type });
  if (q.from) params.set('from', q.from);
  if (q.to) params.set('to', q.to);
  params.set('by', q.by);
  if (q.category) params.set('category', q.category);
  if (q.cdim) params.set('cdim', q.cdim);
  if (q.cval) params.set('cval', q.cval);
  for (const [name, value] of filterParams(q.filters)) params.set(name, value);
  return `/app/reports?${params.toString()}`;
}

type Summary = Awaited<ReturnType<typeof summaryReport>>;
type Trend = Awaited<ReturnType<typeof trendReport>>;
type Distribution = Awaited<ReturnType<typeof distributionReport>>;

export interface ReportPageData {
  query: {
    type: SurveyKind;
    from: string;
    to: string;
    by: Breakdown;
    category?: string;
    cdim?: Breakdown;
    cval?: string;
    filters: PageFilters;
  };
  /** Set when `npm run dev` seeded demo answers into this workspace. */
  demoHistorySeededAt?: string | null;
  summary: Summary;
  trend: Trend;
  distribution: Distribution;
  comments: LatestComment[];
  /** The groups of the comments' segment dimension (cdim), to offer its values. */
  segmentValues: { key: string | null; label: string }[];
  followup: FollowupFigures;
  volume: { byWeekdayHour: VolumeCell[] };
  /** The page's language (English when not given). */
  locale?: AppLocale;
}

/** Everything the reports page shows, formatted; charts as SVG strings. */
export function reportPageModel(data: ReportPageData) {
  const { query, summary, trend, distribution } = data;
  const locale = data.locale ?? 'en';
  const t: Translate = translator(locale);
  const BREAKDOWN_LABELS = Object.fromEntries(
    BREAKDOWNS.map((b) => [b, t(`reports.breakdown.${b}`)]),
  ) as Record<Breakdown, string>;
  const categoryLabel = (k: string) => t(`reports.categories.${k}`, { defaultValue: k });
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
    // Colour by what the change means for customers: a lower CES 1–5 is better.
    verdict: p.change?.significant ? verdictOf(p.change.difference, summary.direction) : null,
  }));
  const significant = points.filter((p) => p.significant).length;
  const withData = trend.periods.filter((p) => p.score !== null);
  const trendDesc = withData.length
    ? t('reports.trendDesc', {
        type: label,
        weeks: trend.periods.length,
        first: fmt(withData[0]!.score),
        firstWeek: withData[0]!.label,
        last: fmt(withData.at(-1)!.score),
        lastWeek: withData.at(-1)!.label,
        count: significant,
      })
    : t('reports.noTypeAnswers', { type: label });
  const bars = distribution.values.map((v) => {
    const category = scoreCategory(
      { type, scale: distribution.scale, direction: distribution.direction },
      v.score,
    );
    return { label: String(v.score), count: v.count, share: v.share, tone: TONE[category] };
  });
  const trendInput = {
    title: t('reports.trendChart', { type: label }),
    desc: trendDesc,
    points,
    ...axis,
    format: fmt,
  };
  const distributionInput = {
    title: t('reports.distributionChart', { type: label }),
    desc: distribution.n
      ? t('reports.distributionDesc', {
          n: distribution.n,
          bars: bars.map((b) => `${b.label}: ${b.count}`).join(', '),
        })
      : t('reports.noAnswers'),
    bars,
  };
  const overall = summary.overall;
  const base = { type, from: query.from, to: query.to, by: query.by, filters: query.filters };
  const segment = { cdim: query.cdim, cval: query.cval };
  const values = data.segmentValues.flatMap((v) =>
    v.key === null ? [] : [{ key: v.key, label: v.label }],
  );
  const csv = new URLSearchParams({ type, from: query.from, to: query.to });
  const csvAll = new URLSearchParams({ from: query.from, to: query.to });
  for (const [name, value] of filterParams(query.filters)) {
    csv.set(name, value);
    csvAll.set(name, value);
  }
  const labelOf = (dimension: Breakdown, value: string) =>
    (dimension === query.by ? summary.groups.find((g) => g.key === value)?.label : null) ?? value;
  // A date input shows the browser's own format, whatever the page's language: say it in words.
  const inWords = (day: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${day}T12:00:00Z`),
    );
  return {
    title: t('reports.title', { type: label }),
    styles: ['reports.css'],
    typeLabel: label,
    rangeText: t('reports.rangeWords', { from: inWords(query.from), to: inWords(query.to) }),
    // No answer in the range: one empty state instead of a page of empty charts.
    empty: overall.n === 0,
    resetHref: pageHref({ type, by: query.by, filters: query.filters }),
    form: {
      type,
      by: query.by,
      from: query.from,
      to: query.to,
      fromText: inWords(query.from),
      toText: inWords(query.to),
      category: query.category,
      filters: filterParams(query.filters).map(([name, value]) => ({ name, value })),
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
      ...segment,
    },
    demo: data.demoHistorySeededAt ? { since: data.demoHistorySeededAt.slice(0, 10) } : null,
    activeFilters: BREAKDOWNS.flatMap((d) => {
      const value = query.filters[d];
      if (!value) return [];
      const rest = { ...query.filters };
      delete rest[d];
      return [
        {
          label: BREAKDOWN_LABELS[d],
          value: labelOf(d, value),
          removeHref: pageHref({ ...base, ...segment, category: query.category, filters: rest }),
        },
      ];
    }),
    // One dashboard per survey type; switching keeps the dates, breakdown and segment.
    typeTabs: (['nps', 'csat', 'ces'] as const).map((t) => ({
      label: TYPE_LABELS[t],
      href: pageHref({ ...base, ...segment, type: t }),
      current: t === type,
    })),
    headline: {
      score: fmt(overall.score),
      ci: formatInterval(type, overall.ci95),
      n: overall.n,
      responseRate: formatRate(overall.responseRate),
      lowN: overall.lowN,
      mean: type === 'csat' && overall.mean != null ? overall.mean.toFixed(2) : null,
      easyShare: type === 'ces' && overall.easyShare != null ? `${overall.easyShare}%` : null,
      direction: t(
        summary.direction === 'lower_better' ? 'reports.lowerBetter' : 'reports.higherBetter',
      ),
      counts: CATEGORY_KEYS[type].map((k) => ({
        label: categoryLabel(k),
        count: overall.counts[k] ?? 0,
        tone: TONE[k],
      })),
    },
    trend: {
      svg: trendChart(trendInput),
      // A phone draws the chart at about its own size, so its labels stay readable (≥ 12 px).
      svgNarrow: trendChart({ ...trendInput, width: NARROW_WIDTH, height: 220, variant: 'narrow' }),
      rows: trend.periods.map((p) => ({
        label: p.label,
        score: fmt(p.score),
        ci: formatInterval(type, p.ci95),
        n: p.n,
        change: p.change
          ? `${p.change.difference > 0 ? '+' : ''}${p.change.difference}${p.change.significant ? ` ${t(`reports.significantly.${verdictOf(p.change.difference, summary.direction) ?? 'changed'}`)}` : ''}`
          : '–',
        significant: p.change?.significant ?? false,
        verdict: p.change?.significant ? verdictOf(p.change.difference, summary.direction) : null,
      })),
    },
    distribution: {
      n: distribution.n,
      svg: distributionChart(distributionInput),
      svgNarrow: distributionChart({
        ...distributionInput,
        width: NARROW_WIDTH,
        values: false,
        variant: 'narrow',
      }),
      rows: bars.map((b) => ({ label: b.label, count: b.count, share: formatRate(b.share) })),
    },
    breakdown: {
      label: BREAKDOWN_LABELS[query.by],
      rows: summary.groups.map((g) => ({
        label: g.label,
        // The row's own comments: same view, comments narrowed to this segment value.
        commentsHref:
          g.key === null
            ? null
            : `${pageHref({ ...base, category: query.category, cdim: query.by, cval: g.key })}#comments-h`,
        // Drill down: the whole page for this segment value.
        filterHref:
          g.key === null || query.filters[query.by] === g.key
            ? null
            : pageHref({ ...base, filters: { ...query.filters, [query.by]: g.key } }),
        score: fmt(g.score),
        ci: formatInterval(type, g.ci95),
        n: g.n,
        responseRate: formatRate(g.responseRate),
        lowN: g.lowN,
        verdict: g.vsRest?.verdict ?? null,
        verdictText: g.vsRest?.verdict ? t(`reports.vsRest.${g.vsRest.verdict}`) : null,
      })),
    },
    followup: followupSection(type, data.followup, t),
    heatmap: heatmapSection(data.volume.byWeekdayHour, summary.timezone),
    comments: {
      filters: [
        {
          label: t('reports.all'),
          href: pageHref({ ...base, ...segment }),
          current: !query.category,
        },
        ...CATEGORY_KEYS[type].map((k) => ({
          label: categoryLabel(k),
          href: pageHref({ ...base, ...segment, category: k }),
          current: query.category === k,
        })),
      ],
      segment: {
        dimensions: BREAKDOWNS.map((b) => ({
          value: b,
          label: BREAKDOWN_LABELS[b],
          selected: b === query.cdim,
        })),
        value: query.cval,
        values: query.cdim ? values.map((v) => ({ value: v.key, label: v.label })) : [],
        active:
          query.cdim && query.cval
            ? {
                dimension: BREAKDOWN_LABELS[query.cdim],
                value:
                  values.find((v) => v.key === query.cval || v.label === query.cval)?.label ??
                  query.cval,
                clearHref: `${pageHref({ ...base, category: query.category })}#comments-h`,
              }
            : null,
      },
      items: data.comments.map((c) => ({
        ...c,
        when: DateTime.fromISO(c.answeredAt, { zone: summary.timezone })
          .setLocale(locale)
          .toFormat('d LLL yyyy, HH:mm'),
        categoryLabel: c.category ? categoryLabel(c.category) : null,
        tone: c.category ? TONE[c.category] : null,
        score: String(c.score),
      })),
    },
    csvHref: `/api/v1/reports/responses.csv?${csv.toString()}`,
    csvAllHref: `/api/v1/reports/responses.csv?${csvAll.toString()}`,
    timezone: summary.timezone,
  };
}
