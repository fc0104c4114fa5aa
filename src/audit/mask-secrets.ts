/** What a secret reads as in an audit entry's before/after. */
export const MASKED = '[masked]';

const SECRET_KEY = /secret|password|token|credential|private|apikey|^key$|hash/i;

/** `value` with every field named like a secret replaced by [masked] (when it holds a value). */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    if (typeof (value as { toHexString?: unknown }).toHexString === 'function')
      return String(value);
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && v !== null && v !== undefined && v !== '' ? MASKED : maskSecrets(v),
      ]),
    );
  }
  return value;
}

export interface FieldChanges {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * The top-level fields that differ between two views of one thing, secrets masked: what an
 * auditor reads as "changed timezone from Europe/Paris to Europe/London".
 */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldChanges {
  const b = maskSecrets(before) as Record<string, unknown>;
  const a = maskSecrets(after) as Record<string, unknown>;
  const out: FieldChanges = { before: {}, after: {} };
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (key === 'updatedAt') continue;
    if (JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
    out.before[key] = b[key] ?? null;
    out.after[key] = a[key] ?? null;
  }
  return out;
}
