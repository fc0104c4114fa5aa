import { z } from 'zod';
import { idString, isoDateTime } from '../../shared/view-schema';

const counts = z.strictObject({
  contacts: z.number().int().min(0),
  comments: z.number().int().min(0),
  interactions: z.number().int().min(0),
  deliveryLogs: z.number().int().min(0),
  auditEntries: z.number().int().min(0),
});
const policy = z.strictObject({
  contactsInactiveDays: z.number().int().nullable(),
  commentsDays: z.number().int().nullable(),
  interactionsDays: z.number().int().nullable(),
  deliveryLogsDays: z.number().int().nullable(),
  auditDays: z.number().int().nullable(),
});

export const retentionPlanView = z
  .strictObject({ asOf: isoDateTime, policy, wouldRemove: counts })
  .meta({ id: 'RetentionPlan' });

export const retentionRunView = z
  .strictObject({
    id: idString,
    startedAt: isoDateTime,
    finishedAt: isoDateTime,
    policy,
    removed: counts,
    incomplete: z
      .boolean()
      .meta({ description: 'A kind hit the per-run bound; the next daily run goes on' }),
  })
  .meta({ id: 'RetentionRun' });

export const retentionRunList = z.strictObject({ runs: z.array(retentionRunView) });
