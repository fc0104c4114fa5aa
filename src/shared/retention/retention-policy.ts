/**
 * How long a workspace keeps each kind of data, in days; null keeps it (the default for all but
 * the audit trail, which keeps a year). Pure: the workspace stores it, privacy applies it.
 */
export interface RetentionPolicy {
  /** Contacts with no activity (no interaction, no change) for this long are erased. */
  contactsInactiveDays: number | null;
  /** Comments (and their earlier versions) older than this are removed; scores stay. */
  commentsDays: number | null;
  /** Interactions older than this lose their raw payload; the segment facts reports join stay. */
  interactionsDays: number | null;
  /** Connector deliveries and rule webhook attempts older than this are deleted. */
  deliveryLogsDays: number | null;
  /** The audit trail's own retention. */
  auditDays: number | null;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  contactsInactiveDays: null,
  commentsDays: null,
  interactionsDays: null,
  deliveryLogsDays: null,
  auditDays: 365,
};

export const RETENTION_LIMITS: Record<keyof RetentionPolicy, { min: number; max: number }> = {
  contactsInactiveDays: { min: 30, max: 3650 },
  commentsDays: { min: 30, max: 3650 },
  interactionsDays: { min: 30, max: 3650 },
  deliveryLogsDays: { min: 1, max: 3650 },
  // Long enough for a security review to look back over a quarter.
  auditDays: { min: 90, max: 3650 },
};

export function retentionOf(stored: Partial<RetentionPolicy> | null | undefined): RetentionPolicy {
  const out = { ...DEFAULT_RETENTION };
  for (const key of Object.keys(DEFAULT_RETENTION) as (keyof RetentionPolicy)[]) {
    const v = stored?.[key];
    if (v === null || typeof v === 'number') out[key] = v;
  }
  return out;
}

const DAY_MS = 86_400_000;

/** The moment before which each kind of data goes; null where the policy keeps it. */
export function retentionCutoffs(
  policy: RetentionPolicy,
  now: Date,
): Record<keyof RetentionPolicy, Date | null> {
  const cut = (days: number | null) =>
    days === null ? null : new Date(now.getTime() - days * DAY_MS);
  return {
    contactsInactiveDays: cut(policy.contactsInactiveDays),
    commentsDays: cut(policy.commentsDays),
    interactionsDays: cut(policy.interactionsDays),
    deliveryLogsDays: cut(policy.deliveryLogsDays),
    auditDays: cut(policy.auditDays),
  };
}
