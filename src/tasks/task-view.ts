import { PROBLEM_FIXED, type ProblemFixed, type TaskDoc, type TaskStatus } from './task.model';

export interface TaskView {
  id: string;
  responseId: string;
  contactId: string | null;
  interactionId: string | null;
  ruleId: string | null;
  title: string;
  status: TaskStatus;
  priority: string;
  assignee: { id: string; name: string | null } | null;
  team: string | null;
  dueAt: string;
  overdue: boolean;
  escalatedAt: string | null;
  surveyType: string | null;
  score: number | null;
  category: string | null;
  comment: string | null;
  notes: { authorId: string | null; authorName: string | null; text: string; at: string }[];
  outcome: {
    reachedCustomer: boolean;
    problemFixed: ProblemFixed;
    sentiment: 'positive' | 'neutral' | 'negative';
    comment: string | null;
  } | null;
  createdAt: string;
  firstActionAt: string | null;
  resolvedAt: string | null;
  history: {
    at: string;
    by: string | null;
    byName: string | null;
    action: string;
    detail: unknown;
  }[];
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toTaskView(doc: TaskDoc): TaskView {
  return {
    id: String(doc._id),
    responseId: String(doc.responseId),
    contactId: doc.contactId ? String(doc.contactId) : null,
    interactionId: doc.interactionId ? String(doc.interactionId) : null,
    ruleId: doc.ruleId ?? null,
    title: doc.title,
    status: doc.status as TaskStatus,
    priority: doc.priority,
    assignee: doc.assigneeId
      ? { id: String(doc.assigneeId), name: doc.assigneeName ?? null }
      : null,
    team: doc.team ?? null,
    dueAt: doc.dueAt.toISOString(),
    overdue: doc.overdue,
    escalatedAt: iso(doc.escalatedAt),
    surveyType: doc.surveyType ?? null,
    score: doc.score ?? null,
    category: doc.category ?? null,
    comment: doc.comment ?? null,
    notes: (doc.notes ?? []).map((n) => ({
      authorId: n.authorId ?? null,
      authorName: n.authorName ?? null,
      text: n.text ?? '',
      at: (n.at ?? doc.createdAt).toISOString(),
    })),
    outcome: doc.outcome
      ? {
          reachedCustomer: Boolean(doc.outcome.reachedCustomer),
          problemFixed: problemFixedOf(doc.outcome.problemFixed),
          sentiment: (doc.outcome.sentiment ?? 'neutral') as 'positive' | 'neutral' | 'negative',
          comment: doc.outcome.comment ?? null,
        }
      : null,
    createdAt: doc.createdAt.toISOString(),
    firstActionAt: iso(doc.firstActionAt),
    resolvedAt: iso(doc.resolvedAt),
    history: (doc.history ?? []).map((h) => ({
      at: (h.at ?? doc.createdAt).toISOString(),
      by: h.by ?? null,
      byName: h.byName ?? null,
      action: h.action ?? '',
      detail: h.detail ?? null,
    })),
  };
}

/**
 * Tasks resolved while "problem fixed?" was a yes/no question stored a boolean (which a hydrated
 * document casts to "true" / "false").
 */
function problemFixedOf(stored: unknown): ProblemFixed {
  if (stored === true || stored === 'true') return 'yes';
  return PROBLEM_FIXED.find((v) => v === stored) ?? 'no';
}
