/**
 * Splits `filter[field]=value` query parameters from the others, whether the query parser kept
 * the brackets in the key (Express 5's default) or nested them under `filter`. Both results
 * have no prototype, so `filter[__proto__]` or `filter[constructor]` stay ordinary names that
 * the callers can refuse (on a plain object `__proto__` would be swallowed silently).
 */
export function splitFilterParams(raw: Record<string, unknown>): {
  rest: Record<string, unknown>;
  filters: Record<string, unknown>;
} {
  const rest: Record<string, unknown> = Object.create(null);
  const filters: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(raw)) {
    const bracket = /^filter\[([^\]]*)\]$/.exec(key);
    if (bracket) filters[bracket[1]!] = value;
    else if (key === 'filter' && typeof value === 'object' && value !== null) {
      for (const [name, inner] of Object.entries(value)) filters[name] = inner;
    } else rest[key] = value;
  }
  return { rest, filters };
}

/** Whether a filter value reads as a number: a filter on a number field (revenue) needs one. */
export function isNumberText(value: string): boolean {
  return value.trim() !== '' && Number.isFinite(Number(value));
}
