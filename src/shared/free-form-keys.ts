import { z } from 'zod';

export const MAX_KEY_LENGTH = 64;

/**
 * Why a caller-chosen key (an attribute name) cannot be stored, or null. MongoDB reads a `.` as
 * a path and a leading `$` as an operator, BSON cannot hold a NUL in a key, and `__proto__`
 * would vanish when the object is copied.
 */
export function keyProblem(key: string): string | null {
  if (key.length === 0) return 'must not be an empty name';
  if (key.length > MAX_KEY_LENGTH) return `must be a name of at most ${MAX_KEY_LENGTH} characters`;
  if (key.includes('\0')) return 'must not contain a NUL character';
  if (key.startsWith('$')) return 'must not start with "$"';
  if (key.includes('.')) return 'must not contain "."';
  if (key === '__proto__') return 'must not be "__proto__"';
  return null;
}

/**
 * A record of caller-chosen names; each bad name is reported at its own path. The names are
 * checked on the raw input, before zod copies it (a copy would already have lost `__proto__`).
 */
export function freeFormRecord<V extends z.ZodType>(value: V) {
  return z
    .unknown()
    .superRefine((raw, ctx) => {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
      for (const key of Object.keys(raw)) {
        const message = keyProblem(key);
        if (message) ctx.addIssue({ code: 'custom', path: [key], message });
      }
    })
    .pipe(z.record(z.string(), value))
    .meta({
      type: 'object',
      description: `Names of at most ${MAX_KEY_LENGTH} characters, without "." or a leading "$"`,
    });
}
