/**
 * Invitations that reached someone: delivered, or sent where the channel gives no receipt.
 * An invitation whose only news is a failure receipt did not reach anyone.
 */
export interface InvitationCounts {
  reached: number;
  answered: number;
}

/** answered / reached in %, null when nothing was sent (never 0, which would read as "nobody"). */
export function responseRate(c: InvitationCounts): number | null {
  return c.reached === 0 ? null : (Math.min(c.answered, c.reached) / c.reached) * 100;
}
