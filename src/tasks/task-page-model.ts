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

/** The task page's controls, to show an error next to the one it is about. */
export type TaskControl = 'claim' | 'start' | 'resolve' | 'reassign' | 'note';

/** What a form post brings back to the page: a message, and the text the user typed. */
export interface TaskPageState {
  notice?: string;
  error?: string;
  /** The control `error` is about; without it the error shows at the top. */
  errorAt?: TaskControl;
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
  const resolved = task.status === 'resolved';
  const teams = [...new Set(input.people.flatMap((p) => p.teams))].sort();
  const kept = state.outcome;
  const score = response?.score ?? task.score;
  const can = taskActions(task, actor);
  // An error about a control the page no longer shows (a task resolved meanwhile) goes on top.
  const shown: Record<TaskControl, boolean> = { ...can, note: true };
  // "Claim first" belongs next to the claim button, the step that unlocks resolving.
  const placed: TaskControl | null =
    state.errorAt && shown[state.errorAt]
      ? state.errorAt
      : state.errorAt === 'resolve' && can.claim
        ? 'claim'
        : null;
  const errorAt = (control: TaskControl) =>
    state.error && placed === control ? state.error : null;
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
    can,
    nextStep: t(
      resolved
        ? 'task.nextNone'
        : can.resolve
          ? 'task.nextResolve'
          : can.claim
            ? task.assignee
              ? 'task.nextClaimTaken'
              : 'task.nextClaim'
            : 'task.nextWatch',
    ),
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
    error: state.error && !placed ? state.error : null,
    claimError: errorAt('claim'),
    startError: errorAt('start'),
    resolveError: errorAt('resolve'),
    reassignActionError: errorAt('reassign'),
    noteActionError: errorAt('note'),
    noteText: state.noteText ?? '',
    noteError: state.noteError ?? null,
    reassignError: state.reassignError ?? null,
    outcomeError: state.outcomeError ?? null,
  };
}

/**
 * What the task's state allows this person to do: claim when it is not theirs (an agent only
 * from a queue, a manager also from someone else), resolve only once it is theirs (no resolve
 * before claim), start when theirs and still open. Pure; the resolve route checks it too.
 */
export function taskActions(
  task: Pick<TaskView, 'status' | 'assignee'>,
  actor: Pick<Actor, 'role' | 'userId'>,
) {
  const resolved = task.status === 'resolved';
  const mine = !!task.assignee && !!actor.userId && task.assignee.id === String(actor.userId);
  return {
    claim: !resolved && !mine && (!task.assignee || actor.role !== 'agent'),
    start: !resolved && mine && task.status === 'open',
    resolve: !resolved && mine,
    reassign: !resolved && (actor.role === 'admin' || actor.role === 'manager'),
  };
}
