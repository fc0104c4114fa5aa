import { z } from 'zod';
import { CHANNELS } from '../channels/channel';
import { type Fits, idString } from '../shared/view-schema';
import type { ContactView } from './contacts.service';

export const contactView = z
  .strictObject({
    id: idString,
    externalId: z.string().nullable(),
    name: z.string().nullable(),
    phone: z.string().nullable().meta({ example: '+33612345678' }),
    email: z.string().nullable(),
    locale: z.string().nullable(),
    timezone: z.string().nullable(),
    attributes: z.record(z.string(), z.unknown()),
    optOut: z.partialRecord(z.enum(CHANNELS), z.boolean()),
  })
  .meta({ id: 'Contact' });

export const contactViewFits: Fits<ContactView, typeof contactView> = true;
