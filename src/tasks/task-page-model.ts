import type { Actor } from '../shared/request-context';
import type { OutcomeForm } from './inbox-forms';
import {
  attributeLines,
  categoryBadge,
  dueBadge,
  formatTime,
  outcomeLines,
  PROBLEM_FIXED_LABELS,
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
  const mine = !!task.assignee && !!actor.userId && task.assignee.id === String(actor.userId);
  const resolved = task.status === 'resolved';
  const teams = [...new Set(input.people.flatMap((p) => p.teams))].sort();
  const kept = state.outcome;
  const score = response?.score ?? task.score;
  return {
    title: `Task: ${contact?.name ?? 'customer'} · ${score ?? '–'}`,
    task: {
      id: task.id,
      title: task.title,
      status: statusLabel(task.status),
      priority: task.priority,
      assignee: task.assignee?.name ?? null,
      team: task.team,
      due: dueBadge(task, now),
      dueTime: formatTime(task.dueAt, timezone),
      createdTime: formatTime(task.createdAt, timezone),
      firstActionTime: formatTime(task.firstActionAt, timezone),
      resolvedTime: formatTime(task.resolvedAt, timezone),
    },
    answer: {
      type: (response?.type ?? task.surveyType)?.toUpperCase() ?? null,
      score,
      scaleMax: response?.scale.max ?? null,
      category: categoryBadge(response?.category ?? task.category),
      comment: response ? response.comment : task.comment,
      channel: response?.channel ?? null,
      answeredTime: formatTime(response?.answeredAt ?? null, timezone),
    },
    contact: contact
      ? {
          name: contact.name ?? null,
          phone: contact.phone ?? null,
          email: contact.email ?? null,
        }
      : null,
    attributes: attributeLines(response?.segment as Record<string, unknown> | undefined),
    others: input.others.map((o) => ({
      href: `/app/tasks/${o.id}`,
      score: o.score,
      type: o.surveyType?.toUpperCase() ?? null,
      category: categoryBadge(o.category),
      comment: truncate(o.comment, 100),
      time: formatTime(o.createdAt, timezone),
      status: statusLabel(o.status),
    })),
    notes: task.notes.map((n) => ({
      author: n.authorName ?? 'Someone',
      time: formatTime(n.at, timezone),
      at: n.at,
      text: n.text,
    })),
    history: task.history.map((h) => ({
      action: h.action,
      by: h.byName ?? 'system',
      time: formatTime(h.at, timezone),
    })),
    outcome: outcomeLines(task.outcome),
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
    teams: teams.map((t) => ({
      value: `team:${t}`,
      label: `${t} team queue`,
      selected: !task.assignee && task.team === t,
    })),
    reached: choices(
      'reachedCustomer',
      [
        ['yes', 'Yes'],
        ['no', 'No'],
      ],
      kept?.reachedCustomer,
    ),
    fixed: choices(
      'problemFixed',
      PROBLEM_FIXED.map((v): [string, string] => [v, PROBLEM_FIXED_LABELS[v]]),
      kept?.problemFixed,
    ),
    sentiment: choices(
      'sentiment',
      [
        ['positive', 'Positive'],
        ['neutral', 'Neutral'],
        ['negative', 'Negative'],
      ],
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
