import { z } from 'zod';
import { translator, type Translate } from '../pages/i18n';
import { PROBLEM_FIXED, taskOutcome, type ProblemFixed, type TaskOutcome } from './tasks.schema';

/** The inbox pages' query and form bodies, parsed once at the edge. */

export const INBOX_TABS = ['mine', 'team', 'overdue'] as const;

export const inboxQuery = z.object({
  tab: z.enum(INBOX_TABS).catch('mine'),
  cursor: z.string().max(200).optional().catch(undefined),
});
export type InboxQuery = z.output<typeof inboxQuery>;

const field = z.string().optional().default('');

export const noteForm = z.object({ note: field });

/** A form posts strings; the kept values re-fill the form when it comes back with an error. */
export const outcomeForm = z.object({
  reachedCustomer: field,
  problemFixed: field,
  sentiment: field,
  outcomeComment: field,
});
export type OutcomeForm = z.output<typeof outcomeForm>;

export const reassignForm = z.object({ to: field });

export type FormResult<T> = { ok: true; value: T } | { ok: false; error: string };

export const NOTE_MAX = 5000;

const EN = translator('en');

export function parseNote(body: unknown, t: Translate = EN): FormResult<string> & { kept: string } {
  const { note } = noteForm.parse(body ?? {});
  const text = note.trim();
  if (!text) return { ok: false, error: t('task.error.noteEmpty'), kept: note };
  if (text.length > NOTE_MAX) {
    return { ok: false, error: t('task.error.noteLong', { max: NOTE_MAX }), kept: note };
  }
  return { ok: true, value: text, kept: note };
}

const yesNo = (v: string) => (v === 'yes' ? true : v === 'no' ? false : undefined);
const fixedAnswer = (v: string) =>
  PROBLEM_FIXED.find((answer): answer is ProblemFixed => answer === v);

/** Form fields → the API's outcome schema (taskOutcome), so both edges store the same shape. */
export function parseOutcome(
  body: unknown,
  t: Translate = EN,
): FormResult<TaskOutcome> & { kept: OutcomeForm } {
  const kept = outcomeForm.parse(body ?? {});
  const candidate = {
    reachedCustomer: yesNo(kept.reachedCustomer),
    problemFixed: fixedAnswer(kept.problemFixed),
    sentiment: kept.sentiment || undefined,
    comment: kept.outcomeComment.trim() || null,
  };
  const parsed = taskOutcome.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data, kept };
  const missing = [
    candidate.reachedCustomer === undefined && t('task.error.missingReached'),
    candidate.problemFixed === undefined && t('task.error.missingFixed'),
    !['positive', 'neutral', 'negative'].includes(kept.sentiment) &&
      t('task.error.missingSentiment'),
  ].filter(Boolean);
  const error = missing.length
    ? t('task.error.answer', { missing: missing.join(', ') })
    : t('task.error.commentLong');
  return { ok: false, error, kept };
}

export type ReassignTarget = { userId: string; team?: undefined } | { userId: null; team: string };

/** "user:<id>" → that person; "team:<name>" → back to that team's queue. */
export function parseReassign(body: unknown, t: Translate = EN): FormResult<ReassignTarget> {
  const { to } = reassignForm.parse(body ?? {});
  const user = /^user:([0-9a-f]{24})$/i.exec(to);
  if (user) return { ok: true, value: { userId: user[1]! } };
  const team = /^team:(.{1,100})$/s.exec(to);
  if (team) return { ok: true, value: { userId: null, team: team[1]! } };
  return { ok: false, error: t('task.error.chooseTarget') };
}
