/**
 * What the services count, without knowing about Prometheus: the metrics module implements it.
 * Every label value comes from a small fixed set (channels, statuses, survey types, kinds).
 */
export type InvitationFinalStatus = 'sent' | 'failed' | 'suppressed' | 'expired';

export interface Counters {
  /** An invitation reached one of these statuses (one invitation may be sent, then expire). */
  invitation(channel: string, status: InvitationFinalStatus): void;
  /** A first answer was stored; `channel` is how it came in (web, sms-reply, email-click). */
  response(surveyType: string, channel: string): void;
  /** A rule action's log settled: done, skipped, failed, or retry (a transient failure). */
  ruleAction(kind: string, outcome: string): void;
  /** An inbound webhook was answered: accepted, duplicate, rejected_signature, … */
  webhook(source: string, outcome: string): void;
}

export const FINAL_INVITATION_STATUSES: ReadonlySet<string> = new Set<InvitationFinalStatus>([
  'sent',
  'failed',
  'suppressed',
  'expired',
]);

export function isFinalInvitationStatus(status: string): status is InvitationFinalStatus {
  return FINAL_INVITATION_STATUSES.has(status);
}
