import type { DispatchKit, DispatchOutcome } from './dispatch-kit';
import type { InvitationDoc } from './invitation.model';
import { canAdvance, type InvitationStatus } from './invitation-status';

/** At the link's expiry, an unanswered invitation becomes "expired". */
export async function expireInvitation(
  kit: DispatchKit,
  inv: InvitationDoc,
): Promise<DispatchOutcome> {
  const { clock, store } = kit;
  const now = clock();
  const from = inv.status as InvitationStatus;
  if (now < inv.expiresAt || !canAdvance(from, 'expired')) return { kind: 'skipped', reason: from };
  await store.move(inv, from, 'expired', now, { reason: 'expired' });
  return { kind: 'expired', reason: 'expired' };
}
