import type { Request, RequestHandler } from 'express';
import '../shared/request-context';
import { runWithAudit, type AuditActor } from './audit-context';

/** Who acts on this request, as authentication (session or bearer key) left it on req. */
function actorOfRequest(req: Request): AuditActor | null {
  if (req.auth)
    return {
      kind: 'api-key',
      id: String(req.auth.apiKeyId),
      label: req.auth.prefix ?? String(req.auth.apiKeyId),
    };
  if (req.user) return { kind: 'user', id: String(req.user.id), label: req.user.email };
  return null;
}

/**
 * Opens the audit context for the rest of the request. Mounted before authentication, it reads
 * the actor lazily, so an entry written after the key or session was checked names them.
 */
export function auditContextMiddleware(): RequestHandler {
  return (req, _res, next) =>
    runWithAudit(
      {
        actor: () => actorOfRequest(req),
        requestId: typeof req.id === 'string' ? req.id : req.id ? String(req.id) : null,
        ip: req.ip ?? null,
      },
      () => next(),
    );
}
