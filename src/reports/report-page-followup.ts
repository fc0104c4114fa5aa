import { funnelChart } from './charts';
import type { FollowupFigures } from './followup-figures';
import type { SurveyKind } from './score-figures';
import type { TimeFigures } from './statistics';

/** The unhappy answers each survey type follows up, as the funnel's first step names them. */
const UNHAPPY_LABELS: Record<SurveyKind, string> = {
  nps: 'Detractors answered',
  csat: 'Unsatisfied answers',
  ces: 'Hard (high-effort) answers',
};

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

const times = (t: TimeFigures) => ({
  median: formatDuration(t.median),
  p90: formatDuration(t.p90),
  n: t.n,
  text: t.n ? `median ${formatDuration(t.median)} · p90 ${formatDuration(t.p90)}` : 'none yet',
});

/** The follow-up funnel section: unhappy answers → with a task → contacted → resolved. */
export function followupSection(type: SurveyKind, figures: FollowupFigures) {
  const steps = [
    { key: 'answered', label: UNHAPPY_LABELS[type], count: figures.detractors, share: null },
    {
      key: 'task',
      label: 'With a follow-up task',
      count: figures.withTask,
      share: figures.shares.withTask,
    },
    {
      key: 'contacted',
      label: 'Customer contacted',
      count: figures.contacted,
      share: figures.shares.contacted,
    },
    {
      key: 'resolved',
      label: 'Resolved after contact',
      count: figures.resolved,
      share: figures.shares.resolved,
    },
  ];
  const desc = figures.detractors
    ? steps
        .map((s) => `${s.label}: ${s.count}${s.share === null ? '' : ` (${s.share}%)`}`)
        .join(', ')
    : 'No unhappy answers in this period.';
  return {
    n: figures.detractors,
    svg: funnelChart({ title: 'Follow-up funnel', desc, steps }),
    steps: steps.map((s) => ({ ...s, share: s.share === null ? null : `${s.share}%` })),
    timeToFirstAction: times(figures.timeToFirstAction),
    timeToResolution: times(figures.timeToResolution),
    slaBreaches: figures.slaBreaches,
    resolvedWithoutContact: figures.resolvedWithoutContact,
  };
}
