import { z } from 'zod';

/** Common pieces of the API's response schemas (what the OpenAPI document shows). */
export const idString = z
  .string()
  .regex(/^[0-9a-f]{24}$/)
  .meta({ example: '6650c0ffee0000000000a1b2' });
export const isoDateTime = z.iso.datetime().meta({ example: '2026-05-04T09:30:00.000Z' });
/** One text per BCP-47 locale, keys in canonical form (`{ "fr": "…", "pt-BR": "…" }`). */
export const localizedText = z
  .record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/), z.string().nullish())
  .meta({ example: { en: 'How likely are you to recommend us?', es: '¿Nos recomendaría?' } });
export const scaleView = z.strictObject({ min: z.number().int(), max: z.number().int() });
export const directionView = z.enum(['higher_better', 'lower_better']);

/**
 * Compile-time check that a service's view type fits its documented schema: a field added to
 * the view but not to the schema fails the typecheck (the response test catches the rest).
 */
export type Fits<View, S extends z.ZodType> = View extends z.input<S> ? true : never;
