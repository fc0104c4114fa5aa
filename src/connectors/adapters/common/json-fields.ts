/** Readers for provider JSON, which is untyped: each returns undefined for anything unexpected. */
export type JsonObject = Record<string, unknown>;

export function parseJsonObject(raw: Buffer): JsonObject | null {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return asObject(value) ?? null;
  } catch {
    return null;
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

/** A non-empty trimmed string. */
export function asText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * An identifier given as a string or as an integer. Integers beyond 2^53 have already lost
 * digits in JSON.parse, so they are refused rather than turned into someone else's id.
 */
export function asId(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  return asText(value);
}

/** Unix seconds (integer or fractional) as an ISO date-time. */
export function unixSecondsToIso(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  const date = new Date(Math.round(value * 1000));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Names joined for one string attribute (attributes hold no arrays), within the 1000-char limit. */
export function joinNames(names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  let joined = '';
  for (const name of names) {
    const next = joined === '' ? name : `${joined}, ${name}`;
    if (next.length > 1000) break;
    joined = next;
  }
  return joined === '' ? undefined : joined;
}
