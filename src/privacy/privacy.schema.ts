import { z } from 'zod';

/** `GET /contacts/export?…`: exactly one of the ways a person is known. */
export const contactLookupQuery = z
  .object({
    externalId: z.string().trim().min(1).max(200).optional(),
    email: z.string().trim().toLowerCase().email().max(320).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number, e.g. +33612345678')
      .optional(),
  })
  .strict()
  .refine((q) => [q.externalId, q.email, q.phone].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of externalId, email or phone',
    path: ['externalId'],
  });
export type ContactLookupQuery = z.infer<typeof contactLookupQuery>;
