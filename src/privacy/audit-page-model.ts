import type { AuditEntryView, AuditPage } from '../audit';
import type { AuditQuery } from './audit.schema';

export interface AuditRow {
  id: string;
  at: Date;
  iso: string;
  actorLabel: string;
  actorKind: string;
  action: string;
  target: string;
  changes: { field: string; before: string; after: string }[];
  details: string | null;
}

const MAX_SHOWN = 160;

/** One value as a short line: long JSON is cut rather than wrapped over a whole screen. */
function shown(value: unknown): string {
  const text = value === undefined || value === null ? '—' : JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

export function auditRow(e: AuditEntryView): AuditRow {
  const fields = new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})]);
  return {
    id: e.id,
    at: e.at,
    iso: e.at.toISOString(),
    actorLabel: e.actor.label,
    actorKind: e.actor.kind,
    action: e.action,
    target: e.target.id ? `${e.target.type} ${e.target.id}` : e.target.type,
    changes: [...fields].map((field) => ({
      field,
      before: shown(e.before?.[field]),
      after: shown(e.after?.[field]),
    })),
    details: e.details ? shown(e.details) : null,
  };
}

/** The filters as the form shows them back, and the link to the next (older) page. */
export function auditPageModel(page: AuditPage, q: AuditQuery) {
  const form = {
    actor: q.actor ?? '',
    action: q.action ?? '',
    targetType: q.targetType ?? '',
    targetId: q.targetId ?? '',
    from: q.from ?? '',
    to: q.to ?? '',
  };
  const params = new URLSearchParams(
    Object.entries(form).filter(([, v]) => v !== '') as [string, string][],
  );
  let olderHref: string | null = null;
  if (page.nextCursor) {
    params.set('cursor', page.nextCursor);
    olderHref = `/app/audit?${params.toString()}`;
  }
  return { form, rows: page.entries.map(auditRow), olderHref, paged: q.cursor !== undefined };
}
