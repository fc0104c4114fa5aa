/**
 * BCP-47 language tags: validation to one canonical spelling, and the choice of which of a
 * text's locales a reader gets. Pure: no I/O.
 */

/** The canonical form of a tag (`pt-br` → `pt-BR`, `fr_CA` → `fr-CA`), or null when it is none. */
export function canonicalLocale(tag: string): string | null {
  const trimmed = tag.trim().replace(/_/g, '-');
  // A 2–3 letter language code first (ISO 639): BCP-47 also allows 5–8 letters, which in
  // practice only catches language names ("French") that are not tags.
  if (!/^[A-Za-z]{2,3}(-|$)/.test(trimmed)) return null;
  try {
    return Intl.getCanonicalLocales(trimmed)[0] ?? null;
  } catch {
    return null;
  }
}

/** The language subtag, lower-case: `pt-BR` → `pt`. */
export function languageOf(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}

/** Scripts written right to left, by their language subtag. */
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur']);

export function isRightToLeft(tag: string): boolean {
  return RIGHT_TO_LEFT.has(languageOf(tag));
}

/** The last resort before "any locale the text has". */
export const FALLBACK_LOCALE = 'en';

/**
 * Which of `available` a reader who wants `wanted` gets: the exact tag, else the bare language
 * (`pt-BR` → `pt`), else another variant of that language (`pt-BR` → `pt-PT`), then the same
 * steps for the workspace default, then English, then the first available. Null when nothing is
 * available. Tags are compared case-insensitively; `available` keeps its order for the last step.
 */
export function resolveLocale(
  available: readonly string[],
  wanted: string | null | undefined,
  workspaceDefault?: string | null,
): string | null {
  if (available.length === 0) return null;
  return (
    matchLocale(available, wanted) ??
    matchLocale(available, workspaceDefault) ??
    matchLocale(available, FALLBACK_LOCALE) ??
    available[0]!
  );
}

/** The entry of `available` in the language of `wanted` (exact, bare, variant), or null. */
export function matchLocale(
  available: readonly string[],
  wanted: string | null | undefined,
): string | null {
  if (!wanted) return null;
  const lower = available.map((a) => a.toLowerCase());
  const want = wanted.toLowerCase();
  const exact = lower.indexOf(want);
  if (exact >= 0) return available[exact]!;
  const language = languageOf(want);
  const bare = lower.indexOf(language);
  if (bare >= 0) return available[bare]!;
  const variant = lower.findIndex((a) => languageOf(a) === language);
  return variant >= 0 ? available[variant]! : null;
}

/** A text per locale; blank entries count as absent. */
export type LocalizedTexts = Readonly<Record<string, string | null | undefined>>;

/** The locales a text has a non-blank entry for, in its own order. */
export function localesOf(text: LocalizedTexts | null | undefined): string[] {
  if (!text) return [];
  return Object.keys(text).filter((k) => typeof text[k] === 'string' && text[k].trim() !== '');
}

/** The entry a reader gets (see resolveLocale), with the locale it is in; null when none. */
export function pickLocalized(
  text: LocalizedTexts | null | undefined,
  wanted: string | null | undefined,
  workspaceDefault?: string | null,
): { locale: string; text: string } | null {
  const locale = resolveLocale(localesOf(text), wanted, workspaceDefault);
  return locale && text ? { locale, text: text[locale]! } : null;
}
