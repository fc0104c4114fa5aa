export {
  currentAuditContext,
  runWithAudit,
  systemAuditContext,
  type AuditActor,
  type AuditContext,
} from './audit-context';
export { auditEntryModel } from './audit-entry.model';
export { auditContextMiddleware } from './audit-middleware';
export {
  auditTrail,
  type AuditEntryView,
  type AuditFilter,
  type AuditPage,
  type AuditRecord,
  type AuditTrail,
} from './audit-trail';
export { changedFields, maskSecrets, MASKED } from './mask-secrets';
