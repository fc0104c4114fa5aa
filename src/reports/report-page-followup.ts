import { translator, type Translate } from '../pages/i18n';
import { funnelChart } from './charts';
import type { FollowupFigures } from './followup-figures';
import type { SurveyKind } from './score-figures';
import type { TimeFigures } from './statistics';

/** Seconds as a short duration: "45 s", "12 min", "3 h 20 min", "2 d 4 h"; "–" for none. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

const times = (f: TimeFigures, t: Translate) => ({
  median: formatDuration(f.median),
  p90: formatDuration(f.p90),
  n: f.n,
  text: f.n
    ? t('reports.funnel.times', { median: formatDuration(f.median), p90: formatDuration(f.p90) })
    : t('reports.funnel.noneYet'),
});

/** The follow-up funnel section: unhappy answers → with a task → contacted → resolved. */
export function followupSection(
  type: SurveyKind,
  figures: FollowupFigures,
  t: Translate = translator('en'),
) {
  const steps = [
    {
      key: 'answered',
      label: t(`reports.funnel.unhappy.${type}`),
      count: figures.detractors,
      share: null,
    },
    {
      key: 'task',
      label: t('reports.funnel.task'),
      count: figures.withTask,
      share: figures.shares.withTask,
    },
    {
      key: 'contacted',
      label: t('reports.funnel.contacted'),
      count: figures.contacted,
      share: figures.shares.contacted,
    },
    {
      key: 'resolved',
      label: t('reports.funnel.resolved'),
      count: figures.resolved,
      share: figures.shares.resolved,
    },
  ];
  const desc = figures.detractors
    ? steps
        .map((s) => `${s.label}: ${s.count}${s.share === null ? '' : ` (${s.share}%)`}`)
        .join(', ')
    : t('reports.funnel.none');
  return {
    n: figures.detractors,
    svg: funnelChart({ title: t('reports.funnel.title'), desc, steps }),
    steps: steps.map((s) => ({ ...s, share: s.share === null ? null : `${s.share}%` })),
    timeToFirstAction: times(figures.timeToFirstAction, t),
    timeToResolution: times(figures.timeToResolution, t),
    slaBreaches: figures.slaBreaches,
    resolvedWithoutContact: figures.resolvedWithoutContact,
  };
}
