/** What erased text reads as, wherever a person's words or details are cut out. */
export const ERASED = '[erased]';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `text` with every occurrence of the given strings (a name, a phone, a comment quoted in a
 * note) replaced by [erased], case-insensitively. Strings shorter than 3 characters are left
 * alone: a two-letter name would otherwise eat half the note.
 */
export function scrubText(text: string, secrets: readonly string[]): string {
  const needles = [...new Set(secrets.map((s) => s.trim()).filter((s) => s.length >= 3))].sort(
    (a, b) => b.length - a.length,
  );
  if (needles.length === 0) return text;
  return text.replace(new RegExp(needles.map(escape).join('|'), 'gi'), ERASED);
}

/** The strings a person's free text and details are found by in staff-written text. */
export function subjectSecrets(subject: {
  identity: { name: string | null; phone: string | null; email: string | null };
  texts: readonly string[];
}): string[] {
  const { name, phone, email } = subject.identity;
  return [name, phone, email, ...subject.texts].filter((s): s is string => Boolean(s));
}

/** `value` with scrubText applied to every string in it (arrays and plain objects walked). */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return scrubText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => scrubDeep(v, secrets)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, scrubDeep(v, secrets)]),
    ) as T;
  }
  return value;
}
