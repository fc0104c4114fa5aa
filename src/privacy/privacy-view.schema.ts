import { z } from 'zod';

const objectId = z.string().regex(/^[0-9a-fA-F]{24}$/);

/** GET /contacts/:id/export and /contacts/export: everything held about one person. */
export const contactExportView = z
  .object({
    exportedAt: z.iso.datetime(),
    workspace: z.object({ id: objectId, name: z.string() }).strict(),
    contactId: objectId,
    collections: z
      .record(z.string(), z.array(z.unknown()))
      .meta({ description: 'Every document held about the person, by collection name' }),
  })
  .strict()
  .meta({ id: 'ContactExport' });

/** POST /contacts/:id/erase: what was erased, per collection. */
export const contactErasureView = z
  .object({
    contactId: objectId,
    erasedAt: z.iso.datetime(),
    erased: z
      .record(z.string(), z.number().int().min(0))
      .meta({ description: 'Documents changed per collection; all zero when nothing was left' }),
  })
  .strict()
  .meta({ id: 'ContactErasure' });
