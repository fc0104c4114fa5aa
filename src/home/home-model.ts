import type { AppLocale, Translate } from '../pages/i18n';
import type { GlanceReport } from '../reports/glance.service';
import type { SurveyKind } from '../reports/score-figures';
import { dueBadge, truncate } from '../tasks/inbox-view-model';
import type { TaskView } from '../tasks/task-view';

const TYPE_LABELS: Record<SurveyKind, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

export interface HomeInput {
  t: Translate;
  locale: AppLocale;
  now: Date;
  /** Managers and admins: the whole workspace's figures. */
  seesWorkspace: boolean;
  isAdmin: boolean;
  glance: GlanceReport[];
  myTasks: TaskView[];
  counts: { mine: number; team: number; overdue: number };
  comments: {
    id: string;
    answeredAt: string;
    type: SurveyKind;
    score: number;
    comment: string;
    category: string | null;
    agent: string | null;
  }[];
  failedToday: { total: number; byChannel: { channel: string; count: number }[] } | null;
  connectorTrouble:
    | {
        id: string;
        name: string;
        provider: string;
        count: number;
        lastAt: string;
        lastReason: string | null;
      }[]
    | null;
}

/** A figure in the page's language: NPS points, CSAT in %, CES to two decimals. */
function figure(type: SurveyKind, locale: AppLocale, value: number | null, sign = false): string {
  if (value === null) return '–';
  const digits = type === 'ces' ? 2 : 1;
  const text = new Intl.NumberFormat(locale, {
    minimumFractionDigits: type === 'ces' ? 2 : 0,
    maximumFractionDigits: digits,
    signDisplay: sign ? 'exceptZero' : 'auto',
  }).format(value);
  return type === 'csat' ? `${text}${locale === 'fr' ? '\u202f' : ''}%` : text;
}

/** One headline card: this week's score against last week's, each with n and its interval. */
function scoreCard(g: GlanceReport, t: Translate, locale: AppLocale) {
  const fmt = (v: number | null) => figure(g.type, locale, v);
  const signed = (v: number) => figure(g.type, locale, v, true);
  const interval = (ci: [number, number] | null) =>
    ci ? t('glance.interval', { lo: fmt(ci[0]), hi: fmt(ci[1]) }) : t('glance.noInterval');
  const change = g.change;
  return {
    type: g.type,
    label: TYPE_LABELS[g.type],
    score: fmt(g.current.score),
    n: g.current.n,
    interval: interval(g.current.ci95),
    // No answers is said by n = 0 and the dash; "low n" is for a few.
    lowN: g.current.lowN && g.current.n > 0,
    previous: {
      score: fmt(g.previous.score),
      n: g.previous.n,
      interval: interval(g.previous.ci95),
    },
    change: change
      ? {
          text: t('glance.change', {
            difference: signed(change.difference),
            lo: signed(change.ci95[0]),
            hi: signed(change.ci95[1]),
          }),
          verdict: change.verdict,
          verdictText: t(`glance.verdict.${change.verdict ?? 'none'}`),
        }
      : null,
    direction: t(g.direction === 'lower_better' ? 'glance.lowerBetter' : 'glance.higherBetter'),
    href: `/app/reports?type=${g.type}`,
  };
}

/** Everything the home page shows, formatted, for the user's role. Pure. */
export function homeModel(input: HomeInput) {
  const { t, now } = input;
  const trouble = input.connectorTrouble ?? [];
  const failed = input.failedToday;
  return {
    // Handlebars treats an empty list as false: the sections say whether they show.
    seesWorkspace: input.seesWorkspace,
    scores: input.seesWorkspace ? input.glance.map((g) => scoreCard(g, t, input.locale)) : null,
    tasks: {
      mine: input.counts.mine,
      team: input.counts.team,
      overdue: input.counts.overdue,
      items: input.myTasks.map((task) => ({
        href: `/app/tasks/${task.id}`,
        title: task.title,
        score: task.score,
        type: task.surveyType?.toUpperCase() ?? null,
        comment: truncate(task.comment, 80),
        due: dueBadge(task, now, t),
      })),
    },
    comments: input.seesWorkspace
      ? input.comments.map((c) => ({
          ...c,
          typeLabel: TYPE_LABELS[c.type],
          categoryLabel: c.category
            ? t(`reports.categories.${c.category}`, { defaultValue: c.category })
            : null,
          comment: truncate(c.comment, 200),
        }))
      : null,
    broken: input.seesWorkspace
      ? {
          failed:
            failed && failed.total > 0
              ? { ...failed, text: t('glance.failedToday', { count: failed.total }) }
              : null,
          failedHref: '/app/invitations?status=failed',
          connectors: input.isAdmin
            ? trouble.map((c) => ({
                ...c,
                text: t('glance.connectorTrouble', { name: c.name, count: c.count }),
              }))
            : [],
          none: (!failed || failed.total === 0) && (!input.isAdmin || trouble.length === 0),
        }
      : null,
  };
}
