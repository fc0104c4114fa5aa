import { z } from 'zod';

/** The form fields Retour reads from Twilio's webhooks (Twilio sends more; they are ignored). */
const messageSid = z.string().min(1).meta({ example: 'SM0123456789abcdef0123456789abcdef' });

export const statusCallback = z.object({
  MessageSid: messageSid,
  MessageStatus: z.string().min(1).meta({ example: 'delivered' }),
  ErrorCode: z.string().optional().meta({ example: '30003' }),
});

export const inboundMessage = z.object({
  MessageSid: messageSid,
  From: z.string().min(1).meta({ example: '+33612345678' }),
  To: z.string().min(1).meta({ example: '+33700000000' }),
  Body: z.string().default('').meta({ example: '9' }),
  /** A WhatsApp quick-reply button's payload, or a list-picker item's id: the chosen answer. */
  ButtonPayload: z.string().optional().meta({ example: '5' }),
  ListId: z.string().optional().meta({ example: '4' }),
});
export type InboundMessage = z.infer<typeof inboundMessage>;

export const workspaceSlugParam = z.object({
  workspaceSlug: z.string().min(1).max(200).meta({ example: 'acme-support-1a2b3c' }),
});
