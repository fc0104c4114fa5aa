/**
 * Splits `filter[field]=value` query parameters from the others, whether the query parser kept
 * the brackets in the key (Express 5's default) or nested them under `filter`.
 */
export function splitFilterParams(raw: Record<string, unknown>): {
  rest: Record<string, unknown>;
  filters: Record<string, unknown>;
} {
  const rest: Record<string, unknown> = {};
  const filters: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const bracket = /^filter\[([^\]]*)\]$/.exec(key);
    if (bracket) filters[bracket[1]!] = value;
    else if (key === 'filter' && typeof value === 'object' && value !== null) {
      Object.assign(filters, value);
    } else rest[key] = value;
  }
  return { rest, filters };
}
