/**
 * Readers for provider JSON, which is untyped: each returns undefined (or an empty list) for
 * anything unexpected, so a mapper reads deep paths without checks at every step.
 */
export type JsonObject = Record<string, unknown>;

export function parseJsonObject(raw: Buffer): JsonObject | undefined {
  try {
    return asObject(JSON.parse(raw.toString('utf8')));
  } catch {
    return undefined;
  }
}

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * A trimmed, non-empty string. A helpdesk placeholder that had no value renders as "", or stays
 * the literal "{{…}}" when misspelt: both count as absent.
 */
export function asText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || /^\{\{.*\}\}$/s.test(trimmed) ? undefined : trimmed;
}

/** The texts of a list, the rest left out. */
export function asTexts(value: unknown): string[] {
  return asArray(value)
    .map(asText)
    .filter((t): t is string => t !== undefined);
}

/**
 * An identifier given as a string or as an integer. Integers beyond 2^53 have already lost
 * digits in JSON.parse, so they are refused rather than turned into someone else's id.
 */
export function asId(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  return asText(value);
}
