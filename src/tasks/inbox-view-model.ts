import { DateTime } from 'luxon';
import type { TaskView } from './task-view';
import type { ProblemFixed } from './tasks.schema';

/** Pure formatting for the inbox and task pages: no express, no mongoose. */

export type Tone = 'bad' | 'warn' | 'ok' | null;
export interface Badge {
  label: string;
  tone: Tone;
}

/** A task due within this window gets the "due soon" badge. */
export const DUE_SOON_MS = 4 * 3600_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** 90 s → "1 min", 5 h → "5 h", 50 h → "2 d": the coarse unit a glance needs. */
export function shortDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < HOUR) return `${Math.max(1, Math.floor(abs / MINUTE))} min`;
  if (abs < 2 * DAY) return `${Math.floor(abs / HOUR)} h`;
  return `${Math.floor(abs / DAY)} d`;
}

export function ageLabel(createdAt: string, now: Date): string {
  return shortDuration(now.getTime() - Date.parse(createdAt));
}

export function dueBadge(
  task: Pick<TaskView, 'dueAt' | 'overdue' | 'status' | 'resolvedAt'>,
  now: Date,
): Badge {
  if (task.status === 'resolved') return { label: 'Resolved', tone: 'ok' };
  const left = Date.parse(task.dueAt) - now.getTime();
  if (task.overdue || left <= 0) {
    return { label: `Overdue by ${shortDuration(Math.min(left, -MINUTE))}`, tone: 'bad' };
  }
  if (left <= DUE_SOON_MS) return { label: `Due soon: in ${shortDuration(left)}`, tone: 'warn' };
  return { label: `Due in ${shortDuration(left)}`, tone: null };
}

const CATEGORY_TONES: Record<string, Tone> = {
  detractor: 'bad',
  unsatisfied: 'bad',
  hard: 'bad',
  passive: 'warn',
  neutral: 'warn',
  promoter: 'ok',
  satisfied: 'ok',
  easy: 'ok',
};

export function categoryBadge(category: string | null): Badge | null {
  if (!category) return null;
  return {
    label: category[0]!.toUpperCase() + category.slice(1),
    tone: CATEGORY_TONES[category] ?? null,
  };
}

/** Cuts on a word boundary near `max` characters; the template escapes the result. */
export function truncate(text: string | null, max = 140): string | null {
  if (!text) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** "12 Mar 2026, 14:05" in the workspace's time zone. */
export function formatTime(iso: string | null, timezone: string): string | null {
  if (!iso) return null;
  const dt = DateTime.fromISO(iso, { zone: timezone });
  return (dt.isValid ? dt : DateTime.fromISO(iso, { zone: 'utc' })).toFormat('d LLL yyyy, HH:mm');
}

const STATUS_LABELS: Record<TaskView['status'], string> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
};
export const statusLabel = (status: TaskView['status']) => STATUS_LABELS[status];

export interface InboxRow {
  id: string;
  href: string;
  score: number | null;
  surveyType: string | null;
  category: Badge | null;
  comment: string | null;
  customer: string | null;
  agent: string | null;
  team: string | null;
  age: string;
  due: Badge;
  dueTime: string | null;
  dueAt: string;
  status: string;
}

export function inboxRow(
  task: TaskView,
  customer: string | null,
  now: Date,
  timezone: string,
): InboxRow {
  return {
    id: task.id,
    href: `/app/tasks/${task.id}`,
    score: task.score,
    surveyType: task.surveyType?.toUpperCase() ?? null,
    category: categoryBadge(task.category),
    comment: truncate(task.comment),
    customer,
    agent: task.assignee?.name ?? null,
    team: task.team,
    age: ageLabel(task.createdAt, now),
    due: dueBadge(task, now),
    dueTime: formatTime(task.dueAt, timezone),
    dueAt: task.dueAt,
    status: statusLabel(task.status),
  };
}

const YES_NO = (v: boolean) => (v ? 'Yes' : 'No');
export const PROBLEM_FIXED_LABELS: Record<ProblemFixed, string> = {
  yes: 'Yes',
  no: 'No',
  partly: 'Partly',
};

/** The outcome as the resolved task page lists it. */
export function outcomeLines(outcome: TaskView['outcome']): { label: string; value: string }[] {
  if (!outcome) return [];
  return [
    { label: 'Reached the customer', value: YES_NO(outcome.reachedCustomer) },
    { label: 'Problem fixed', value: PROBLEM_FIXED_LABELS[outcome.problemFixed] },
    {
      label: "Customer's sentiment after contact",
      value: outcome.sentiment[0]!.toUpperCase() + outcome.sentiment.slice(1),
    },
    ...(outcome.comment ? [{ label: 'Comment', value: outcome.comment }] : []),
  ];
}

/** Segment fields and custom attributes of the interaction, as label/value pairs, blanks left out. */
export function attributeLines(
  segment: Record<string, unknown> | null | undefined,
): { label: string; value: string }[] {
  if (!segment) return [];
  const named: [string, string][] = [
    ['interactionType', 'Interaction'],
    ['interactionChannel', 'Channel'],
    ['agentName', 'Agent'],
    ['team', 'Team'],
    ['product', 'Product'],
    ['region', 'Region'],
    ['reason', 'Reason'],
    ['revenue', 'Revenue'],
  ];
  const lines = named
    .filter(([key]) => segment[key] !== null && segment[key] !== undefined && segment[key] !== '')
    .map(([key, label]) => ({ label, value: String(segment[key]) }));
  const known = new Set(['product', 'region', 'reason', 'revenue']);
  const attributes = segment.attributes;
  if (attributes && typeof attributes === 'object' && !Array.isArray(attributes)) {
    for (const [key, value] of Object.entries(attributes as Record<string, unknown>)) {
      if (known.has(key) || value === null || value === undefined) continue;
      lines.push({
        label: key,
        value: typeof value === 'object' ? JSON.stringify(value) : String(value as string),
      });
    }
  }
  return lines;
}
