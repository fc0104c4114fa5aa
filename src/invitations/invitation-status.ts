/**
 * The invitation lifecycle: the main line scheduled → sending → sent → delivered → opened →
 * answered only moves forward (steps may be skipped: a receipt can be lost), plus the side states
 * suppressed, failed and expired.
 */
export const INVITATION_STATUSES = [
  'scheduled',
  'sending',
  'sent',
  'delivered',
  'opened',
  'answered',
  'suppressed',
  'failed',
  'expired',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

const MAIN_LINE: readonly InvitationStatus[] = [
  'scheduled',
  'sending',
  'sent',
  'delivered',
  'opened',
  'answered',
];

/**
 * Side states, and what may still follow them. A customer who opens or answers the link proves
 * the message arrived, whatever a late "failed" receipt said. An answer may still come in after
 * expiry (an SMS reply, a reminder): whether to accept it is the answering side's call, the
 * status only records it; opening an expired link shows the expired page, which is no "opened".
 * Suppressed means nothing was sent, so nothing can follow.
 */
const AFTER_SIDE_STATE: Partial<Record<InvitationStatus, readonly InvitationStatus[]>> = {
  suppressed: [],
  failed: ['opened', 'answered'],
  expired: ['answered'],
};

/** Where on the main line each side state may be entered from. */
const SIDE_STATE_FROM: Partial<Record<InvitationStatus, readonly InvitationStatus[]>> = {
  // The worker re-checks suppression before it marks the invitation "sending".
  suppressed: ['scheduled'],
  // A failure receipt after "delivered" is stale: the delivery already happened.
  failed: ['scheduled', 'sending', 'sent'],
  expired: ['scheduled', 'sending', 'sent', 'delivered', 'opened'],
};

export function canAdvance(from: InvitationStatus, to: InvitationStatus): boolean {
  if (from === to) return false;
  const afterSide = AFTER_SIDE_STATE[from];
  if (afterSide) return afterSide.includes(to);
  const sideFrom = SIDE_STATE_FROM[to];
  if (sideFrom) return sideFrom.includes(from);
  return MAIN_LINE.indexOf(to) > MAIN_LINE.indexOf(from);
}

/**
 * Twilio MessageStatus → invitation status, null for statuses that say nothing about our send
 * (inbound "received", "scheduled" which we never use, unknown values).
 * WhatsApp's "read" means the message was read, not that the survey link was opened, so it
 * counts as proof of delivery only; "opened" is reserved for the landing page.
 */
const TWILIO_STATUS: Record<string, InvitationStatus> = {
  accepted: 'sending',
  queued: 'sending',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

export function mapTwilioStatus(status: string): InvitationStatus | null {
  const key = status.trim().toLowerCase();
  return Object.hasOwn(TWILIO_STATUS, key) ? (TWILIO_STATUS[key] ?? null) : null;
}
