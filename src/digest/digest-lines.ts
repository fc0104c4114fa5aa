import type { FollowupFigures } from '../reports/followup-figures';
import type { ScaleInfo, SurveyKind } from '../reports/score-figures';
import {
  colon,
  formatDifference,
  formatDuration,
  formatHeadline,
  formatInterval,
  formatNumber,
  formatPercent,
  type DigestLocale,
} from './digest-format';
import type { DigestText } from './digest-text';

/** The language and its formats: what every line below needs. */
export interface Wording {
  locale: DigestLocale;
  text: DigestText;
}

export interface ScoreLineInput extends ScaleInfo {
  type: SurveyKind;
  label: string;
  score: number | null;
  n: number;
  ci95: [number, number] | null;
  lowN: boolean;
  responseRate: number | null;
}

/** "NPS +21 (95% interval: +10 to +32)" and "70 answers · response rate 71.4% · scale …". */
export function scoreLines({ locale, text }: Wording, s: ScoreLineInput) {
  const details = [
    text.answers(s.n, formatNumber(locale, s.n, 0)),
    `${text.responseRate} ${s.responseRate === null ? '–' : formatPercent(locale, s.responseRate)}`,
    text.scale(s.scale.min, s.scale.max, s.direction === 'lower_better'),
  ];
  if (s.n > 0 && s.lowN) details.push(text.lowN);
  return {
    headline: formatHeadline(locale, s.type, s.label, s.score, s.ci95),
    details: details.join(' · '),
  };
}

export interface Difference {
  difference: number;
  ci95: [number, number];
  significant: boolean;
}

/** "-53.6 (95% interval: -70.2 to -37.0), significant"; `significant` words it (gender in French). */
export function differenceLine(
  { locale }: Wording,
  type: SurveyKind,
  d: Difference,
  significant: (yes: boolean) => string,
): string {
  const format = (v: number) => formatDifference(locale, type, v);
  return `${format(d.difference)} (${formatInterval(locale, d.ci95, format)}), ${significant(d.significant)}`;
}

/** "Change vs previous week: …", or that there is nothing to compare with. */
export function changeLine(wording: Wording, type: SurveyKind, change: Difference | null) {
  const { locale, text } = wording;
  const value = change
    ? differenceLine(wording, type, change, text.changeSignificant)
    : text.noComparison;
  return `${colon(locale, text.change)} ${value}`;
}

/** The follow-up funnel of the unhappy answers and its times; null when there were none. */
export function followUpLine(
  { locale, text }: Wording,
  type: SurveyKind,
  f: FollowupFigures,
): string | null {
  if (f.detractors === 0) return null;
  const pct = (v: number | null) => (v === null ? '–' : formatPercent(locale, v));
  const time = (label: string, t: FollowupFigures['timeToFirstAction']) =>
    t.median === null || t.p90 === null
      ? null
      : `${label} ${text.median} ${formatDuration(locale, t.median)} (p90 ${formatDuration(locale, t.p90)})`;
  return [
    text.followUp(
      formatNumber(locale, f.detractors, 0),
      text.unhappy[type][f.detractors === 1 ? 0 : 1],
      pct(f.shares.withTask),
      pct(f.shares.contacted),
      pct(f.shares.resolved),
    ),
    time(text.firstAction, f.timeToFirstAction),
    time(text.resolution, f.timeToResolution),
    text.slaBreaches(f.slaBreaches, formatNumber(locale, f.slaBreaches, 0)),
  ]
    .filter((part): part is string => part !== null)
    .join(' · ');
}
