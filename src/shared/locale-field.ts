import { z } from 'zod';
import { canonicalLocale } from './locales';

/** "fr-FR", "fr_CA", "PT-br" → their canonical BCP-47 form ("fr-FR", "fr-CA", "pt-BR"). */
export const localeTagField = z
  .string()
  .trim()
  .max(35)
  .transform((l, ctx) => {
    const canonical = canonicalLocale(l);
    if (canonical) return canonical;
    ctx.addIssue({ code: 'custom', message: 'must be a language tag such as fr or en-GB' });
    return z.NEVER;
  })
  .meta({ description: 'BCP-47 language tag', example: 'pt-BR' });

const MAX_LOCALES = 50;

/**
 * A map keyed by BCP-47 locale (`{ "es": …, "pt-BR": … }`); keys are stored in their canonical
 * form, so `pt-br` and `pt-BR` are one locale and may not both be given.
 */
export const localeKeyed = <T extends z.ZodType>(value: T) =>
  z
    .record(z.string(), value)
    .refine((m) => Object.keys(m).length <= MAX_LOCALES, `at most ${MAX_LOCALES} locales`)
    .superRefine((m, ctx) => {
      const seen = new Map<string, string>();
      for (const key of Object.keys(m)) {
        const canonical = canonicalLocale(key);
        if (!canonical) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'is not a BCP-47 language tag (such as en, es or pt-BR)',
          });
          continue;
        }
        const twin = seen.get(canonical);
        if (twin !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `is the same locale as "${twin}" (${canonical})`,
          });
        seen.set(canonical, key);
      }
    })
    .transform((m) =>
      Object.fromEntries(Object.entries(m).map(([key, v]) => [canonicalLocale(key)!, v])),
    );
