import { translator, type AppLocale } from '../pages/i18n';
import type { Actor } from '../shared/request-context';
import type { OutcomeForm } from './inbox-forms';
import {
  attributeLines,
  categoryBadge,
  dueBadge,
  formatTime,
  outcomeLines,
  problemFixedLabel,
  statusLabel,
  truncate,
} from './inbox-view-model';
import type { TaskView } from './task-view';
import { PROBLEM_FIXED } from './tasks.schema';

/** What a form post brings back to the page: a message, and the text the user typed. */
export interface TaskPageState {
  notice?: string;
  error?: string;
  noteText?: string;
  noteError?: string;
  reassignError?: string;
  outcome?: OutcomeForm;
  outcomeError?: string;
}

export interface TaskPageInput {
  task: TaskView;
  response: {
    type: string;
    score: number | null;
    category: string | null;
    comment: string | null;
    channel: string | null;
    answeredAt: string | null;
    scale: { min: number; max: number };
    segment: unknown;
  } | null;
  contact: { name?: string | null; phone?: string | null; email?: string | null } | null;
  others: TaskView[];
  people: { id: string; name: string; teams: string[]; role: string }[];
  actor: Actor;
  now: Date;
  timezone: string;
  /** The page's language (English when not given). */
  locale?: AppLocale;
  state: TaskPageState;
}

const checked = (kept: string | undefined, value: string) => kept === value;

function choices(name: string, options: [string, string][], kept: string | undefined) {
  return options.map(([value, label]) => ({
    name,
    value,
    label,
    id: `${name}-${value}`,
    checked: checked(kept, value),
  }));
}

/** The task page's data, pure: the template only prints it. */
export function taskPageModel(input: TaskPageInput) {
  const { task, response, contact, actor, now, timezone, state } = input;
  const locale = input.locale ?? 'en';
  const t = translator(locale);
  const time = (iso: string | null) => formatTime(iso, timezone, locale);
  const mine = !!task.assignee && !!actor.userId && task.assignee.id === String(actor.userId);
  const resolved = task.status === 'resolved';
  const teams = [...new Set(input.people.flatMap((p) => p.teams))].sort();
  const kept = state.outcome;
  const score = response?.score ?? task.score;
  return {
    title: t('task.title', {
      customer: contact?.name ?? t('task.customerLower'),
      score: score ?? '–',
    }),
    task: {
      id: task.id,
      title: task.title,
      status: statusLabel(task.status, t),
      priority: t(`task.priorityValue.${task.priority}`, { defaultValue: task.priority }),
      assignee: task.assignee?.name ?? null,
      team: task.team,
      due: dueBadge(task, now, t),
      dueTime: time(task.dueAt),
      createdTime: time(task.createdAt),
      firstActionTime: time(task.firstActionAt),
      resolvedTime: time(task.resolvedAt),
    },
    answer: {
      type: (response?.type ?? task.surveyType)?.toUpperCase() ?? null,
      score,
      scaleMax: response?.scale.max ?? null,
      category: categoryBadge(response?.category ?? task.category, t),
      comment: response ? response.comment : task.comment,
      channel: response?.channel ?? null,
      answeredTime: time(response?.answeredAt ?? null),
    },
    contact: contact
      ? {
          name: contact.name ?? null,
          phone: contact.phone ?? null,
          email: contact.email ?? null,
        }
      : null,
    attributes: attributeLines(response?.segment as Record<string, unknown> | undefined, t),
    others: input.others.map((o) => ({
      href: `/app/tasks/${o.id}`,
      score: o.score,
      type: o.surveyType?.toUpperCase() ?? null,
      category: categoryBadge(o.category, t),
      comment: truncate(o.comment, 100),
      time: time(o.createdAt),
      status: statusLabel(o.status, t),
    })),
    notes: task.notes.map((n) => ({
      author: n.authorName ?? t('task.someone'),
      time: time(n.at),
      at: n.at,
      text: n.text,
    })),
    history: task.history.map((h) => ({
      action: h.action,
      by: h.byName ?? t('task.system'),
      time: time(h.at),
    })),
    outcome: outcomeLines(task.outcome, t),
    can: {
      claim: !resolved && !mine && (!task.assignee || actor.role !== 'agent'),
      start: !resolved && mine && task.status === 'open',
      resolve: !resolved,
      reassign: !resolved && (actor.role === 'admin' || actor.role === 'manager'),
    },
    people: input.people.map((p) => ({
      value: `user:${p.id}`,
      label: `${p.name}${p.teams.length ? ` (${p.teams.join(', ')})` : ''}`,
      selected: task.assignee?.id === p.id,
    })),
    teams: teams.map((team) => ({
      value: `team:${team}`,
      label: t('task.teamQueue', { team }),
      selected: !task.assignee && task.team === team,
    })),
    reached: choices(
      'reachedCustomer',
      [
        ['yes', t('answer.yes')],
        ['no', t('answer.no')],
      ],
      kept?.reachedCustomer,
    ),
    fixed: choices(
      'problemFixed',
      PROBLEM_FIXED.map((v): [string, string] => [v, problemFixedLabel(v, t)]),
      kept?.problemFixed,
    ),
    sentiment: choices(
      'sentiment',
      (['positive', 'neutral', 'negative'] as const).map((v): [string, string] => [
        v,
        t(`sentiment.${v}`),
      ]),
      kept?.sentiment,
    ),
    outcomeComment: kept?.outcomeComment ?? '',
    notice: state.notice ?? null,
    error: state.error ?? null,
    noteText: state.noteText ?? '',
    noteError: state.noteError ?? null,
    reassignError: state.reassignError ?? null,
    outcomeError: state.outcomeError ?? null,
  };
}
