import type { Types } from 'mongoose';
import { senderNumberOf } from '../workspaces/sender-number';
import type { WorkspacesService } from '../workspaces';
import type { InvitationsService } from './invitations.service';

/** Which workspace an inbound SMS or WhatsApp message belongs to; null when none can tell. */
export type InboundRouter = (message: {
  From: string;
  To: string;
}) => Promise<Types.ObjectId | null>;

type PhoneChannel = 'sms' | 'whatsapp';

export interface InboundRouterDeps {
  workspaces: Pick<WorkspacesService, 'holderOfSenderNumber'>;
  invitations: Pick<InvitationsService, 'workspaceOfLastSent'>;
  /** The shared senders invitations leave from (TWILIO_FROM, TWILIO_WHATSAPP_FROM). */
  senders: Partial<Record<PhoneChannel, string | undefined>>;
}

/**
 * A number a workspace claimed answers to that workspace only. The shared sender (and any
 * number nobody claimed) answers to the workspace whose invitation from it reached the phone
 * last, so one tenant never sees another's replies or STOPs.
 */
export function createInboundRouter(deps: InboundRouterDeps): InboundRouter {
  return async (message) => {
    const holder = await deps.workspaces.holderOfSenderNumber(message.To);
    if (holder) return holder;
    const phone = message.From.replace(/^whatsapp:/, '');
    return deps.invitations.workspaceOfLastSent(phone, channelsSentFrom(message.To, deps.senders));
  };
}

/**
 * Invitations leave from their channel's shared sender, so the number says the channel. A
 * number that is neither (a messaging service's pool, TWILIO_FROM unset) could be either.
 */
function channelsSentFrom(to: string, senders: InboundRouterDeps['senders']): PhoneChannel[] {
  const number = senderNumberOf(to);
  const matching = (['sms', 'whatsapp'] as const).filter(
    (c) => number !== null && senderNumberOf(senders[c]) === number,
  );
  return matching.length ? matching : ['sms', 'whatsapp'];
}
