import { optOutFlags } from '../contacts';
import { PermanentSendError, type ChannelName } from '../channels/channel';
import type { DispatchKit, DispatchOutcome } from './dispatch-kit';
import type { InvitationDoc } from './invitation.model';
import type { InvitationStatus } from './invitation-status';
import { applyQuietHours } from './quiet-hours';

const STILL_OPEN: InvitationStatus[] = ['sent', 'delivered', 'opened'];

/** One reminder with the same link, only while the survey is unanswered and open. */
export async function sendReminder(
  kit: DispatchKit,
  inv: InvitationDoc,
  isLast: boolean,
): Promise<DispatchOutcome> {
  const { Invitations, clock, loadContext, buildMessage, recordOptOut, adapterFor, planWhatsapp } =
    kit;
  const now = clock();
  const skip = async (reason: string): Promise<DispatchOutcome> => {
    await Invitations.updateOne(
      { _id: inv._id, workspaceId: inv.workspaceId, 'reminder.status': 'scheduled' },
      { $set: { 'reminder.status': 'skipped', 'reminder.detail': reason } },
    );
    return { kind: 'skipped', reason };
  };
  if (inv.reminder?.status === 'sending') {
    await Invitations.updateOne(
      { _id: inv._id, workspaceId: inv.workspaceId },
      { $set: { 'reminder.status': 'failed', 'reminder.detail': 'send_outcome_unknown' } },
    );
    return { kind: 'failed', reason: 'send_outcome_unknown' };
  }
  if (inv.reminder?.status !== 'scheduled')
    return { kind: 'skipped', reason: `reminder ${inv.reminder?.status ?? 'none'}` };
  if (!STILL_OPEN.includes(inv.status as InvitationStatus)) return skip(inv.status);
  if (now >= inv.expiresAt) return skip('expired');
  const ctx = await loadContext(inv);
  if (!ctx) return skip('survey_or_contact_missing');
  const channel = inv.channel as ChannelName;
  if (optOutFlags(ctx.contact)[channel]) return skip('opted_out');
  if (ctx.workspace.quietHours) {
    const zone = ctx.contact.timezone ?? ctx.workspace.timezone;
    const { sendAt, deferred } = applyQuietHours(now, zone, ctx.workspace.quietHours);
    if (deferred)
      return sendAt < inv.expiresAt ? { kind: 'deferred', until: sendAt } : skip('expired');
  }
  // Outside the session window the reminder is the approved template again, or nothing.
  const whatsapp =
    channel === 'whatsapp' ? await planWhatsapp(inv, ctx, inv.to ?? '', now) : undefined;
  if (whatsapp?.kind === 'no_template') return skip('no_whatsapp_template');
  const claim = await Invitations.updateOne(
    { _id: inv._id, workspaceId: inv.workspaceId, 'reminder.status': 'scheduled' },
    { $set: { 'reminder.status': 'sending' } },
  );
  if (claim.modifiedCount === 0) return { kind: 'skipped', reason: 'claimed by another run' };
  try {
    const adapter = await adapterFor(inv, channel, ctx);
    const result = await adapter.send(
      buildMessage(inv, ctx, channel, inv.to ?? '', true, whatsapp),
    );
    await Invitations.updateOne(
      { _id: inv._id, workspaceId: inv.workspaceId },
      {
        $set: {
          'reminder.status': 'sent',
          'reminder.sentAt': clock(),
          'reminder.providerId': result.providerId || null,
        },
      },
    );
    return { kind: 'reminded', providerId: result.providerId };
  } catch (err) {
    const permanent = err instanceof PermanentSendError;
    if (permanent || isLast) {
      await Invitations.updateOne(
        { _id: inv._id, workspaceId: inv.workspaceId },
        { $set: { 'reminder.status': 'failed', 'reminder.detail': (err as Error).message } },
      );
      if (permanent && err.optedOut) await recordOptOut(inv, channel, `provider-${err.code}`);
      return {
        kind: 'failed',
        reason: permanent ? `provider_${err.code}` : 'provider_unavailable',
      };
    }
    await Invitations.updateOne(
      { _id: inv._id, workspaceId: inv.workspaceId },
      { $set: { 'reminder.status': 'scheduled' } },
    );
    throw err;
  }
}
