import { z } from 'zod';

/** A bounce an ESP webhook or a DSN reader reports for one of Retour's emails. */
export const emailBounceInput = z
  .strictObject({
    /** The Message-ID Retour sent the invitation with, angle brackets optional. */
    messageId: z
      .string()
      .trim()
      .min(3)
      .max(300)
      .meta({ example: '<invitation-6650c0ffee0000000000a1b2@retour.example.com>' }),
    /** The DSN status (RFC 3463): 5.x.x is permanent; 4.x.x is only noted. Default 5.0.0. */
    status: z
      .string()
      .regex(/^[45]\.\d{1,3}\.\d{1,3}$/, 'must be a DSN status such as 5.1.1')
      .default('5.0.0'),
    diagnostic: z.string().max(1000).optional().meta({ example: '550 5.1.1 mailbox unknown' }),
  })
  .meta({ id: 'EmailBounceInput' });
export type EmailBounceInput = z.input<typeof emailBounceInput>;

export const emailBounceView = z
  .strictObject({
    invitationId: z.string(),
    status: z.string().meta({ example: 'scheduled' }),
    permanent: z.boolean(),
    fellBack: z.boolean(),
  })
  .meta({ id: 'EmailBounce' });
