import type { ChannelAdapter, OutgoingMessage, SendResult } from './channel';
import { PermanentSendError } from './channel';
import { countSmsSegments } from './sms-segments';
import { toSendError } from './twilio-errors';
import type { TwilioClient } from './twilio-http-client';

export interface TwilioAdapterOptions {
  client: TwilioClient;
  from?: string;
  messagingServiceSid?: string;
  whatsappFrom?: string;
}

const WHATSAPP = 'whatsapp:';
/** Links are unique per invitation, so a wide window only costs a few listed messages. */
const CLOCK_SKEW_MS = 5 * 60_000;

export function createTwilioAdapter(
  channel: 'sms' | 'whatsapp',
  opts: TwilioAdapterOptions,
): ChannelAdapter {
  const address = (to: string) => (channel === 'whatsapp' ? withWhatsApp(to) : to);
  const sender = senderFor(channel, opts);

  return {
    channel,
    ...(sender && 'from' in sender ? { sender: sender.from.replace(WHATSAPP, '') } : {}),

    async send(message: OutgoingMessage): Promise<SendResult> {
      if (!sender) {
        throw new PermanentSendError(`No ${channel} sender configured`, 'not_configured');
      }
      try {
        const sent = await opts.client.messages.create({
          to: address(message.to),
          ...sender,
          // A Content template goes without Body: Twilio sends the approved text, filled in.
          ...(message.content
            ? {
                contentSid: message.content.sid,
                contentVariables: JSON.stringify(message.content.variables),
              }
            : { body: message.text }),
          ...(message.statusCallback ? { statusCallback: message.statusCallback } : {}),
        });
        return { providerId: sent.sid, ...(channel === 'sms' ? segmentsOf(message.text) : {}) };
      } catch (err) {
        throw toSendError(err);
      }
    },

    // Lists by recipient only: a message Twilio still queues has no date_sent yet, so a
    // DateSent filter would miss exactly the send a crashed worker is looking for.
    async findSent(to: string, link: string, since: Date): Promise<string | null> {
      try {
        const recent = await opts.client.messages.list({ to: address(to), limit: 100 });
        const from = since.getTime() - CLOCK_SKEW_MS;
        const match = recent.find(
          (m) => m.body?.includes(link) && (m.dateCreated?.getTime() ?? Infinity) >= from,
        );
        return match?.sid ?? null;
      } catch (err) {
        throw toSendError(err);
      }
    },
  };
}

/**
 * A Messaging Service, when there is one, picks the sender itself (sticky senders, its own
 * opt-out handling), so it is preferred over a fixed From number.
 */
function senderFor(
  channel: 'sms' | 'whatsapp',
  opts: TwilioAdapterOptions,
): { from: string } | { messagingServiceSid: string } | undefined {
  if (opts.messagingServiceSid) return { messagingServiceSid: opts.messagingServiceSid };
  const from =
    channel === 'whatsapp' ? opts.whatsappFrom && withWhatsApp(opts.whatsappFrom) : opts.from;
  return from ? { from } : undefined;
}

function withWhatsApp(address: string): string {
  return address.startsWith(WHATSAPP) ? address : `${WHATSAPP}${address}`;
}

// WhatsApp is billed per message, not per segment, so only SMS reports them.
function segmentsOf(text: string): Pick<SendResult, 'segments' | 'encoding'> {
  const { segments, encoding } = countSmsSegments(text);
  return { segments, encoding };
}
