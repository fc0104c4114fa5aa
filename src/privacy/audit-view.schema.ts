import { z } from 'zod';
import { idString, isoDateTime } from '../shared/view-schema';

const changes = z.record(z.string(), z.unknown()).nullable();

export const auditEntryView = z
  .strictObject({
    id: idString,
    at: isoDateTime,
    actor: z.strictObject({
      kind: z.enum(['user', 'api-key', 'system']),
      id: z.string().nullable(),
      label: z
        .string()
        .meta({ description: "The user's email, the API key's prefix, or the system job" }),
    }),
    action: z.string().meta({ example: 'workspace.settings-updated' }),
    target: z.strictObject({ type: z.string(), id: z.string().nullable() }),
    before: changes.meta({ description: 'The changed fields before, secrets masked' }),
    after: changes.meta({ description: 'The changed fields after, secrets masked' }),
    details: changes,
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const auditPageView = z
  .strictObject({
    entries: z.array(auditEntryView),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next, older page; null on the last page' }),
  })
  .meta({ id: 'AuditPage' });
