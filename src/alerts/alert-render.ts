import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import type { SurveyKind } from '../reports/score-figures';
import { round, type Difference, type Interval } from '../reports/statistics';
import { VIEWS_DIR } from '../shared/paths';
import type { AlertDay } from './alert-days';
import { ALERT_TEXT, type AlertLocale } from './alert-text';
import type { DayComparisons, SegmentComparison } from './segment-figures';

let html: Handlebars.TemplateDelegate | undefined;
let text: Handlebars.TemplateDelegate | undefined;
const template = (file: string, noEscape: boolean) =>
  Handlebars.compile(readFileSync(path.join(VIEWS_DIR, 'email', file), 'utf8'), {
    noEscape,
    strict: false,
  });

const TYPE_LABELS: Record<SurveyKind, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

export interface AlertMailInput {
  workspace: { name: string; timezone: string; locale: AlertLocale };
  figures: Omit<DayComparisons, 'segments'>;
  watched: AlertDay;
  segment: SegmentComparison;
  change: Difference;
  /** When the run looked (for "figures so far" on the current day). */
  now: Date;
  publicUrl: string;
}

/** Where to look next inside the segment: a team's agents, an agent's channels, … */
const BREAKDOWN_INSIDE: Record<string, string> = {
  agent: 'channel',
  team: 'agent',
  channel: 'team',
  product: 'team',
  region: 'team',
  reason: 'team',
};

/**
 * The dashboard on that day filtered to the segment (filter[dimension], which narrows every
 * figure and the comments), broken down by a dimension that splits it further.
 */
export function dashboardLink(input: {
  publicUrl: string;
  type: SurveyKind;
  day: string;
  segment: Pick<SegmentComparison, 'dimension' | 'value'>;
}): string {
  const params = new URLSearchParams({ type: input.type, from: input.day, to: input.day });
  if (input.segment.dimension !== 'overall') {
    params.set('by', BREAKDOWN_INSIDE[input.segment.dimension] ?? 'team');
    params.set(`filter[${input.segment.dimension}]`, input.segment.value);
  }
  return `${input.publicUrl}/app/reports?${params.toString()}`;
}

/** The template's view: every sentence already in the workspace's language. */
export function alertView(input: AlertMailInput) {
  const { workspace, figures, segment, change } = input;
  const locale = workspace.locale;
  const t = ALERT_TEXT[locale];
  const type = figures.type;
  const label = TYPE_LABELS[type];
  const decimals = type === 'ces' ? 2 : type === 'csat' ? 1 : 0;
  const number = (v: number, places = decimals) => {
    // As the dashboard writes them: CES always with two decimals, the others without zeros.
    const s = type === 'ces' ? round(v, places).toFixed(places) : String(round(v, places));
    return locale === 'fr' ? s.replace('.', ',') : s;
  };
  const signed = (v: number, places?: number) =>
    v > 0 ? `+${number(v, places)}` : number(v, places);
  const percent = (s: string) => (locale === 'fr' ? `${s} %` : `${s}%`);
  const score = (v: number | null) =>
    v === null ? '–' : type === 'csat' ? percent(number(v)) : number(v);
  const interval = (ci: Interval | null, fmt: (v: number) => string) =>
    ci ? t.interval(fmt(ci[0]), fmt(ci[1])) : '–';
  const bound = (v: number) =>
    type === 'csat' ? percent(number(v, 1)) : number(v, type === 'ces' ? 2 : 1);
  const date = (iso: string, format: Intl.DateTimeFormatOptions) =>
    DateTime.fromISO(iso, { zone: workspace.timezone }).setLocale(locale).toLocaleString(format);
  const segmentText =
    segment.dimension === 'overall'
      ? t.overall
      : `${t.dimensions[segment.dimension]} ${segment.label}`;
  const diffDecimals = type === 'ces' ? 2 : 1;
  const diffUnit = (s: string) => (type === 'csat' ? `${s} pts` : s);
  const day = date(input.watched.day, DateTime.DATE_HUGE);
  return {
    lang: locale,
    sep: locale === 'fr' ? ' :' : ':',
    subject: t.subject(
      workspace.name,
      label,
      segmentText,
      date(input.watched.day, DateTime.DATE_MED),
    ),
    headline: t.headline(label, segmentText),
    lead: t.lead(label, day),
    soFar: input.watched.today
      ? t.soFar(
          DateTime.fromJSDate(input.now, { zone: workspace.timezone }).toFormat('HH:mm'),
          workspace.timezone,
        )
      : null,
    segmentLabel: t.segment,
    segment: segmentText,
    thatDayLabel: t.thatDay,
    thatDay: `${score(segment.day.score)} (${interval(segment.day.ci95, bound)}), ${t.answers(segment.day.n)}`,
    trailingLabel: t.trailing(
      date(input.watched.trailing.from, DateTime.DATE_MED),
      date(input.watched.trailing.to, DateTime.DATE_MED),
    ),
    trailing: `${score(segment.trailing.score)} (${interval(segment.trailing.ci95, bound)}), ${t.answers(segment.trailing.n)}`,
    differenceLabel: t.difference,
    difference: `${diffUnit(signed(change.difference, diffDecimals))} (${interval(
      change.ci95,
      (v) => signed(v, diffDecimals),
    )})`,
    scale: t.scale(
      label,
      figures.scale.min,
      figures.scale.max,
      figures.direction === 'lower_better',
    ),
    openLabel: t.open,
    link: dashboardLink({
      publicUrl: input.publicUrl,
      type,
      day: input.watched.day,
      segment,
    }),
    footer: t.footer(workspace.name),
  };
}

export function renderAlert(input: AlertMailInput) {
  const view = alertView(input);
  html ??= template('score-alert.hbs', false);
  text ??= template('score-alert.txt.hbs', true);
  return { subject: view.subject, html: html(view), text: text(view).trim() + '\n' };
}
