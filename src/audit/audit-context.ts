import { AsyncLocalStorage } from 'node:async_hooks';

/** Who did something: a signed-in user, an API key (by its visible prefix) or Retour itself. */
export interface AuditActor {
  kind: 'user' | 'api-key' | 'system';
  /** The user's or key's id; null for the system. */
  id: string | null;
  /** The user's email, the key's prefix, or the system job's name ("retention", "cli"). */
  label: string;
}

/**
 * What the audit writer learns about the request or job it runs in. `actor` is read when an
 * entry is written, not when the context starts: authentication happens further down the
 * middleware chain than the context is opened.
 */
export interface AuditContext {
  actor: () => AuditActor | null;
  requestId: string | null;
  ip: string | null;
}

const storage = new AsyncLocalStorage<AuditContext>();

/** Runs `fn` (a request's remaining middleware, a worker job) inside this audit context. */
export function runWithAudit<T>(context: AuditContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the request or job running now; undefined outside any. */
export function currentAuditContext(): AuditContext | undefined {
  return storage.getStore();
}

/** A context for work Retour does on its own behalf (worker jobs, the CLI). */
export function systemAuditContext(name: string): AuditContext {
  const actor: AuditActor = { kind: 'system', id: null, label: name };
  return { actor: () => actor, requestId: null, ip: null };
}
