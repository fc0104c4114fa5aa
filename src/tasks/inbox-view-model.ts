import { DateTime } from 'luxon';
import { translator, type AppLocale, type Translate } from '../pages/i18n';
import type { TaskView } from './task-view';
import type { ProblemFixed } from './tasks.schema';

/**
 * Pure formatting for the inbox and task pages: no express, no mongoose. Texts come from the
 * catalogue through `t` (English when not given).
 */
const EN = translator('en');

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
export function shortDuration(ms: number, t: Translate = EN): string {
  const abs = Math.abs(ms);
  if (abs < HOUR) return t('duration.minutes', { count: Math.max(1, Math.floor(abs / MINUTE)) });
  if (abs < 2 * DAY) return t('duration.hours', { count: Math.floor(abs / HOUR) });
  return t('duration.days', { count: Math.floor(abs / DAY) });
}

export function ageLabel(createdAt: string, now: Date, t: Translate = EN): string {
  return shortDuration(now.getTime() - Date.parse(createdAt), t);
}

export function dueBadge(
  task: Pick<TaskView, 'dueAt' | 'overdue' | 'status' | 'resolvedAt'>,
  now: Date,
  t: Translate = EN,
): Badge {
  if (task.status === 'resolved') return { label: t('due.resolved'), tone: 'ok' };
  const left = Date.parse(task.dueAt) - now.getTime();
  if (task.overdue || left <= 0) {
    const duration = shortDuration(Math.min(left, -MINUTE), t);
    return { label: t('due.overdue', { duration }), tone: 'bad' };
  }
  const duration = shortDuration(left, t);
  if (left <= DUE_SOON_MS) return { label: t('due.soon', { duration }), tone: 'warn' };
  return { label: t('due.in', { duration }), tone: null };
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

export function categoryBadge(category: string | null, t: Translate = EN): Badge | null {
  if (!category) return null;
  return {
    label: t(`category.${category}`, {
      defaultValue: category[0]!.toUpperCase() + category.slice(1),
    }),
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

/** "12 Mar 2026, 14:05" (fr: "12 mars 2026, 14:05") in the workspace's time zone. */
export function formatTime(
  iso: string | null,
  timezone: string,
  locale: AppLocale = 'en',
): string | null {
  if (!iso) return null;
  const dt = DateTime.fromISO(iso, { zone: timezone });
  return (dt.isValid ? dt : DateTime.fromISO(iso, { zone: 'utc' }))
    .setLocale(locale)
    .toFormat('d LLL yyyy, HH:mm');
}

export const statusLabel = (status: TaskView['status'], t: Translate = EN) => t(`status.${status}`);

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
  locale: AppLocale = 'en',
): InboxRow {
  const t = translator(locale);
  return {
    id: task.id,
    href: `/app/tasks/${task.id}`,
    score: task.score,
    surveyType: task.surveyType?.toUpperCase() ?? null,
    category: categoryBadge(task.category, t),
    comment: truncate(task.comment),
    customer,
    agent: task.assignee?.name ?? null,
    team: task.team,
    age: ageLabel(task.createdAt, now, t),
    due: dueBadge(task, now, t),
    dueTime: formatTime(task.dueAt, timezone, locale),
    dueAt: task.dueAt,
    status: statusLabel(task.status, t),
  };
}

export const problemFixedLabel = (answer: ProblemFixed, t: Translate = EN) => t(`answer.${answer}`);

/** The outcome as the resolved task page lists it. */
export function outcomeLines(
  outcome: TaskView['outcome'],
  t: Translate = EN,
): { label: string; value: string }[] {
  if (!outcome) return [];
  return [
    {
      label: t('task.reachedLine'),
      value: t(outcome.reachedCustomer ? 'answer.yes' : 'answer.no'),
    },
    { label: t('task.fixedLine'), value: problemFixedLabel(outcome.problemFixed, t) },
    { label: t('task.sentiment'), value: t(`sentiment.${outcome.sentiment}`) },
    ...(outcome.comment ? [{ label: t('task.comment'), value: outcome.comment }] : []),
  ];
}

/** Segment fields and custom attributes of the interaction, as label/value pairs, blanks left out. */
export function attributeLines(
  segment: Record<string, unknown> | null | undefined,
  t: Translate = EN,
): { label: string; value: string }[] {
  if (!segment) return [];
  const named = [
    'interactionType',
    'interactionChannel',
    'agentName',
    'team',
    'product',
    'region',
    'reason',
    'revenue',
  ];
  const lines = named
    .filter((key) => segment[key] !== null && segment[key] !== undefined && segment[key] !== '')
    .map((key) => ({ label: t(`task.field.${key}`), value: String(segment[key]) }));
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
