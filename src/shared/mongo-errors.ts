/** MongoDB's duplicate-key error (E11000), as the driver surfaces it. */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
