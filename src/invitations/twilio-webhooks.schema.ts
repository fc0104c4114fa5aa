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
});
export type InboundMessage = z.infer<typeof inboundMessage>;
